"""What a decision says to readers is in the language of the edition the comment was written on,
whatever language the moderator's screens are in: the reason stored with the comment, and the
tombstone the edition's page shows."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from serai.comments.models import Comment
from serai.desk import services
from serai.moderation.models import Decision
from tests.moderation.factories import article_with_thread, clause, post

pytestmark = pytest.mark.django_db
RUSSIAN_ACT = "/ru/moderation/act/"
TOMBSTONE = "This comment was removed for breaking clause %(n)s of the Comment Policy (%(title)s)."


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def insults():
    found = clause(1)
    found.translated_titles = {"ru": "Оскорбления", "kk": "Қорлау"}
    found.save()
    return found


@pytest.fixture
def kazakh(db):
    return article_with_thread("pre", language="kk")


def test_approving_from_a_russian_screen_stores_the_reason_in_kazakh(moderator_client, kazakh):
    comment = post(kazakh, "Су тарифтері туралы.")
    response = moderator_client.post(RUSSIAN_ACT, {"act": f"approve:{comment.pk}"})
    assert response.status_code == 303
    comment.refresh_from_db()
    kazakh_label = in_language("kk", "Approved")
    assert kazakh_label not in ("Approved", in_language("ru", "Approved"))
    assert (comment.status, comment.moderation_reason) == (Comment.Status.PUBLISHED, kazakh_label)


def test_rejecting_from_a_russian_screen_cites_the_clause_by_its_kazakh_title(
    moderator_client, kazakh, insults
):
    comment = post(kazakh)
    moderator_client.post(RUSSIAN_ACT, {"act": f"reject:{comment.pk}", f"clause-{comment.pk}": insults.pk})
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (Comment.Status.REJECTED, "Қорлау")


def test_a_moderators_own_note_is_kept_as_written(moderator_client, kazakh, insults):
    comment = post(kazakh)
    moderator_client.post(RUSSIAN_ACT, {"act": f"reject:{comment.pk}", f"clause-{comment.pk}": insults.pk,
                                        f"note-{comment.pk}": "Спам-ссылка"})  # fmt: skip
    comment.refresh_from_db()
    assert comment.moderation_reason == "Спам-ссылка"


def test_the_kazakh_editions_tombstone_reads_in_kazakh_after_a_russian_screens_removal(
    moderator_client, client, insults
):
    article = article_with_thread("post", language="kk")
    comment = post(article, "Жарнама.")
    post(article, "Жауап.", parent=comment, email="other@example.org")
    moderator_client.post(RUSSIAN_ACT, {"act": f"reject:{comment.pk}", f"clause-{comment.pk}": insults.pk})
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED
    page = client.get(article.get_absolute_url()).content.decode()
    expected = in_language("kk", TOMBSTONE) % {"n": insults.number, "title": "Қорлау"}
    assert expected != TOMBSTONE % {"n": insults.number, "title": "Қорлау"}
    assert expected in page
    assert "Оскорбления" not in page and "Жарнама." not in page


def test_a_comment_hidden_by_reports_says_so_in_its_editions_language(kazakh, settings, insults):
    settings.SERAI_REPORTS_TO_HIDE = 2
    comment = post(kazakh)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PUBLISHED)
    comment.refresh_from_db()
    with translation.override("ru"):  # the readers who reported it read the Russian edition
        for n in (1, 2):
            services.comment_report(
                comment=comment, reporter_key=f"r{n}", ip_hash=f"{n:064d}", clause=insults
            )
    comment.refresh_from_db()
    english = "Hidden after %(n)d readers reported it; awaiting a moderator."
    expected = in_language("kk", english) % {"n": 2}
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reason == expected != english % {"n": 2}
    assert Decision.objects.get(action="hide").note == expected
