"""Reads for the conversation under an article, in a fixed number of queries per page."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.dateparse import parse_datetime

from serai.comments.models import Comment

REPLIES_PER_ROOT = 10
ALL_REPLIES = 500
ORDERS = ("newest", "oldest")


@dataclass
class ThreadPage:
    comments: list[Comment]  # top-level comments in page order, each with `.shown_replies`
    order: str
    next_cursor: str | None
    is_first: bool
    more_replies: dict[int, bool] = field(default_factory=dict)
    single_root: bool = False


def encode_cursor(comment: Comment) -> str:
    return f"{comment.created_at.isoformat()}~{comment.pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor or "~" not in cursor:
        return None
    stamp, _sep, pk = cursor.rpartition("~")
    try:
        when = parse_datetime(stamp.replace(" ", "+"))
        if when is None or when.tzinfo is None or not pk.isdigit():
            return None
        # Out-of-range instants (year 1 at +14:00) fail here, not in the database adapter.
        return when.astimezone(UTC), int(pk)
    except (ValueError, OverflowError):
        return None


def thread_page(
    *,
    article,
    order: str = "newest",
    cursor: str | None = None,
    per_page: int | None = None,
    root_id: int | None = None,
) -> ThreadPage:
    """One page of top-level comments with their replies: three queries, whatever the thread's size.

    Pages are cut by keyset (created_at, id), never OFFSET, so page 50 costs what page 1 costs.
    Each comment shows its first REPLIES_PER_ROOT replies; `root_id` asks for one comment with all
    of them (up to ALL_REPLIES), which is where "Show all replies" leads.
    """
    per_page = per_page or settings.SERAI_COMMENTS_PER_PAGE
    order = order if order in ORDERS else "newest"
    position = None if root_id else decode_cursor(cursor)
    reply_limit = ALL_REPLIES if root_id else REPLIES_PER_ROOT
    if root_id:
        roots = list(
            Comment.objects.in_thread_display()
            .filter(article=article, depth=0, pk=root_id)
            .select_related("policy_clause")
        )
        has_more = False
    else:
        # Published comments and tombstones are read apart, each in the order of the
        # comment_thread_page index (article, status, depth, created_at, id): one condition with
        # an OR across statuses would make the database read and sort every top-level comment.
        published = _roots(article, [Comment.Status.PUBLISHED], order, position, per_page + 1)
        tombstones = _roots(article, TOMBSTONE_STATUSES, order, position, per_page + 1, tombstones=True)
        if tombstones:
            newest = order == "newest"
            roots = list(
                heapq.merge(published, tombstones, key=lambda c: (c.created_at, c.pk), reverse=newest)
            )
        else:
            roots = published
        has_more = len(roots) > per_page
        roots = roots[:per_page]
    by_root: dict[int, list[Comment]] = {c.pk: [] for c in roots}
    more: dict[int, int] = {}
    if roots:
        replies = (
            Comment.objects.in_thread_display()
            .filter(root_id__in=list(by_root), depth__gt=0)
            .annotate(n=Window(RowNumber(), partition_by=[F("root_id")], order_by=[F("created_at"), F("id")]))
            .filter(n__lte=reply_limit + 1)
            .select_related("policy_clause")
            .order_by("root_id", "created_at", "id")
        )
        for reply in replies:
            if reply.n > reply_limit:
                more[reply.root_id] = True
                continue
            by_root[reply.root_id].append(reply)
    for root in roots:
        root.shown_replies = arrange_replies(root, by_root[root.pk])
    return ThreadPage(
        comments=roots,
        order=order,
        next_cursor=encode_cursor(roots[-1]) if has_more else None,
        is_first=position is None and not root_id,
        more_replies=more,
        single_root=bool(root_id),
    )


TOMBSTONE_STATUSES = [Comment.Status.REJECTED, Comment.Status.REMOVED, Comment.Status.SPAM]


def _roots(article, statuses, order, position, limit, *, tombstones=False) -> list[Comment]:
    """Top-level comments in some statuses, in page order from the keyset position."""
    roots = Comment.objects.filter(article=article, depth=0)
    if len(statuses) == 1:
        roots = roots.filter(status=statuses[0])
    else:
        roots = roots.filter(status__in=statuses)
    if tombstones:
        # Removed comments stay in the thread only as long as replies hang from them.
        roots = roots.filter(reply_count__gt=0).select_related("policy_clause")
    if order == "newest":
        roots = roots.order_by("-created_at", "-id")
        if position:
            when, pk = position
            roots = roots.filter(Q(created_at__lt=when) | Q(created_at=when, id__lt=pk))
    else:
        roots = roots.order_by("created_at", "id")
        if position:
            when, pk = position
            roots = roots.filter(Q(created_at__gt=when) | Q(created_at=when, id__gt=pk))
    return list(roots[:limit])


def arrange_replies(root: Comment, replies: list[Comment]) -> list[Comment]:
    """Replies in reading order (each after its parent), with the indent the page gives them.

    Nesting is kept in the data to any depth; the page indents a few levels and shows deeper
    replies at the deepest indent, saying whom they answer.
    """
    children: dict[int, list[Comment]] = {}
    names = {root.pk: root.author_name}
    for reply in replies:
        children.setdefault(reply.parent_id, []).append(reply)
        names[reply.pk] = reply.author_name
    limit = settings.SERAI_REPLY_INDENT_LEVELS
    ordered: list[Comment] = []
    stack = list(reversed(children.get(root.pk, [])))
    while stack:
        reply = stack.pop()
        reply.indent = min(reply.depth, limit)
        reply.in_reply_to = names.get(reply.parent_id) if reply.depth > limit else None
        ordered.append(reply)
        stack.extend(reversed(children.get(reply.pk, [])))
    return ordered


def own_comments(*, article, ids: list[int]) -> list[Comment]:
    """The reader's own comments on this article that others cannot see yet (one query)."""
    if not ids:
        return []
    return list(
        Comment.objects.filter(article=article, pk__in=ids, status=Comment.Status.PENDING)
        .select_related("parent")
        .order_by("created_at")
    )
