"""How a comment written in one language shows on an edition in another.

One story has one conversation on every edition. A comment in the edition's own language (or of
no known language) shows as written. One in another language shows its translation into the
edition's language where readers may see one ("Translated from Russian", the original one click
away), else its own words marked with their language ("Written in Russian").

Readers see a translation made by a translator, or a machine draft a translator reviewed; an
unreviewed machine draft only where the site allows it (SERAI_SHOW_MACHINE_TRANSLATIONS), labelled
"Machine translation".

An edition whose `other_language_comments` is TRANSLATED shows a conversation (a top-level comment
and its replies) only when its top-level comment is in the edition's language or translated into
it. Replies come with their conversation, each translated where it can be, else as written: a
reply is never shown without what it answers, nor hidden from under a comment readers see. The
count ("17 Comments") counts the published comments of the conversations the edition shows, so it
is what the reader can find on its pages. With ALL (the default) every edition shows every
comment, and the counts are the same on every edition.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language_info, gettext

from serai.comments import text as comment_text
from serai.comments.models import Comment, CommentTranslation, TranslationOrigin
from serai.newsroom.editions import OtherLanguages, edition_settings


def readers_may_see_q() -> Q:
    """The translations readers may see: a translator's, a reviewed draft, and, where the site
    allows it, an unreviewed machine draft."""
    if settings.SERAI_SHOW_MACHINE_TRANSLATIONS:
        return Q()
    return Q(origin=TranslationOrigin.HUMAN) | Q(reviewed_at__isnull=False)


def only_translated(language: str) -> bool:
    """The edition leaves out conversations begun in another language that nobody translated."""
    return edition_settings(language).other_language_comments == OtherLanguages.TRANSLATED


def on_edition_q(language: str, *, of_root: bool = False) -> Q:
    """Comments an edition that shows only translated ones may show: in its language, of no known
    language, or with a translation into it that readers may see. `of_root`: asked of the
    comment's top-level comment (`Comment.root`) instead of the comment itself."""
    translated = CommentTranslation.objects.filter(
        readers_may_see_q(), comment_id=OuterRef("root_id" if of_root else "pk"), language=language
    )
    field = "root__language__in" if of_root else "language__in"
    return Q(**{field: [language, ""]}) | Q(Exists(translated))


def conversation_on_edition_q(language: str) -> Q:
    """`on_edition_q` for a comment's whole conversation: top-level comments by themselves, replies
    by their top-level comment."""
    return Q(depth=0) & on_edition_q(language) | Q(depth__gt=0) & on_edition_q(language, of_root=True)


def attach_translations(comments: list[Comment], language: str) -> None:
    """Give each comment its translation into `language` that readers may see, or None
    (`.shown_translation`), reading every one the page needs in one query; none is read when
    every comment is in the edition's language."""
    wanted = [c for c in comments if c.language and c.language != language and not c.is_tombstone]
    for comment in comments:
        comment.shown_translation = None
    if not wanted:
        return
    found = CommentTranslation.objects.filter(
        readers_may_see_q(), comment_id__in=[c.pk for c in wanted], language=language
    ).only("comment_id", "language", "text", "text_html", "origin", "reviewed_at")
    by_comment = {t.comment_id: t for t in found}
    for translation in by_comment.values():
        if not translation.text_html:  # stored without its HTML: made here as it would have been
            translation.text_html = comment_text.render(translation.text)
    for comment in wanted:
        comment.shown_translation = by_comment.get(comment.pk)


def language_name(code: str) -> str:
    """A language's name in the reader's edition language: the site's own names (LANGUAGES, in
    its catalogues), else Django's, else the code itself."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def is_machine(translation: CommentTranslation | None) -> bool:
    """A machine draft nobody reviewed: readers see it labelled "Machine translation"."""
    return translation is not None and not translation.is_reviewed


def translation_note(comment: Comment, translation: CommentTranslation | None) -> str:
    """ "Translated from Russian" over a translation; "Written in Russian" over words shown as
    written in another language than the edition's; nothing for the edition's own language."""
    if translation is not None:
        return gettext("Translated from %(language)s") % {"language": language_name(comment.language)}
    return gettext("Written in %(language)s") % {"language": language_name(comment.language)}
