"""The thread page's hand-written reads give exactly what the ORM gives for the same question:
the same comments, in the same order, with the same values (dates as aware datetimes, flags as
booleans), on every page, in both orders, and for one comment with all its replies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from serai.comments import selectors
from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHOWN = ["pk", "article_id", "parent_id", "root_id", "depth", "author_name", "is_staff_comment",
         "text_html", "language", "status", "created_at", "edited_at", "moderation_rule",
         "policy_clause_id", "reply_count"]  # fmt: skip


@pytest.fixture
def thread(clause):
    """Top-level comments a minute apart (two in the same microsecond), replies up to four deep,
    one comment with more replies than a page shows, pending and rejected comments, tombstones
    with and without replies, staff comments, an edited one, and another article's comments."""
    article = ArticleFactory()
    start = timezone.now() - timedelta(days=2)
    times = [start + timedelta(minutes=m) for m in range(23)] + [start + timedelta(minutes=5)]
    tops = []
    for i, when in enumerate(times):
        top = CommentFactory(
            article=article,
            created_at=when,
            is_staff_comment=i % 6 == 0,
            edited_at=when + timedelta(minutes=3) if i == 4 else None,
            author_name=f"Reader {i} <b>&amp;",
        )
        tops.append(top)
        if i % 4 == 0:
            chain = [CommentFactory(parent=top, created_at=when + timedelta(seconds=10))]
            for level in range(i % 5):
                later = when + timedelta(seconds=20 + level)
                chain.append(CommentFactory(parent=chain[-1], created_at=later))
    for n in range(selectors.REPLIES_PER_ROOT + 4):
        CommentFactory(parent=tops[7], created_at=times[7] + timedelta(seconds=n + 1))
    CommentFactory(article=article, status=Comment.Status.PENDING, created_at=start + timedelta(minutes=3))
    comment_set_status(comment=tops[8], status=Comment.Status.REJECTED, clause=clause)  # with replies
    comment_set_status(comment=tops[9], status=Comment.Status.SPAM)  # without: gone
    first_reply = Comment.objects.filter(parent=tops[12]).first()
    comment_set_status(comment=first_reply, status=Comment.Status.REMOVED, clause=clause)
    CommentFactory(article=ArticleFactory(), created_at=start)
    return article, tops


def reference_page(article, order, cursor, per_page, root_id=None):
    """The same page through the ORM: ids of roots, and of each root's shown replies."""
    roots = Comment.objects.in_thread_display().filter(article=article, depth=0)
    if root_id:
        roots = roots.filter(pk=root_id)
    position = None if root_id else selectors.decode_cursor(cursor)
    newest = order == "newest"
    key = ("-created_at", "-id") if newest else ("created_at", "id")
    roots = list(roots.order_by(*key))
    if position:
        after = [r for r in roots if (r.created_at, r.pk) != position]
        roots = [r for r in after if ((r.created_at, r.pk) < position) == newest]
    page = roots if root_id else roots[:per_page]
    limit = selectors.ALL_REPLIES if root_id else selectors.REPLIES_PER_ROOT
    replies = {}
    for root in page:
        shown = list(
            Comment.objects.in_thread_display().filter(root=root, depth__gt=0).order_by("created_at", "id")
        )
        replies[root.pk] = [r.pk for r in shown[:limit]]
    has_more = not root_id and len(roots) > per_page
    return [r.pk for r in page], replies, has_more


def values(comment):
    return [getattr(comment, name) for name in SHOWN]


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_every_page_matches_the_orm(thread, order):
    article, _tops = thread
    cursor, pages = None, 0
    while True:
        page = selectors.thread_page(article=article, order=order, cursor=cursor, per_page=5)
        roots, replies, has_more = reference_page(article, order, cursor, 5)
        assert [c.pk for c in page.comments] == roots
        for comment in page.comments:
            assert sorted(r.pk for r in comment.shown_replies) == sorted(replies[comment.pk])
            for shown in [comment, *comment.shown_replies]:
                assert values(shown) == values(Comment.objects.get(pk=shown.pk))
                assert type(shown.is_staff_comment) is bool
                assert shown.created_at.tzinfo is not None
        assert bool(page.next_cursor) == has_more
        pages += 1
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert pages == 5  # 23 shown top-level comments (24, one spam without replies), 5 a page


def test_more_replies_are_offered_where_there_are_more(thread):
    article, tops = thread
    page = selectors.thread_page(article=article, order="oldest", per_page=30)
    assert set(page.more_replies) == {tops[7].pk}
    busy = next(c for c in page.comments if c.pk == tops[7].pk)
    assert len(busy.shown_replies) == selectors.REPLIES_PER_ROOT


def test_one_comment_with_all_its_replies(thread):
    article, tops = thread
    page = selectors.thread_page(article=article, root_id=tops[7].pk)
    roots, replies, _ = reference_page(article, "newest", None, 20, root_id=tops[7].pk)
    assert [c.pk for c in page.comments] == roots == [tops[7].pk]
    assert [r.pk for r in page.comments[0].shown_replies] == replies[tops[7].pk]
    assert len(replies[tops[7].pk]) == selectors.REPLIES_PER_ROOT + 4
    assert page.next_cursor is None and page.single_root


def test_tombstones_name_their_clause(thread, clause):
    article, tops = thread
    page = selectors.thread_page(article=article, order="oldest", per_page=30)
    rejected = next(c for c in page.comments if c.pk == tops[8].pk)
    assert rejected.is_tombstone and rejected.policy_clause == clause
    removed_reply = next(r for r in next(c for c in page.comments if c.pk == tops[12].pk).shown_replies)
    assert removed_reply.is_tombstone and removed_reply.policy_clause == clause
    assert tops[9].pk not in [c.pk for c in page.comments]


def test_a_hidden_comment_asked_for_by_id_shows_nothing(thread):
    article, tops = thread
    assert selectors.thread_page(article=article, root_id=tops[9].pk).comments == []
    other = Comment.objects.exclude(article=article).first()
    assert selectors.thread_page(article=article, root_id=other.pk).comments == []
