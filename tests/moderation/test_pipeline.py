"""The pipeline as the posting service runs it: the strictest verdict wins and is stored."""

import pytest

from serai.comments.models import Comment
from serai.moderation.models import Ban
from serai.moderation.pipeline import Action, Submission, Verdict, moderate
from serai.moderation.privacy import email_hash
from tests.moderation.factories import StaffFactory, WordFactory, clause, post

pytestmark = pytest.mark.django_db


def test_a_clean_comment_on_a_post_moderated_thread_is_published(article):
    comment = post(article)
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.moderation_rule == "post-moderation"


def test_a_clean_comment_on_a_pre_moderated_thread_waits(premoderated):
    comment = post(premoderated)
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_rule == "pre-moderation"


def test_the_verdict_is_stored_with_its_reason_and_clause(article):
    WordFactory(term="idiot")
    comment = post(article, "You are an іdiot.")
    assert comment.status == Comment.Status.REJECTED
    assert comment.moderation_rule == "banned-word"
    assert "idiot" in comment.moderation_reason
    assert comment.policy_clause == clause(2)


def test_spam_beats_reject_beats_hold(article):
    Ban.objects.create(email_hash=email_hash("troll@example.org"), clause=clause(2))
    held = post(article, form_age=None)
    assert (held.status, held.moderation_rule) == (Comment.Status.PENDING, "form-token")
    rejected = post(article, "Other words.", email="troll@example.org", form_age=None)
    assert (rejected.status, rejected.moderation_rule) == (Comment.Status.REJECTED, "banned")
    spam = post(article, "More words.", email="troll@example.org", honeypot="x", form_age=None)
    assert (spam.status, spam.moderation_rule) == (Comment.Status.SPAM, "honeypot")


def test_ties_go_to_the_earlier_rule():
    def first(submission):
        return Verdict(Action.HOLD, "first", "First.")

    def second(submission):
        return Verdict(Action.HOLD, "second", "Second.")

    submission = Submission(author_name="A", text="Hi", language="en", premoderated=False)
    assert moderate(submission, rules=[first, second]).rule == "first"


def test_a_staff_comment_is_published_even_when_a_rule_would_hold_it(premoderated):
    WordFactory(term="idiot")
    comment = post(premoderated, "Quoting a reader: idiot.", user=StaffFactory(), form_age=None)
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.moderation_rule == "staff"
    assert comment.is_staff_comment


def test_a_staff_comment_flagged_as_spam_is_still_spam(article):
    comment = post(article, user=StaffFactory(), honeypot="filled")
    assert comment.status == Comment.Status.SPAM


def test_rate_limited_through_the_service(article, settings):
    settings.SERAI_RATE_LIMIT = 2
    statuses = [post(article, f"Comment number {n}", ip_address="192.0.2.7").status for n in range(3)]
    assert statuses == [Comment.Status.PUBLISHED, Comment.Status.PUBLISHED, Comment.Status.PENDING]
    assert Comment.objects.get(text="Comment number 2").moderation_rule == "rate-limit"


def test_no_raw_address_is_stored(article):
    comment = post(article, ip_address="192.0.2.99")
    assert "192.0.2.99" not in comment.ip_hash
    assert len(comment.ip_hash) == 64
