"""One commenter's comments in flight at once are counted against each other.

The rate limit and the duplicate rule count comments already stored. Asked before the comment's
write transaction, several comments sent at once from one address (a script, a reader pressing
Post twice) each found the others absent and were all published. They are now asked inside the
transaction (serai.comments.selectors.submission_history), after the commenter's earlier posts. The
same holds for the votes counted per address (serai.core.locks), and readers' reports raise the
count that orders the moderators' queue in their own transaction.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from serai.comments.models import ArticleVote, Comment, Thread
from serai.comments.selectors import published_count
from serai.comments.votes import AlreadyVoted, article_vote
from serai.desk.services import comment_report
from serai.moderation import pipeline, rules
from tests.moderation.factories import article_with_thread, clause, post

ADDRESS = "203.0.113.9"


def stored_meanwhile(monkeypatch, make) -> None:
    """Run `make()` once, after the comment was read and before its transaction opens: as if
    other requests stored their comments while this one was being prepared."""
    original, done = pipeline.prepare, []

    def prepare(*languages):
        original(*languages)
        if not done:
            done.append(True)
            make()

    monkeypatch.setattr(pipeline, "prepare", prepare)


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
    assert published_count(article=article) == 3


@pytest.mark.django_db
def test_the_same_comment_sent_twice_at_once_is_published_once(monkeypatch):
    article = article_with_thread("post")
    text = "Pressed Post twice: the same words from the same reader."
    stored_meanwhile(monkeypatch, lambda: post(article, text=text, ip_address=ADDRESS))

    second = post(article, text=text, ip_address=ADDRESS)

    assert (second.status, second.moderation_rule) == (Comment.Status.PENDING, "duplicate")
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    assert [c.text for c in published] == [text]
    assert published_count(article=article) == 1


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


@pytest.mark.django_db(transaction=True)
def test_the_counts_are_asked_inside_the_transaction_that_stores_the_comment():
    """After the writers' lock (SQLite's write transaction, PostgreSQL's advisory locks) and
    before the INSERT: nothing stored meanwhile escapes them."""
    article = article_with_thread("post")
    post(article, text="The first comment loads the bans and the word lists.")
    with CaptureQueriesContext(connection) as queries:
        post(article, text="A second comment, counted under the lock.", ip_address=ADDRESS)
    sql = [q["sql"] for q in queries.captured_queries]
    count = next(i for i, s in enumerate(sql) if "COUNT(" in s and '"text_hash"' in s)
    insert = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "comments_comment"'))
    lock = next(i for i, s in enumerate(sql) if s.startswith("BEGIN") or "pg_advisory_xact_lock" in s)
    assert lock < count < insert, "\n".join(sql)


def at_once(count: int, send) -> None:
    """`send(n)` for n in range(count), in as many threads released together."""
    start, errors = threading.Barrier(count), []

    def run(n):
        try:
            start.wait(10)
            send(n)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []


def statuses(article) -> Counter:
    return Counter(Comment.objects.filter(article=article).values_list("status", flat=True))


ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's write transactions already run one at a time (tests/core/test_sqlite_writers.py)",
)


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_comments_sent_at_once_from_one_address_are_held_past_the_limit(settings):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 3, 60
    article = article_with_thread("post")

    at_once(
        8, lambda n: post(article, text=f"Sent at once, number {n}, about the heating.", ip_address=ADDRESS)
    )

    assert statuses(article) == {Comment.Status.PUBLISHED: 3, Comment.Status.PENDING: 5}
    assert published_count(article=article) == 3


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_one_email_sending_the_same_words_from_two_addresses_at_once_is_published_once():
    article = article_with_thread("post")
    text = "The same words from one reader, on a phone and a laptop at once."

    at_once(2, lambda n: post(article, text=text, email="one.reader@example.org"))  # two addresses

    assert statuses(article) == {Comment.Status.PUBLISHED: 1, Comment.Status.PENDING: 1}


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_a_flood_sent_at_once_from_many_addresses_is_spam_past_its_copies():
    article = article_with_thread("post")
    text = "Buy the miracle filter now, the same message from every connection."

    at_once(6, lambda n: post(article, text=text, email=f"sender{n}@example.org"))

    spared = rules.FLOOD_COPIES - 1  # the copies before the flood's count is reached
    assert statuses(article) == {Comment.Status.PUBLISHED: spared, Comment.Status.SPAM: 6 - spared}


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_replies_sent_at_once_to_one_comment_are_all_stored():
    # Each reply raises its parent's reply count under FOR UPDATE, and its foreign keys are
    # checked (a key-share lock on the parent) only at commit, Django's keys being deferred on
    # PostgreSQL: replies at once queue on the parent row, and none waits for another in a circle.
    article = article_with_thread("post")
    parent = post(article, text="A comment that many readers answer at the same moment.")

    at_once(8, lambda n: post(article, text=f"Reply number {n} to the busy comment.", parent=parent))

    parent.refresh_from_db()
    assert parent.reply_count == 8
    assert statuses(article) == {Comment.Status.PUBLISHED: 9}


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_votes_sent_at_once_from_one_address_count_up_to_its_limit(settings):
    settings.SERAI_VOTES_PER_ADDRESS = 3
    article = article_with_thread("post")
    refused = []

    def vote(n):
        try:
            article_vote(article=article, liked=True, voter_key=f"{n:032x}", ip_address=ADDRESS)
        except AlreadyVoted:
            refused.append(n)

    at_once(8, vote)

    assert len(refused) == 5
    assert ArticleVote.objects.filter(article=article).count() == 3
    assert Thread.objects.get(article=article).votes_yes == 3


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
def test_reports_sent_at_once_are_all_counted(settings):
    settings.SERAI_REPORTS_TO_HIDE = 100  # counted, not hidden
    article = article_with_thread("post")
    comment = post(article, text="A comment that many readers report at the same moment.")

    at_once(6, lambda n: comment_report(comment=comment, reporter_key=f"{n:064x}", note="Advertising"))

    comment.refresh_from_db()
    assert comment.report_count == 6
