"""Emails to commenters about their own comments, through background tasks: the confirmation
link, reply notices, and the pages behind the links in them."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.utils import translation

from serai.comments import notifications
from serai.comments.models import Comment
from serai.comments.services import email_confirm, email_is_confirmed
from serai.desk import services
from serai.moderation import words
from tests.moderation.factories import ModeratorFactory, article_with_thread, clause, post
from tests.privacy.url_leaks import personal_data_in

pytestmark = pytest.mark.django_db
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture(autouse=True)
def _email_settings(settings):
    """Tasks run at once, mail is kept, links name the site; word lists compiled afresh."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SERAI_SITE_URL = "https://news.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    words.forget()


@pytest.fixture
def article(db):
    """Post-moderated: comments appear at once."""
    return article_with_thread("post")


@pytest.fixture
def premoderated(db):
    return article_with_thread("pre")


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what the services queue for after commit, as a real request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def addressed_to(address):
    return [m for m in mail.outbox if address in m.to]


def link_in(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_asking_for_reply_emails_sends_a_confirmation_link_that_carries_no_address(article, after_commit):
    """The link names the comment by a signed id: the address is in it neither plain nor encoded."""
    comment = after_commit(post, article, email="Reader@Example.org", notify_replies=True)
    [message] = addressed_to("Reader@Example.org")
    url = link_in(message, r"https://news\.example/en/moderation/confirm/[^/\s]+/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert signing.loads(token, salt=notifications.CONFIRM_SALT) == {"c": comment.pk}
    assert personal_data_in(url, ["Reader@Example.org", "Aigerim"]) == []


def test_no_confirmation_without_the_tick_or_once_confirmed(article, after_commit):
    after_commit(post, article, email="quiet@example.org")
    email_confirm("known@example.org")
    after_commit(post, article, "Another.", email="known@example.org", notify_replies=True)
    assert mail.outbox == []


def test_one_confirmation_a_day_per_address(article, after_commit):
    for n in range(3):
        after_commit(post, article, f"Comment {n}.", email="reader@example.org", notify_replies=True)
    assert len(addressed_to("reader@example.org")) == 1


def test_spam_and_rejected_comments_send_no_confirmation(article, after_commit):
    after_commit(post, article, email="victim@example.org", notify_replies=True, honeypot="x")
    assert mail.outbox == []


def test_opening_the_confirmation_link_changes_nothing_and_its_button_confirms(client, article, after_commit):
    """Mail scanners open links: a GET shows a button; the POST from that page confirms."""
    after_commit(post, article, email="reader@example.org", notify_replies=True)
    url = link_in(mail.outbox[0], r"https://news\.example(/en/moderation/confirm/[^/\s]+/)")
    path = url.removeprefix("https://news.example")
    for method in (client.get, client.head):
        response = method(path)
        assert response.status_code == 200
    assert not email_is_confirmed("reader@example.org")
    page = client.get(path)
    assert '<form method="post">' in page.content.decode() and "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    response = client.post(path, headers=ORIGIN)
    assert response.status_code == 200
    assert "your address is confirmed" in response.content.decode()
    assert email_is_confirmed("reader@example.org")


def test_the_confirmation_button_pressed_from_another_site_is_refused(client, article):
    comment = post(article, email="reader@example.org", notify_replies=True)
    path = f"/en/moderation/confirm/{notifications.confirm_token(comment)}/"
    response = client.post(path, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 403
    assert not email_is_confirmed("reader@example.org")


def test_an_expired_confirmation_link_says_so(client, article, monkeypatch, settings):
    settings.SERAI_CONFIRM_MAX_AGE = 7 * 86400
    comment = post(article, email="reader@example.org", notify_replies=True)
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 8 * 86400)
    path = f"/en/moderation/confirm/{notifications.confirm_token(comment)}/"
    monkeypatch.undo()
    for response in (client.get(path), client.post(path, headers=ORIGIN)):
        assert response.status_code == 410
        assert "Confirmation links work for 7 days" in response.content.decode()
    assert not email_is_confirmed("reader@example.org")


FORGED = [
    "nonsense",
    "eyJjIjoxfQ:1tXyZa:forged-signature-000000000000000000000",
    # The links of before: the address itself, signed.
    signing.dumps("reader@example.org", salt="serai.comments.confirm"),
    signing.dumps("reader@example.org", salt="serai.moderation.stop"),
    # A token made for another purpose, or with an id that is not a number.
    signing.dumps({"c": 1}, salt="serai.privacy"),
    signing.dumps({"c": "1"}, salt=notifications.CONFIRM_SALT),
    signing.dumps({"c": True}, salt=notifications.STOP_SALT),
    "²" * 40,
]


@pytest.mark.parametrize("kind", ["confirm", "stop"])
@pytest.mark.parametrize("token", FORGED)
def test_forged_tampered_or_old_style_links_get_a_clear_page(client, article, kind, token):
    comment = post(article, email="reader@example.org", notify_replies=True)
    good = (notifications.confirm_token if kind == "confirm" else notifications.stop_token)(comment)
    tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for bad in (token, tampered):
        for response in (
            client.get(f"/en/moderation/{kind}/{bad}/"),
            client.post(f"/en/moderation/{kind}/{bad}/", headers=ORIGIN),
        ):
            assert response.status_code == 400
            assert "This is not a link we sent" in response.content.decode()
    assert not email_is_confirmed("reader@example.org")
    assert Comment.objects.get(pk=comment.pk).notify_replies


@pytest.mark.parametrize("kind", ["confirm", "stop"])
def test_a_link_whose_comments_were_erased_is_gone(client, article, kind):
    from serai.privacy.services import erase

    comment = post(article, email="reader@example.org", notify_replies=True)
    token = (notifications.confirm_token if kind == "confirm" else notifications.stop_token)(comment)
    erase("reader@example.org")
    for response in (
        client.get(f"/en/moderation/{kind}/{token}/"),
        client.post(f"/en/moderation/{kind}/{token}/", headers=ORIGIN),
    ):
        assert response.status_code == 410
        assert "deleted" in response.content.decode()
    assert not email_is_confirmed("reader@example.org")


def reply_to(parent, after_commit, **fields):
    fields.setdefault("author_name", "Bolat")
    fields.setdefault("email", "bolat@example.org")
    return after_commit(post, parent.article, "I see it differently.", parent=parent, **fields)


def test_reply_emails_only_after_the_address_is_confirmed(article, after_commit):
    parent = after_commit(post, article, email="aigerim@example.org", notify_replies=True)
    mail.outbox.clear()
    reply_to(parent, after_commit)
    assert addressed_to("aigerim@example.org") == []
    email_confirm("aigerim@example.org")
    reply = reply_to(parent, after_commit, email="other@example.org")
    [notice] = addressed_to("aigerim@example.org")
    assert "Bolat replied to your comment" in notice.subject
    assert "I see it differently." in notice.body
    assert f"https://news.example{article.get_absolute_url()}#comment-{reply.pk}" in notice.body
    assert "bolat@example.org" not in notice.body and "other@example.org" not in notice.body
    assert "https://news.example/en/moderation/stop/" in notice.body


def test_no_reply_email_without_the_tick_or_for_replying_to_oneself(article, after_commit):
    quiet = after_commit(post, article, email="quiet@example.org")
    loud = after_commit(post, article, "Other.", email="loud@example.org", notify_replies=True)
    email_confirm("quiet@example.org")
    email_confirm("loud@example.org")
    mail.outbox.clear()
    reply_to(quiet, after_commit)
    reply_to(loud, after_commit, email="LOUD@example.org")
    assert mail.outbox == []


def test_a_held_reply_notifies_once_a_moderator_approves_it(premoderated, after_commit):
    email_confirm("aigerim@example.org")
    moderator = ModeratorFactory(email="")
    parent = after_commit(post, premoderated, email="aigerim@example.org", notify_replies=True)
    parent = after_commit(services.comment_approve, comment=parent, moderator=moderator)
    reply = reply_to(parent, after_commit)
    assert addressed_to("aigerim@example.org") == []
    after_commit(services.comment_approve, comment=reply, moderator=moderator)
    assert len(addressed_to("aigerim@example.org")) == 1


def test_the_stop_link_in_a_reply_email_carries_no_address(article, after_commit):
    email_confirm("aigerim@example.org")
    parent = after_commit(post, article, email="aigerim@example.org", notify_replies=True)
    reply_to(parent, after_commit)
    [notice] = addressed_to("aigerim@example.org")
    url = link_in(notice, r"https://news\.example/en/moderation/stop/[^/\s]+/")
    assert signing.loads(url.split("/")[-2], salt=notifications.STOP_SALT) == {"c": parent.pk}
    for link in re.findall(r"https?://\S+", notice.body):
        assert personal_data_in(link, ["aigerim@example.org", "bolat@example.org", "Aigerim"]) == []


def test_the_stop_link_turns_reply_emails_off(client, article):
    parent = post(article, email="aigerim@example.org", notify_replies=True)
    other = post(article, "Another.", email="Aigerim@Example.org", notify_replies=True)
    url = f"/en/moderation/stop/{notifications.stop_token(parent)}/"
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies, "opening the link alone (a mail scanner) changes nothing"
    assert client.post(url, headers={"Origin": "https://elsewhere.example"}).status_code == 403
    parent.refresh_from_db()
    assert parent.notify_replies, "a button pressed on another site changes nothing"
    response = client.post(url, headers=ORIGIN)
    assert response.status_code == 200
    assert "no more reply emails" in response.content.decode()
    assert not Comment.objects.filter(pk__in=[parent.pk, other.pk], notify_replies=True).exists()
    assert client.get("/en/moderation/stop/forged/").status_code == 400


def test_removing_a_comment_sends_no_email_to_its_author(article, after_commit, moderator):
    comment = after_commit(post, article, email="aigerim@example.org")
    after_commit(services.comment_remove, comment=comment, moderator=moderator, clause=clause(2))
    assert addressed_to("aigerim@example.org") == []


def test_a_reply_to_a_comment_that_asked_for_nothing_queues_nothing_and_asks_nothing(
    article, after_commit, django_assert_num_queries, monkeypatch
):
    """Notices are turned on only with a comment: the parent the posting service holds says so."""
    queued = []
    stub = type("Task", (), {"enqueue": staticmethod(lambda *args: queued.append(args))})
    monkeypatch.setattr(notifications, "send_reply_notice", stub)
    quiet = after_commit(post, article, email="quiet@example.org")
    loud = after_commit(post, article, "Other.", email="loud@example.org", notify_replies=True)
    reply = reply_to(quiet, after_commit)
    with django_assert_num_queries(0):
        notifications.queue_reply_notice(reply)
    assert queued == []
    reply = after_commit(post, article, "Not so.", parent=loud, email="bolat@example.org")
    assert queued == [(reply.pk,)]
    # Turned off since (the stop link): the parent in hand still says yes, the database says no.
    notifications.reply_notices_stop(email="loud@example.org")
    with django_assert_num_queries(1):
        notifications.queue_reply_notice(reply)
    assert queued == [(reply.pk,)]


def test_a_failing_mail_server_does_not_break_posting(article, after_commit, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "send_mail", broken)
    comment = after_commit(post, article, email="reader@example.org", notify_replies=True)
    assert comment.pk is not None and mail.outbox == []


def test_stopping_reply_notices(article):
    a = post(article, "One.", email="Me@Example.org", notify_replies=True)
    b = post(article, "Two.", email="me@example.org", notify_replies=True)
    assert notifications.reply_notices_stop(email="me@example.org") == 2
    assert not Comment.objects.filter(pk__in=[a.pk, b.pk], notify_replies=True).exists()


def test_the_link_pages_speak_the_editions_language(client, article):
    comment = post(article, email="reader@example.org", notify_replies=True)
    with translation.override("en"):  # the Russian pages leave Russian active in this thread
        _russian_link_pages(client, comment)


def _russian_link_pages(client, comment):
    page = client.get(f"/ru/moderation/confirm/{notifications.confirm_token(comment)}/").content.decode()
    assert "Получать письма об ответах?" in page and "Да, сообщать мне об ответах" in page
    page = client.get("/ru/moderation/stop/forged/").content.decode()
    assert "из последнего письма" in page


@pytest.mark.django_db
def test_the_old_confirmation_address_with_the_email_in_it_is_gone(client):
    """The links of before carried the address itself, signed, and confirmed on a plain GET: that
    address answers 404 now and confirms nothing (today's links carry a comment id and a button)."""
    old = signing.dumps("reader@example.org", salt="serai.comments.confirm")
    response = client.get(f"/en/comments/confirm/{old}/")
    assert response.status_code == 404
    assert not email_is_confirmed("reader@example.org")
