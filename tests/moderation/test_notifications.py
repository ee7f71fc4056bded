"""Email through background tasks: the moderators' digest, confirmation links, reply notices."""

import re

import pytest
from django.core import mail, signing

from serai.comments.services import email_confirm, email_is_confirmed
from serai.moderation import notifications, services
from tests.moderation.factories import ModeratorFactory, StaffFactory, clause, post

pytestmark = pytest.mark.django_db


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


# The moderators' digest

def test_a_held_comment_sends_moderators_a_digest_with_a_link_to_the_queue(premoderated,
                                                                           after_commit):
    moderator = ModeratorFactory(email="mod@newsroom.example")
    StaffFactory(email="editor@newsroom.example")  # staff without the permission: no email
    after_commit(post, premoderated, "Please look at this.", author_name="Bolat",
                 email="bolat@example.org")
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    digest = mail.outbox[0]
    assert "1 comment awaits moderation" in digest.subject
    assert "Bolat" in digest.body and premoderated.headline in digest.body
    assert "https://news.example/en/moderation/" in digest.body
    assert "bolat@example.org" not in digest.body


def test_digests_are_batched_one_per_window(premoderated, after_commit, settings):
    settings.SERAI_MODERATOR_DIGEST_SECONDS = 600
    ModeratorFactory(email="mod@newsroom.example")
    for n in range(3):
        after_commit(post, premoderated, f"Held comment {n}.")
    assert len(mail.outbox) == 1


def test_each_moderator_gets_their_own_digest(premoderated, after_commit):
    ModeratorFactory(email="one@newsroom.example")
    ModeratorFactory(email="two@newsroom.example")
    after_commit(post, premoderated)
    assert sorted(tuple(m.to) for m in mail.outbox) == [("one@newsroom.example",),
                                                        ("two@newsroom.example",)]


def test_published_comments_send_no_digest(article, after_commit):
    ModeratorFactory(email="mod@newsroom.example")
    after_commit(post, article)
    assert mail.outbox == []


def test_the_digest_is_queued_for_later_on_a_backend_that_can_wait(premoderated, after_commit,
                                                                   settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    after_commit(post, premoderated)
    after_commit(post, premoderated, "Another one.")
    digests = [r for r in default_task_backend.results if r.task.name == "send_moderator_digest"]
    assert len(digests) == 1 and digests[0].task.run_after is not None


# Confirmation and reply notices

def test_asking_for_reply_emails_sends_a_confirmation_link(article, after_commit):
    after_commit(post, article, email="Reader@Example.org", notify_replies=True)
    [message] = addressed_to("Reader@Example.org")
    url = link_in(message, r"https://news\.example/en/comments/confirm/[^/\s]+/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert signing.loads(token, salt="serai.comments.confirm") == "Reader@Example.org"


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


def test_following_the_confirmation_link_confirms_the_address(client, article, after_commit):
    after_commit(post, article, email="reader@example.org", notify_replies=True)
    url = link_in(mail.outbox[0], r"https://news\.example(/en/comments/confirm/[^/\s]+/)")
    response = client.get(url.removeprefix("https://news.example"))
    assert response.status_code == 200
    assert email_is_confirmed("reader@example.org")


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


def test_the_stop_link_turns_reply_emails_off(client, article):
    parent = post(article, email="aigerim@example.org", notify_replies=True)
    url = f"/en/moderation/stop/{notifications.stop_token('aigerim@example.org')}/"
    assert client.get(url).status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies, "opening the link alone (a mail scanner) changes nothing"
    response = client.post(url, headers={"Origin": "http://testserver"})
    assert response.status_code == 200
    parent.refresh_from_db()
    assert not parent.notify_replies
    assert client.get("/en/moderation/stop/forged/").status_code == 400


def test_a_failing_mail_server_does_not_break_posting(premoderated, after_commit, monkeypatch):
    ModeratorFactory(email="mod@newsroom.example")

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "send_mail", broken)
    comment = after_commit(post, premoderated)
    assert comment.pk is not None


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
    services.reply_notices_stop(email="loud@example.org")
    with django_assert_num_queries(1):
        notifications.queue_reply_notice(reply)
    assert queued == [(reply.pk,)]
