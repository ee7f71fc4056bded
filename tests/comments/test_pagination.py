"""Top-level comments come in pages cut by a keyset cursor; every page costs the same queries."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import selectors
from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from serai.core import generations
from serai.core.pagecache import story_key
from tests.comments.helpers import CommentFactory, comment_ids_in_order, post_comment
from tests.factories import ArticleFactory, UserFactory

PER_PAGE = 3


@pytest.fixture
def small_pages(settings):
    settings.SERAI_COMMENTS_PER_PAGE = PER_PAGE


@pytest.fixture
def ten_comments(article, small_pages):
    """Ten top-level comments a minute apart, two of them posted in the same microsecond,
    and a reply under some of them (replies never take a place on the page)."""
    start = timezone.now() - timedelta(hours=3)
    times = [start + timedelta(minutes=m) for m in (0, 1, 2, 3, 4, 4, 5, 6, 7, 8)]
    tops = [CommentFactory(article=article, created_at=t) for t in times]
    for top in tops[::3]:
        CommentFactory(parent=top, created_at=top.created_at + timedelta(seconds=30))
    return tops


def next_link(body: str) -> str | None:
    match = re.search(r'<a rel="next" href="([^"]+)"', body)
    return html.unescape(match.group(1)) if match else None


def walk(client, article, order: str) -> list[list[int]]:
    """Every page of top-level comments, following the "More comments" links."""
    url = article.get_absolute_url() + f"?order={order}"
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        tops = set(Comment.objects.filter(article=article, depth=0).values_list("pk", flat=True))
        pages.append([pk for pk in comment_ids_in_order(body) if pk in tops])
        link = next_link(body)
        url = article.get_absolute_url() + link.split("#")[0] if link else None
        assert len(pages) < 20, "the next links go round in circles"
    return pages


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_following_next_links_shows_every_comment_once_in_order(client, article, ten_comments, order):
    expected = sorted(ten_comments, key=lambda c: (c.created_at, c.pk), reverse=order == "newest")
    pages = walk(client, article, order)
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    assert [pk for p in pages for pk in p] == [c.pk for c in expected]


def test_replies_come_with_their_comment_and_do_not_take_a_place(client, article, ten_comments):
    body = client.get(article.get_absolute_url() + "?order=oldest").content.decode()
    first = ten_comments[0]
    reply = Comment.objects.get(parent=first)
    ids = comment_ids_in_order(body)
    assert ids[:2] == [first.pk, reply.pk]
    assert len([pk for pk in ids if pk != reply.pk]) == PER_PAGE


def test_the_next_link_keeps_the_order_and_later_pages_link_back_to_the_first(client, article, ten_comments):
    body = client.get(article.get_absolute_url() + "?order=oldest").content.decode()
    link = next_link(body)
    assert link.startswith("?order=oldest&after=")
    assert "First page of comments" not in body
    second = client.get(article.get_absolute_url() + link.split("#")[0]).content.decode()
    assert 'href="?order=oldest#comments">First page of comments' in second


def test_the_last_page_has_no_next_link(client, article, small_pages):
    for _ in range(PER_PAGE):
        CommentFactory(article=article)
    body = client.get(article.get_absolute_url()).content.decode()
    assert next_link(body) is None


def test_an_unknown_order_falls_back_to_newest(client, article, ten_comments):
    body = client.get(article.get_absolute_url() + "?order=%3Cscript%3E").content.decode()
    assert comment_ids_in_order(body)[0] == ten_comments[-1].pk
    assert "<script>" not in body.split("</head>")[1]


def test_a_comment_posted_while_reading_does_not_shift_the_next_page(client, article, ten_comments):
    """Keyset pages: a new comment on top does not push one from page 1 onto page 2 again."""
    body = client.get(article.get_absolute_url()).content.decode()
    first_page = comment_ids_in_order(body)
    CommentFactory(article=article)
    second = client.get(article.get_absolute_url() + next_link(body).split("#")[0]).content.decode()
    assert not set(first_page) & set(comment_ids_in_order(second))


TAMPERED = [
    "garbage",
    "~",
    "~~~",
    "2026-01-01T00:00:00+00:00~abc",
    "2026-13-45T99:00:00+00:00~1",
    "2026-01-01T00:00:00~1",
    "not-a-date~1",
    "2026-01-01T00:00:00+00:00~99999999999999999999999999",
    "2026-01-01T00:00:00+00:00~-1",
    "<script>alert(1)</script>~1",
    "2026-01-01T00:00:00+00:00~1%00",
    "x" * 5000,
]


@pytest.mark.filterwarnings("ignore:DateTimeField Comment.created_at received a naive datetime")
@pytest.mark.parametrize("cursor", TAMPERED)
def test_a_tampered_cursor_never_breaks_the_page(client, article, ten_comments, cursor):
    response = client.get(article.get_absolute_url(), {"after": cursor})
    assert response.status_code in (200, 400)
    assert b"<script>alert(1)" not in response.content


@pytest.mark.parametrize("cursor", ["0001-01-01T00:00:00+14:00~1", "9999-12-31T23:59:59-14:00~1"])
def test_a_cursor_out_of_range_in_utc_does_not_break_the_page(client, article, ten_comments, cursor):
    response = client.get(article.get_absolute_url(), {"after": cursor})
    assert response.status_code in (200, 400)


def test_the_cursor_round_trips():
    comment = Comment(pk=42, created_at=timezone.now())
    assert selectors.decode_cursor(selectors.encode_cursor(comment)) == (comment.created_at, 42)
    # A "+" that arrived as a space (an unencoded query string) is understood too.
    assert selectors.decode_cursor(selectors.encode_cursor(comment).replace("+", " "))[1] == 42


@pytest.mark.django_db(transaction=True)
class TestQueryCount:
    """The article page costs the same number of queries whatever the size of its thread.

    Transactional, so what each process keeps is kept, as in production."""

    def _queries(self, client, url) -> int:
        """Queries of the page made again after a new comment: what each process keeps while the
        site is unchanged (the story, the article, the policy's clauses) is kept; the thread, whose
        generation the comment moved, is read again."""
        client.get(url)
        language, _section, slug = url.split("?")[0].strip("/").split("/")
        generations.store().bump([story_key(language, slug)])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def _fill(self, article, tops: int, clause=None):
        """Top-level comments, every third with a chain of replies up to five deep; some by
        staff; with a clause given, some tombstones (top-level and mid-chain) that cite it."""
        start = timezone.now() - timedelta(days=1)
        staff = UserFactory(username="desk", is_staff=True)
        for i in range(tops):
            top = CommentFactory(
                article=article,
                created_at=start + timedelta(minutes=i),
                is_staff_comment=i % 7 == 0,
                user=staff if i % 7 == 0 else None,
            )
            if i % 3:
                continue
            chain = [CommentFactory(parent=top, created_at=top.created_at + timedelta(seconds=5))]
            for _level in range(i % 5):
                chain.append(
                    CommentFactory(parent=chain[-1], created_at=chain[-1].created_at + timedelta(seconds=1))
                )
            if clause is not None:
                rejected = top if i % 2 == 0 else chain[0]
                if rejected is top or len(chain) > 1:
                    comment_set_status(comment=rejected, status=Comment.Status.REJECTED, clause=clause)

    def test_3_comments_and_60_comments_with_replies_cost_the_same(self, client, clause):
        small, big = ArticleFactory(), ArticleFactory()
        self._fill(small, 3)
        self._fill(big, 60, clause=clause)
        assert Comment.objects.filter(article=big).count() > 100
        url_small, url_big = small.get_absolute_url(), big.get_absolute_url()
        assert self._queries(client, url_small) == self._queries(client, url_big)

    def test_page_one_and_a_deep_page_cost_the_same(self, client, article, clause, settings):
        settings.SERAI_COMMENTS_PER_PAGE = 5
        self._fill(article, 40, clause=clause)
        url = article.get_absolute_url()
        first = self._queries(client, url)
        for _ in range(6):
            body = client.get(url).content.decode()
            url = article.get_absolute_url() + next_link(body).split("#")[0]
        assert "after=" in url
        assert self._queries(client, url) == first

    def test_a_reader_with_many_pending_comments_costs_the_same_as_with_one(self, article):
        one, many = Client(), Client()
        post_comment(one, article)
        for _ in range(10):
            post_comment(many, article)
        url = article.get_absolute_url()
        self._queries(one, url)
        assert self._queries(one, url) == self._queries(many, url)
        assert many.get(url).content.decode().count("Only you can see it.") == 10


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_top_level_comments_are_read_in_index_order_without_sorting_the_thread(article, clause, order):
    """The published top-level comments are read by walking the comment_thread_page index in page
    order, stopping after a page: the database never sorts the whole thread. Tombstones, read
    apart, come through the same index (only removed comments that still have replies are sorted)."""
    start = timezone.now() - timedelta(days=1)
    tops = [CommentFactory(article=article, created_at=start + timedelta(minutes=i)) for i in range(30)]
    CommentFactory(parent=tops[4])
    comment_set_status(comment=tops[4], status=Comment.Status.REJECTED, clause=clause)
    for cursor in (None, selectors.encode_cursor(tops[20])):
        with CaptureQueriesContext(connection) as ctx:
            page = selectors.thread_page(article=article, order=order, cursor=cursor, per_page=5)
        assert page.comments
        roots = [q["sql"] for q in ctx.captured_queries if '"depth" = 0' in q["sql"]]
        assert len(roots) == 2, ctx.captured_queries
        with connection.cursor() as cur:
            for sql in roots:
                cur.execute("EXPLAIN QUERY PLAN " + sql)
                plan = " | ".join(row[-1] for row in cur.fetchall())
                assert "comment_thread_page" in plan, plan
                if "reply_count" not in sql:
                    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_a_deep_page_is_found_by_seeking_in_the_index_not_by_walking_to_it(article, order):
    """The keyset condition bounds the index range the database reads (an algorithmic bound, not a
    timing): written as `a < ? OR (a = ? AND id < ?)` it was only a filter, and SQLite read every
    entry before the page (page 50 of a 10,000-comment thread: 1,000 entries for 20)."""
    comments = [CommentFactory(article=article) for _ in range(3)]
    asked = []

    def remember(execute, sql, params, many, context):
        asked.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(remember):
        page = selectors.thread_page(
            article=article, order=order, cursor=selectors.encode_cursor(comments[1]), per_page=5
        )
    assert [c.pk for c in page.comments] == [comments[0].pk if order == "newest" else comments[2].pk]
    if connection.vendor != "sqlite":
        return  # PostgreSQL's plans for a test-sized table depend on its statistics, not on the SQL
    sql, params = next((sql, params) for sql, params in asked if "depth" in sql and 'status" = %s' in sql)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)  # the values bound, as served
        plan = " ".join(row[-1] for row in cursor.fetchall()).replace("COVERING INDEX", "INDEX")
    sign = "<" if order == "newest" else ">"
    seek = f"INDEX comment_thread_page (story_id=? AND status=? AND depth=? AND created_at{sign}?)"
    assert seek in plan, plan
