"""The moderators' digest: sent by a background task after a comment is held, batched, and
never in the way of posting."""

import pytest
from django.core import mail

from serai.desk import notifications
from tests.moderation.factories import ModeratorFactory, StaffFactory, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what the services queue for after commit, as a real request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def test_a_held_comment_sends_moderators_a_digest_with_a_link_to_the_queue(premoderated, after_commit):
    moderator = ModeratorFactory(email="mod@newsroom.example")
    StaffFactory(email="editor@newsroom.example")  # staff without the permission: no email
    after_commit(post, premoderated, "Please look at this.", author_name="Bolat", email="bolat@example.org")
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
    assert sorted(tuple(m.to) for m in mail.outbox) == [("one@newsroom.example",), ("two@newsroom.example",)]


def test_published_comments_send_no_digest(article, after_commit):
    ModeratorFactory(email="mod@newsroom.example")
    after_commit(post, article)
    assert mail.outbox == []


def test_the_digest_is_queued_for_later_on_a_backend_that_can_wait(premoderated, after_commit, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    after_commit(post, premoderated)
    after_commit(post, premoderated, "Another one.")
    digests = [r for r in default_task_backend.results if r.task.name == "send_moderator_digest"]
    assert len(digests) == 1 and digests[0].task.run_after is not None


def test_a_failing_mail_server_does_not_break_posting(premoderated, after_commit, monkeypatch):
    ModeratorFactory(email="mod@newsroom.example")

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "send_mail", broken)
    comment = after_commit(post, premoderated)
    assert comment.pk is not None
