"""A commenter downloads or deletes their data once an emailed link proves the address is theirs."""

from __future__ import annotations

import json
import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client

from serai.comments import services as comments
from serai.comments.models import Comment, ConfirmedEmail
from serai.comments.selectors import published_count
from serai.moderation.models import Decision
from serai.privacy import services
from tests.comments.helpers import CommentFactory, comment_block
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ORIGIN = {"Origin": "http://testserver"}
ZHANAR, BOLAT = "Zhanar.Commenter@example.org", "bolat.other@example.net"
SENT_NOTICE = "If comments were posted on our site with this address, we have emailed it a link."


@pytest.fixture(autouse=True)
def _mail_and_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SERAI_SITE_URL = "http://testserver"
    settings.SERAI_PRIVACY_LINK_MAX_AGE = 24 * 3600
    settings.SERAI_PRIVACY_LINK_EVERY = 600
    settings.SERAI_PRIVACY_REQUESTS_PER_HOUR = 10


@pytest.fixture
def conversation():
    """Zhanar's comment with Bolat's reply under it, Zhanar's answer, and a comment still held."""
    article = ArticleFactory(headline="Steppe rail link opens")
    other = ArticleFactory(headline="Water prices rise")
    top = CommentFactory(article=article, author_name="Zhanar", email=ZHANAR, text="Trains at last.")
    reply = CommentFactory(parent=top, author_name="Bolat", email=BOLAT, text="Bolat's own words.")
    answer = CommentFactory(parent=reply, author_name="Zhanar", email=ZHANAR.lower(), text="Thanks, Bolat.")
    held = CommentFactory(
        article=other, author_name="Zhanar K.", email=ZHANAR, text="Still waiting.", status="pending"
    )
    comments.email_confirm(ZHANAR)
    comments.email_confirm(BOLAT)
    return {"article": article, "other": other, "top": top, "reply": reply, "answer": answer, "held": held}


def _request(client, email, lang="en"):
    return client.post(f"/{lang}/privacy/", {"email": email}, headers=ORIGIN)


def _link(message) -> str:
    return re.search(r"http://testserver(/\w+/privacy/data/[^/\s]+/)", message.body).group(1)


def _link_for(client, email) -> str:
    mail.outbox.clear()
    _request(client, email)
    assert len(mail.outbox) == 1
    return _link(mail.outbox[0])


# Asking for a link ---------------------------------------------------------------------------------


def test_the_footer_leads_to_the_privacy_page(client):
    ArticleFactory()
    assert 'href="/en/privacy/"' in client.get("/en/").content.decode()
    page = client.get("/en/privacy/")
    assert page.status_code == 200
    assert '<input type="email" name="email"' in page.content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_has_comments(client, conversation):
    known = _request(client, ZHANAR)
    unknown = _request(Client(), "nobody.here@example.org")
    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"] == "/en/privacy/?sent=1"
    shown_known = client.get(known["Location"]).content.decode()
    shown_unknown = Client().get(unknown["Location"]).content.decode()
    assert shown_known == shown_unknown and SENT_NOTICE in shown_known
    assert [m.to for m in mail.outbox] == [[ZHANAR]]


def test_the_email_carries_a_working_link_and_never_the_address_in_it(client, conversation):
    _request(client, ZHANAR.upper())
    message = mail.outbox[0]
    assert message.to == [ZHANAR]
    assert "download or delete" in message.subject
    assert "within 24 hours" in message.body and "do not pass it on" in message.body
    link = _link(message)
    assert "zhanar" not in link.lower() and "example" not in link
    assert Client().get(link).status_code == 200


def test_the_link_follows_the_edition_the_reader_asked_from(client, conversation):
    _request(client, ZHANAR, lang="ru")
    assert _link(mail.outbox[0]).startswith("/ru/privacy/data/")


def test_an_invalid_address_is_a_form_error(client):
    response = client.post("/en/privacy/", {"email": "not an address"}, headers=ORIGIN)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode() and not mail.outbox


