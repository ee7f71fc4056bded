"""Saving, reviewing and deleting comments' translations: the limits, the refusals (each with a
reason, nothing written), and the refresh of every edition's page once the change commits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from serai.comments.models import Comment, CommentTranslation
from serai.comments.signals import thread_changed
from serai.desk.services import comment_remove
from serai.translation import services
from tests.moderation.factories import clause, post

Origin = CommentTranslation.Origin


@pytest.fixture
def comment(story):
    return post(story["ru"], "Только рассуждают [о тарифах], а ничего не делают.", language="ru")


@pytest.fixture
def refreshed():
    """The stories whose pages were refreshed (thread_changed sent after commit)."""
    sent = []

    def receiver(sender, story=None, **kwargs):
        sent.append(story)

    thread_changed.connect(receiver, dispatch_uid="test-translation-refreshed")
    yield sent
    thread_changed.disconnect(dispatch_uid="test-translation-refreshed")


def test_a_translator_saves_a_translation_with_brackets_kept(
    comment, translator, refreshed, django_capture_on_commit_callbacks
):
    """Stored as the translator's own, rendered as comments are (escaped, paragraphs), and the
    story's pages refreshed after commit."""
    text = "They only talk [about tariffs]\n\n<b>and do nothing</b>."
    with django_capture_on_commit_callbacks(execute=True):
        saved = services.translation_save(comment=comment, language="en", text=text, translator=translator)
    saved.refresh_from_db()
    assert saved.text == text and saved.origin == Origin.HUMAN and saved.is_reviewed
    assert saved.translated_by == translator and saved.reviewed_by == translator
    assert saved.text_html == "<p>They only talk [about tariffs]</p><p>&lt;b&gt;and do nothing&lt;/b&gt;.</p>"
    assert refreshed == [comment.story_id]


def test_a_second_save_replaces_the_first(comment, translator):
    services.translation_save(comment=comment, language="en", text="First try.", translator=translator)
    services.translation_save(comment=comment, language="en", text="Second try.", translator=translator)
    assert list(CommentTranslation.objects.values_list("text", flat=True)) == ["Second try."]


def test_a_machine_draft_saved_unchanged_is_the_machines_reviewed_by_the_translator(comment, translator):
    draft = "They only talk [about tariffs], and do nothing."
    saved = services.translation_save(
        comment=comment, language="en", text=draft + "  ", translator=translator, machine_draft=draft
    )
    assert saved.origin == Origin.MACHINE and saved.translated_by is None
    assert saved.reviewed_by == translator and saved.is_reviewed


def test_a_corrected_machine_draft_is_the_translators(comment, translator):
    saved = services.translation_save(
        comment=comment,
        language="en",
        text="They talk.",
        translator=translator,
        machine_draft="They only talk.",
    )
    assert saved.origin == Origin.HUMAN and saved.translated_by == translator


def test_the_limit_is_the_comments_limit_counted_the_same_way(comment, translator, settings):
    """1,500 user-perceived characters: a flag is one; one more is refused with the numbers."""
    settings.SERAI_COMMENT_MAX_LENGTH = 1500
    services.translation_save(comment=comment, language="en", text="🇰🇿" * 1500, translator=translator)
    with pytest.raises(ValidationError, match="1501 characters long; the limit is 1500.*by 1 character"):
        services.translation_save(comment=comment, language="kk", text="a" * 1501, translator=translator)
    assert not CommentTranslation.objects.filter(language="kk").exists()


def test_an_empty_translation_is_refused(comment, translator):
    with pytest.raises(ValidationError, match="Write the translation"):
        services.translation_save(comment=comment, language="en", text=" \n\u202e ", translator=translator)


@pytest.mark.parametrize("code", ["de", "EN", "", "en-x-" + "a" * 40, "../en"])
def test_a_language_the_site_does_not_publish_in_is_refused(comment, translator, code):
    with pytest.raises(ValidationError, match="not a language this site publishes in"):
        services.translation_save(comment=comment, language=code, text="Hello.", translator=translator)
    assert not CommentTranslation.objects.exists()


