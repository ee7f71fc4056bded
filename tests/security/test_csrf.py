"""Cross-site request forgery: staff forms need Django's token, readers' forms need our own origin.

tests/comments/test_csrf.py covers the comment, vote, edit and delete endpoints; this file adds
every staff form (the back office and the moderation pages), the readers' report and stop-email
forms, and the privacy forms.
"""

from __future__ import annotations

import pytest
from django.test import Client

from serai.comments import notifications
from serai.comments.models import Comment
from serai.comments.services import email_is_confirmed
from serai.moderation.models import Ban, Report, WordListEntry
from serai.newsroom.models import Article
from serai.privacy.services import link_token
from tests.comments.helpers import CommentFactory, report_data, report_url
from tests.comments.test_csrf import CROSS_SITE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory
from tests.moderation.factories import ModeratorFactory, WordFactory, clause

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
REFUSED = "This form was sent from another site, so it was refused."


def _signed_in(user) -> Client:
    user.refresh_from_db()  # after a password change, sign in with the new one
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _token(client, url: str) -> str:
    """The CSRF token a page gives the browser (from its cookie), as a form would send it."""
    assert client.get(url).status_code == 200, url
    if "csrftoken" not in client.cookies:  # a page whose list is empty shows no form yet
        client.get("/admin/")
    return client.cookies["csrftoken"].value


@pytest.fixture
def published():
    return CommentFactory(article=ArticleFactory(), author_name="Aibek", email="aibek@example.org")


@pytest.fixture
def chief():
    return UserFactory(username="chief", superuser=True)


def _staff_forms(published, chief):
    """(name, who, page with the form, URL it posts to, data, what must not have happened)."""
    article = published.article
    section, author = SectionFactory(slug="science"), AuthorFactory()
    word = WordFactory(term="villain")
    ban = Ban.objects.create(email_hash="a" * 64, author_name="Troll")
    new_article = {
        "language": "en", "headline": "Forged", "slug": "forged", "section": section.pk,
        "dateline": "", "standfirst": "", "body": "x", "status": "draft",
        "published_at_0": "", "published_at_1": "", "update_note": "", "translation_of": "",
        "bylines-TOTAL_FORMS": 1, "bylines-INITIAL_FORMS": 0, "bylines-MIN_NUM_FORMS": 1,
        "bylines-MAX_NUM_FORMS": 1000, "bylines-0-author": author.pk, "bylines-0-position": 0,
        "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0, "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    return [
        ("admin add article", chief, "/admin/newsroom/article/add/", "/admin/newsroom/article/add/",
         new_article, lambda: Article.objects.filter(slug="forged").exists()),
        ("admin list action", chief, "/admin/newsroom/article/", "/admin/newsroom/article/",
         {"action": "unpublish", "_selected_action": [article.pk], "index": 0},
         lambda: Article.objects.get(pk=article.pk).status != "published"),
        ("admin password", chief, f"/admin/auth/user/{chief.pk}/password/",
         f"/admin/auth/user/{chief.pk}/password/",
         {"password1": "Another long passphrase 9", "password2": "Another long passphrase 9"},
         lambda: not UserFactory._meta.model.objects.get(pk=chief.pk).check_password(PASSWORD)),
        ("admin sign out", chief, "/admin/", "/admin/logout/", {}, None),
        ("queue decision", "moderator", "/en/moderation/", "/en/moderation/act/",
         {"act": f"reject:{published.pk}", f"clause-{published.pk}": clause(2).pk,
          f"note-{published.pk}": "x", "bulk": "", "bulk_note": ""},
         lambda: Comment.objects.get(pk=published.pk).status != "published"),
        ("word list add", "moderator", "/en/moderation/words/", "/en/moderation/words/",
         {"term": "scoundrel", "kind": "banned", "language": "", "clause": "", "note": ""},
         lambda: WordListEntry.objects.filter(term="scoundrel").exists()),
        ("word list remove", "moderator", "/en/moderation/words/",
         f"/en/moderation/words/{word.pk}/remove/", {},
         lambda: not WordListEntry.objects.filter(pk=word.pk).exists()),
        ("ban lift", "moderator", "/en/moderation/bans/", f"/en/moderation/bans/{ban.pk}/lift/",
         {"note": "x"}, lambda: not Ban.objects.active().filter(pk=ban.pk).exists()),
        ("admin delete", chief, f"/admin/newsroom/article/{article.pk}/delete/",
         f"/admin/newsroom/article/{article.pk}/delete/", {"post": "yes"},
         lambda: not Article.objects.filter(pk=article.pk).exists()),
    ]  # fmt: skip


def test_every_staff_form_refuses_a_post_without_the_csrf_token(published, chief):
    moderator = ModeratorFactory()
    for name, who, page, url, data, happened in _staff_forms(published, chief):
        client = _signed_in(moderator if who == "moderator" else who)
        response = client.post(url, data)
        assert response.status_code == 403, name
        assert b"CSRF" in response.content, name
        if happened is not None:
            assert not happened(), name
        # A wrong token, or the right token from a foreign page, is no better.
        token = _token(client, page)
        wrong = client.post(url, {**data, "csrfmiddlewaretoken": "x" * 64})
        assert wrong.status_code == 403, name
        foreign = client.post(
            url, {**data, "csrfmiddlewaretoken": token}, headers={"Origin": "https://evil.example"}
        )
        assert foreign.status_code == 403, name
        if happened is not None:
            assert not happened(), name


def test_the_same_staff_forms_work_with_the_token(published, chief):
    """The refusals above are the token's doing: with it, every form does its job."""
    moderator = ModeratorFactory()
    for name, who, page, url, data, happened in _staff_forms(published, chief):
        client = _signed_in(moderator if who == "moderator" else who)
        token = _token(client, page)
        response = client.post(url, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code in (200, 302, 303), (name, response.status_code)
        if happened is not None:
            assert happened(), name
        Comment.objects.filter(pk=published.pk).update(status="published")


def test_the_sign_in_form_needs_the_token(chief):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "chief", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    token = _token(client, "/admin/login/")
    response = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": PASSWORD,
                                                          "csrfmiddlewaretoken": token})  # fmt: skip
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(chief.pk)