def test_links_are_not_sent_again_and_again(client, conversation, settings):
    for _ in range(3):
        assert _request(client, ZHANAR)["Location"] == "/en/privacy/?sent=1"
    assert len(mail.outbox) == 1
    settings.SERAI_PRIVACY_REQUESTS_PER_HOUR = 2
    for n in range(5):
        _request(client, f"someone{n}@example.org")
    CommentFactory(article=conversation["other"], email="late@example.org")
    _request(client, "late@example.org")  # this connection has asked too often: nothing is sent
    assert len(mail.outbox) == 1


def test_the_task_queue_never_holds_the_address(client, conversation, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _request(client, ZHANAR)
    _request(Client(), "nobody.here@example.org")
    queued = list(DBTaskResult.objects.values_list("args_kwargs", "task_path"))
    assert len(queued) == 2 and all(path.endswith("send_link") for _a, path in queued)
    text = json.dumps(queued).lower()
    assert "example" not in text and "zhanar" not in text


# What the link shows --------------------------------------------------------------------------------


def test_the_link_shows_the_commenters_comments_and_nobody_elses(client, conversation):
    link = _link_for(client, ZHANAR)
    response = Client().get(link)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Trains at last.", "Thanks, Bolat.", "Still waiting.", "Steppe rail link opens"):
        assert text in page
    assert "Bolat&#x27;s own words." not in page and "Bolat's own words." not in page
    assert BOLAT not in page and ZHANAR.lower() not in page.lower()
    assert "3 comments" in page
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_download_has_the_commenters_data_and_nothing_else(client, conversation):
    link = _link_for(client, ZHANAR)
    response = Client().get(link + "download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="my-comments.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["email"] == ZHANAR and data["email_confirmed_for_reply_emails"] is True
    by_text = {c["text"]: c for c in data["comments"]}
    assert set(by_text) == {"Trains at last.", "Thanks, Bolat.", "Still waiting."}
    top = by_text["Trains at last."]
    article = conversation["article"]
    assert top["article"] == {
        "headline": "Steppe rail link opens",
        "url": "http://testserver" + article.get_absolute_url(),
    }
    assert top["name"] == "Zhanar" and top["status"] == "published" and top["is_reply"] is False
    assert top["created_at"].startswith(str(conversation["top"].created_at.year))
    assert by_text["Still waiting."]["status"] == "pending"
    assert by_text["Thanks, Bolat."]["is_reply"] is True
    raw = response.content.decode()
    assert "ip_hash" not in raw and "Bolat's own words." not in raw and BOLAT not in raw
    assert conversation["top"].ip_hash == "" or conversation["top"].ip_hash not in raw


# Deleting ---------------------------------------------------------------------------------------------


def test_deleting_needs_the_box_ticked(client, conversation):
    link = _link_for(client, ZHANAR)
    response = Client().post(link + "delete/", {}, headers=ORIGIN)
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert Comment.objects.filter(email__iexact=ZHANAR).count() == 3


def test_deleting_erases_the_commenters_data_and_keeps_replies_in_place(client, conversation):
    article, top, reply, answer = (conversation[k] for k in ("article", "top", "reply", "answer"))
    before = published_count(article=article)
    link = _link_for(client, ZHANAR)
    response = Client().post(link + "delete/", {"confirm": "on"}, headers=ORIGIN)
    assert response.status_code == 200
    assert "We deleted 3 comments" in response.content.decode()

    # The comments nothing hangs from are gone; the one Bolat answered stays, without words.
    assert list(Comment.objects.filter(pk__in=[top.pk, answer.pk, conversation["held"].pk])) == [top]
    comment = Comment.objects.get(pk=top.pk)
    assert (comment.text, comment.text_html, comment.email, comment.ip_hash) == ("", "", "", "")
    assert comment.author_name == "Deleted" and comment.status == Comment.Status.REMOVED
    assert not comment.notify_replies
    assert not ConfirmedEmail.objects.filter(email_hash=services.email_hash(ZHANAR)).exists()
    assert ConfirmedEmail.objects.filter(email_hash=services.email_hash(BOLAT)).exists()
    bolat = Comment.objects.get(pk=reply.pk)
    assert (bolat.author_name, bolat.email, bolat.text, bolat.status) == (
        "Bolat", BOLAT, "Bolat's own words.", "published",
    )  # fmt: skip
    # Two of Zhanar's published comments went from the count; Bolat's reply stays under a tombstone.
    assert published_count(article=article) == before - 2
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Trains at last." not in page and "Thanks, Bolat." not in page and "Zhanar" not in page
    assert "This comment was withdrawn." in comment_block(page, top.pk)
    assert "Bolat&#x27;s own words." in page
    assert f'id="comment-{answer.pk}"' not in page  # no replies under it: gone altogether
    # The log keeps the three withdrawals (by the site), with no name.
    log = Decision.objects.filter(note=services.DELETED_REASON)
    assert log.count() == 3 and {d.comment_id for d in log} == {top.pk, None}
    assert {(d.action, d.moderator_id, d.new_status, d.subject) for d in log} == {
        ("remove", None, "removed", "(erased commenter)")
    }


def test_a_used_link_no_longer_works_for_anyone(client, conversation):
    earlier = _link_for(client, ZHANAR)
    cache.clear()  # a second link at once (one per ten minutes otherwise)
    link = _link_for(client, ZHANAR)
    Client().post(link + "delete/", {"confirm": "on"}, headers=ORIGIN)
    for url in (link, earlier):
        for response in (
            Client().get(url),
            Client().get(url + "download/"),
            Client().post(url + "delete/", {"confirm": "on"}, headers=ORIGIN),
        ):
            assert response.status_code == 410
            assert "This link has been used" in response.content.decode()
    assert Comment.objects.get(pk=conversation["reply"].pk).text == "Bolat's own words."


def test_one_commenters_link_never_reaches_another_commenters_data(client, conversation):
    zhanar = _link_for(client, ZHANAR)
    bolat = _link_for(Client(), BOLAT)
    Client().post(zhanar + "delete/", {"confirm": "on"}, headers=ORIGIN)
    assert Comment.objects.get(pk=conversation["reply"].pk).email == BOLAT
    page = Client().get(bolat).content.decode()
    assert "Bolat&#x27;s own words." in page and "1 comment" in page


def test_an_expired_link_is_refused(client, conversation, monkeypatch):
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 24 * 3600 - 60)
    old = "/en/privacy/data/" + services.link_token(conversation["top"]) + "/"
    monkeypatch.setattr(signing.time, "time", lambda: now - 24 * 3600 + 60)
    nearly = "/en/privacy/data/" + services.link_token(conversation["top"]) + "/"
    monkeypatch.undo()
    response = Client().get(old)
    assert response.status_code == 400 and "This link is too old" in response.content.decode()
    assert Client().post(old + "delete/", {"confirm": "on"}, headers=ORIGIN).status_code == 400
    assert Client().get(old + "download/").status_code == 400
    assert Client().get(nearly).status_code == 200
    assert Comment.objects.get(pk=conversation["top"].pk).email == ZHANAR


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJjIjoxfQ:1tXyZa:forged-signature-000000000000000000000",
        signing.dumps({"c": 1}, salt="serai.comments.confirm"),
        signing.dumps("someone@example.org", salt="serai.privacy"),
        signing.dumps({"c": "1"}, salt="serai.privacy"),
    ],
)
def test_forged_or_foreign_tokens_are_refused(conversation, token):
    response = Client().get(f"/en/privacy/data/{token}/")
    assert response.status_code == 400
    assert "This is not a link we sent" in response.content.decode()
    assert "Trains at last." not in response.content.decode()


def test_the_pages_behind_the_link_only_change_anything_by_post(client, conversation):
    link = _link_for(client, ZHANAR)
    assert Client().get(link + "delete/").status_code == 405
    assert Client().post(link + "download/", headers=ORIGIN).status_code == 405
    assert Comment.objects.filter(email__iexact=ZHANAR).count() == 3