def test_the_comments_own_language_is_refused(comment, translator):
    with pytest.raises(ValidationError, match="written in Russian already"):
        services.translation_save(comment=comment, language="ru", text="Привет.", translator=translator)


def test_without_a_detected_language_the_editions_counts(story, translator):
    comment = post(story["kk"], "Сәлем.")
    Comment.objects.filter(pk=comment.pk).update(language="")
    with pytest.raises(ValidationError, match="written in Kazakh already"):
        services.translation_save(comment=comment, language="kk", text="Сәлем.", translator=translator)


def test_a_removed_comment_cannot_be_translated(comment, translator, moderator):
    comment_remove(comment=comment, moderator=moderator, clause=clause(1))
    with pytest.raises(ValidationError, match="no longer published"):
        services.translation_save(
            comment=comment, language="en", text="They only talk.", translator=translator
        )
    assert not CommentTranslation.objects.exists()


@pytest.mark.parametrize("status", ["pending", "rejected", "spam", "removed"])
def test_only_published_comments_are_translated(comment, translator, status):
    Comment.objects.filter(pk=comment.pk).update(status=status)
    with pytest.raises(ValidationError, match="no longer published"):
        services.translation_save(
            comment=comment, language="en", text="They only talk.", translator=translator
        )


def test_the_desk_keeps_a_colleagues_reviewed_translation(comment, translator):
    services.translation_save(comment=comment, language="en", text="Theirs.", translator=translator)
    with pytest.raises(services.TranslationConflict, match="Someone else translated"):
        services.translation_save(
            comment=comment, language="en", text="Mine.", translator=translator, replace=False
        )
    assert CommentTranslation.objects.get().text == "Theirs."


def test_a_stored_machine_draft_is_reviewed_then_shown(
    comment, translator, refreshed, django_capture_on_commit_callbacks
):
    draft = services.machine_draft_save(comment=comment, language="en", text="They only talk.")
    assert draft.origin == Origin.MACHINE and not draft.is_reviewed
    assert services.machine_draft_save(comment=comment, language="en", text="Again.") is None
    with django_capture_on_commit_callbacks(execute=True):
        reviewed = services.translation_review(translation=draft, reviewer=translator)
    assert reviewed.is_reviewed and reviewed.reviewed_by == translator and reviewed.translated_by is None
    assert refreshed == [comment.story_id]


def test_a_machine_draft_is_replaced_even_by_the_desk(comment, translator):
    services.machine_draft_save(comment=comment, language="en", text="They only talk.")
    saved = services.translation_save(
        comment=comment, language="en", text="They just talk.", translator=translator, replace=False
    )
    assert saved.origin == Origin.HUMAN and CommentTranslation.objects.count() == 1


def test_delete_refreshes_the_pages(comment, translator, refreshed, django_capture_on_commit_callbacks):
    saved = services.translation_save(
        comment=comment, language="en", text="They talk.", translator=translator
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.translation_delete(translation=saved)
    assert not CommentTranslation.objects.exists() and refreshed == [comment.story_id]


def test_the_translators_work_is_in_the_audit_log(comment, translator):
    from serai.moderation.models import Decision

    Action = Decision.Action
    services.translation_save(comment=comment, language="en", text="They talk.", translator=translator)
    draft = services.machine_draft_save(comment=comment, language="kk", text="Олар сөйлейді.")
    services.translation_review(translation=draft, reviewer=translator)
    services.translation_delete(translation=draft, deleted_by=translator)
    logged = Decision.objects.order_by("pk").values_list("action", "moderator_name", "comment", "subject")
    assert list(logged) == [
        (Action.TRANSLATED, "tolkyn", comment.pk, "→ en"),
        (Action.TRANSLATION_REVIEWED, "tolkyn", comment.pk, "→ kk"),
        (Action.TRANSLATION_DELETED, "tolkyn", comment.pk, "→ kk"),
    ]