# Readers' forms without a token: the Origin decides ---------------------------------------------


def _reader_forms(published):
    return {
        "report": (report_url(published), report_data(published, clause="other", note="Spam.")),
        "stop reply emails": (f"/en/moderation/stop/{notifications.stop_token(published)}/", {}),
        "confirm reply emails": (f"/en/moderation/confirm/{notifications.confirm_token(published)}/", {}),
        "privacy link": ("/en/privacy/", {"email": published.email}),
        "privacy delete": (f"/en/privacy/data/{link_token(published)}/delete/", {"confirm": "on"}),
    }


def _mails_sent() -> int:
    from django.core import mail

    return len(mail.outbox)


@pytest.mark.parametrize(
    "form", ["report", "stop reply emails", "confirm reply emails", "privacy link", "privacy delete"]
)
@pytest.mark.parametrize("case", CROSS_SITE)
def test_readers_forms_refuse_other_sites(published, form, case):
    Comment.objects.filter(pk=published.pk).update(notify_replies=True)
    url, data = _reader_forms(published)[form]
    response = Client().post(url, data, headers=CROSS_SITE[case])
    assert response.status_code == 403, response.status_code
    assert REFUSED in response.content.decode()
    published.refresh_from_db()
    assert published.notify_replies and published.email and not Report.objects.exists()
    assert not email_is_confirmed(published.email)
    assert _mails_sent() == 0


@pytest.mark.parametrize(
    "form", ["report", "stop reply emails", "confirm reply emails", "privacy link", "privacy delete"]
)
def test_readers_forms_work_from_our_own_pages(published, form):
    Comment.objects.filter(pk=published.pk).update(notify_replies=True)
    url, data = _reader_forms(published)[form]
    response = Client(enforce_csrf_checks=True).post(url, data, headers={"Origin": "http://testserver"})
    assert response.status_code in (200, 303), response.status_code
    now = Comment.objects.filter(pk=published.pk).first()  # none once its data is deleted
    done = {
        "report": Report.objects.exists(),
        "stop reply emails": now is not None and not now.notify_replies,
        "confirm reply emails": email_is_confirmed(published.email),
        "privacy link": _mails_sent() == 1,
        "privacy delete": now is None or now.email == "",
    }
    assert done[form]
