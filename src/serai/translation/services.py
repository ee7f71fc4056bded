"""Writes to comments' translations: a translator's save, the review of a machine draft, a delete.

Each is one transaction on the comment's row; once it commits, the story's conversation has
changed (`thread_changed`), so the page of every edition is refreshed. Refused with a
`ValidationError` that says why, and nothing written: a text over the comments' limit, a comment
readers cannot see (removed, rejected, spam, pending), a language the site does not publish, or
the comment's own language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from serai.comments import text as comment_text
from serai.comments.models import Comment, CommentTranslation
from serai.comments.signals import thread_changed
from serai.core import locks
from serai.moderation.models import Decision
from serai.moderation.services import decision_log

Origin = CommentTranslation.Origin


class TranslationConflict(ValidationError):
    """Someone else saved a reviewed translation of this comment into this language meanwhile."""


def source_language(comment: Comment) -> str:
    """The language the comment is written in: as detected, else its edition's."""
    return comment.language or comment.article.language


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def clean_text(text: str) -> str:
    """The translation as comments are stored (normalised), or a refusal saying what is wrong."""
    text = comment_text.normalise(text or "")
    if not text:
        raise ValidationError(_("Write the translation before saving it."), code="required")
    limit, length = settings.SERAI_COMMENT_MAX_LENGTH, comment_text.length(text)
    if length > limit:
        over = length - limit
        raise ValidationError(
            ngettext(
                "The translation is %(length)d characters long; the limit is %(limit)d, as for "
                "comments. Shorten it by %(over)d character.",
                "The translation is %(length)d characters long; the limit is %(limit)d, as for "
                "comments. Shorten it by %(over)d characters.",
                over,
            )
            % {"length": length, "limit": limit, "over": over},
            code="too_long",
        )
    return text


def check_language(comment: Comment, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("“%(code)s” is not a language this site publishes in.") % {"code": language[:20]},
            code="unknown_language",
        )
    if language == source_language(comment):
        raise ValidationError(
            _("This comment is written in %(language)s already.") % {"language": language_name(language)},
            code="same_language",
        )


def _locked_comment(comment: Comment) -> Comment:
    """The comment's row, locked for this transaction, and still shown to readers."""
    locked = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(pk=comment.pk)
        .first()
    )
    if locked is None or locked.status != Comment.Status.PUBLISHED:
        raise ValidationError(
            _(
                "This comment is no longer published (a moderator removed it, or it is held): "
                "it cannot be translated now. Your text is kept below."
            ),
            code="not_published",
        )
    return locked


def _refresh_after_commit(comment: Comment) -> None:
    transaction.on_commit(
        lambda: thread_changed.send(
            sender=CommentTranslation, article_id=comment.article_id, story=comment.story_id
        ),
        robust=True,
    )


def translation_save(
    *,
    comment: Comment,
    language: str,
    text: str,
    translator,
    machine_draft: str = "",
    replace: bool = True,
) -> CommentTranslation:
    """Save the translation of `comment` into `language`, replacing any earlier one.

    Saved unchanged from the machine's draft (`machine_draft`), it is the machine's translation,
    reviewed by `translator`; otherwise it is the translator's own. With `replace=False` (the
    desk), a reviewed translation someone else saved meanwhile is kept and this one refused.
    """
    text = clean_text(text)
    with locks.writing():
        comment = _locked_comment(comment)
        check_language(comment, language)
        existing = CommentTranslation.objects.filter(comment=comment, language=language).first()
        if existing is not None and existing.is_reviewed and not replace:
            raise TranslationConflict(
                _(
                    "Someone else translated this comment into %(language)s meanwhile; theirs is kept. "
                    "Your text is kept below."
                )
                % {"language": language_name(language)},
                code="conflict",
            )
        translation = existing or CommentTranslation(comment=comment, language=language)
        _fill(
            translation,
            text=text,
            translator=translator,
            machine=bool(machine_draft) and text == comment_text.normalise(machine_draft),
        )
        translation.save()
        _logged(translation, by=translator)
        _refresh_after_commit(comment)
    return translation


def _logged(translation: CommentTranslation, *, by, action: str = "") -> None:
    """A line of the audit log, beside the moderators' decisions: who, which comment, which language."""
    if not action:
        machine = translation.origin == Origin.MACHINE
        action = Decision.Action.TRANSLATION_REVIEWED if machine else Decision.Action.TRANSLATED
    decision_log(
        moderator=by, action=action, comment=translation.comment, subject=f"→ {translation.language}"
    )


def _fill(translation: CommentTranslation, *, text: str, translator, machine: bool) -> None:
    now = timezone.now()
    translation.text, translation.text_html = text, comment_text.render(text)
    translation.updated_at = now
    translation.reviewed_by, translation.reviewed_at = translator, now
    if machine:
        translation.origin, translation.translated_by = Origin.MACHINE, None
    else:
        translation.origin, translation.translated_by = Origin.HUMAN, translator


def translation_review(*, translation: CommentTranslation, reviewer) -> CommentTranslation:
    """A translator stands behind a machine draft as it is: readers may see it from now on."""
    with locks.writing():
        comment = _locked_comment(translation.comment)
        translation = CommentTranslation.objects.select_for_update().get(pk=translation.pk)
        if translation.reviewed_at is None:
            translation.reviewed_by, translation.reviewed_at = reviewer, timezone.now()
            translation.save(update_fields=["reviewed_by", "reviewed_at"])
            _logged(translation, by=reviewer)
            _refresh_after_commit(comment)
    return translation


def machine_draft_save(*, comment: Comment, language: str, text: str) -> CommentTranslation | None:
    """Keep a machine's draft nobody reviewed yet, unless a translation is there already."""
    text = clean_text(text)
    with locks.writing():
        comment = _locked_comment(comment)
        check_language(comment, language)
        translation, created = CommentTranslation.objects.get_or_create(
            comment=comment,
            language=language,
            defaults={"text": text, "text_html": comment_text.render(text), "origin": Origin.MACHINE},
        )
        if created and settings.SERAI_SHOW_MACHINE_TRANSLATIONS:
            _refresh_after_commit(comment)
    return translation if created else None


def translation_delete(*, translation: CommentTranslation, deleted_by=None) -> None:
    """Readers see the original again, marked with its language."""
    with locks.writing():
        comment = Comment.objects.select_for_update().filter(pk=translation.comment_id).first()
        if comment is not None:
            _logged(translation, by=deleted_by, action=Decision.Action.TRANSLATION_DELETED)
        CommentTranslation.objects.filter(pk=translation.pk).delete()
        if comment is not None and comment.status == Comment.Status.PUBLISHED:
            _refresh_after_commit(comment)
