"""One commenter's comments in flight at once are counted against each other.

The rate limit and the duplicate rule count comments already stored. Asked before the comment's
write transaction, several comments sent at once from one address (a script, a reader pressing
Post twice) each found the others absent and were all published. They are now asked inside the
transaction (serai.moderation.pipeline.Deliberation), after the commenter's earlier posts.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from serai.comments import writes
from serai.comments.models import Comment, Thread
from serai.moderation import rules
from serai.moderation.pipeline import Deliberation, Submission, moderate
from tests.moderation.factories import StaffFactory, WordFactory, article_with_thread, clause, post

ADDRESS = "203.0.113.9"


def stored_meanwhile(monkeypatch, make) -> None:
    """Run `make()` once, after the first rules have run and before the comment's transaction
    opens: as if other requests stored their comments while this one was being checked."""
    original, done = writes.prepare, []

    def prepare(comment):
        if not done:
            done.append(True)
            make()
        return original(comment)

    monkeypatch.setattr(writes, "prepare", prepare)


@pytest.mark.django_db
def test_comments_stored_while_one_was_checked_count_toward_the_rate_limit(settings, monkeypatch):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 3, 60
    article = article_with_thread("post")

    def three_more():
        for n in range(3):
            post(article, text=f"Posted meanwhile, number {n}, about the bus timetable.", ip_address=ADDRESS)

    stored_meanwhile(monkeypatch, three_more)
    comment = post(article, text="The one being checked when the others arrived.", ip_address=ADDRESS)

    assert (comment.status, comment.moderation_rule) == (Comment.Status.PENDING, "rate-limit")
    assert comment.published_at is None
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.status, stored.moderation_rule, stored.published_at) == (
        Comment.Status.PENDING,
        "rate-limit",
        None,
    )
    assert Thread.objects.get(article=article).published_count == 3


@pytest.mark.django_db
def test_the_same_comment_sent_twice_at_once_is_published_once(monkeypatch):
    article = article_with_thread("post")
    text = "Pressed Post twice: the same words from the same reader."
    stored_meanwhile(monkeypatch, lambda: post(article, text=text, ip_address=ADDRESS))

    second = post(article, text=text, ip_address=ADDRESS)

    assert (second.status, second.moderation_rule) == (Comment.Status.PENDING, "duplicate")
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    assert [c.text for c in published] == [text]
    assert Thread.objects.get(article=article).published_count == 1


@pytest.mark.django_db
def test_a_flood_completed_meanwhile_makes_the_last_copy_spam_under_its_clause(monkeypatch):
    clause(rules.SPAM_CLAUSE)
    article = article_with_thread("post")
    text = "Copies of one message, sent from many connections at once."

    def copies():
        for n in range(rules.FLOOD_COPIES - 1):
            post(article, text=text, email=f"copy{n}@example.org")  # each from its own address

    stored_meanwhile(monkeypatch, copies)
    last = post(article, text=text, email="last@example.org")

    assert (last.status, last.moderation_rule) == (Comment.Status.SPAM, "flood")
    assert Comment.objects.get(pk=last.pk).policy_clause.number == rules.SPAM_CLAUSE


@pytest.mark.django_db
def test_nothing_stored_meanwhile_leaves_the_verdict_as_it_was(monkeypatch):
    article = article_with_thread("post")
    stored_meanwhile(monkeypatch, lambda: None)
    comment = post(article, text="Nobody else wrote while this was checked.", ip_address=ADDRESS)
    assert (comment.status, comment.moderation_rule) == (Comment.Status.PUBLISHED, "post-moderation")
    assert comment.published_at is not None


def submission(article, **fields) -> Submission:
    values = {
        "article": article, "parent": None, "author_name": "Aigerim", "email": "aigerim@example.org",
        "text": "A measured comment about the new bus routes.", "language": "en", "ip_hash": "b" * 64,
        "form_age": 10.0, "mode": "post",
    }  # fmt: skip
    return Submission(**{**values, **fields})


@pytest.mark.django_db
def test_a_deliberation_concludes_as_moderate_decides(settings):
    settings.SERAI_RATE_LIMIT = 1
    WordFactory(term="scoundrel")
    article = article_with_thread("post")
    post(article, text="Already said once on this article, word for word.", ip_address="203.0.113.20")
    cases = [
        {},
        {"mode": "pre"},
        {"text": "You scoundrel, you wrote this."},
        {"honeypot": "http://spam.example"},
        {"form_age": 0.5},
        {"text": "Already said once on this article, word for word.", "ip_hash": "c" * 64},
        {"user": StaffFactory()},
    ]
    from serai.moderation.privacy import ip_hash

    cases.append({"ip_hash": ip_hash("203.0.113.20")})  # over the rate limit of one
    for fields in cases:
        expected = moderate(submission(article, **fields))
        assert Deliberation(submission(article, **fields)).conclude() == expected, fields


@pytest.mark.django_db
def test_the_counting_rules_wait_for_the_transaction(django_assert_num_queries):
    article = article_with_thread("post")
    Deliberation(submission(article)).conclude()  # word lists and bans loaded once per process
    deliberation = Deliberation(submission(article))
    with django_assert_num_queries(0):
        provisional = deliberation.provisional()
    with django_assert_num_queries(1 + (connection.vendor == "postgresql")):  # the lock, the counts
        assert deliberation.conclude() == provisional


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's write transactions already run one at a time (tests/core/test_sqlite_writers.py)",
)
def test_comments_sent_at_once_from_one_address_are_held_past_the_limit(settings):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 3, 60
    article = article_with_thread("post")
    senders = 8
    start, errors = threading.Barrier(senders), []

    def send(n):
        try:
            start.wait(10)
            post(article, text=f"Sent at once, number {n}, about the heating.", ip_address=ADDRESS)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    statuses = Counter(Comment.objects.filter(article=article).values_list("status", flat=True))
    assert statuses == {Comment.Status.PUBLISHED: 3, Comment.Status.PENDING: senders - 3}
    assert Thread.objects.get(article=article).published_count == 3
