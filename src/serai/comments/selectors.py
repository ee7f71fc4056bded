"""Reads for the conversation under an article, in a fixed number of queries per page."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.utils.dateparse import parse_datetime

from serai.comments.models import Comment
from serai.core.fastread import Columns
from serai.core.fragments import fragments

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
        # An id beyond 64-bit integers names no comment (and no database column could hold it).
        if when is None or when.tzinfo is None or not pk.isdigit() or len(pk) > 18:
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
    """One page of top-level comments with their replies, in three queries whatever the thread's size.

    Pages are cut by keyset (created_at, id), never OFFSET, so page 50 costs what page 1 costs.
    Published top-level comments and tombstones are read apart, each in the order of the
    comment_thread_page index (article, status, depth, created_at, id): one condition with an OR
    across statuses would make the database read and sort every top-level comment of the article.
    Each comment shows its first REPLIES_PER_ROOT replies; `root_id` asks for one comment with all
    of them (up to ALL_REPLIES), which is where "Show all replies" leads.
    """
    per_page = per_page or settings.SERAI_COMMENTS_PER_PAGE
    order = order if order in ORDERS else "newest"
    position = None if root_id else decode_cursor(cursor)
    reply_limit = ALL_REPLIES if root_id else REPLIES_PER_ROOT
    if root_id:
        roots = _read_roots(article.pk, order, None, 1, root_id=root_id)
        has_more = False
    else:
        published = _read_roots(article.pk, order, position, per_page + 1)
        tombstones = _read_roots(article.pk, order, position, per_page + 1, tombstones=True)
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
    more: dict[int, bool] = {}
    if roots:
        for reply, number in _read_replies(list(by_root), reply_limit + 1):
            if number > reply_limit:
                more[reply.root_id] = True
                continue
            by_root[reply.root_id].append(reply)
    _attach_clauses(roots, by_root)
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

# What a thread page shows of each comment; the rest (email, address hash, raw text) is never read.
_SHOWN = Columns(
    Comment,
    ["id", "article", "parent", "root", "depth", "author_name", "is_staff_comment", "text_html", "language",
     "status", "created_at", "edited_at", "moderation_rule", "policy_clause", "reply_count"],
)  # fmt: skip


def _SHOWN_CONDITION() -> str:  # noqa: N802 (reads as the constant it stands for)
    """Comments a thread page shows (as `CommentQuerySet.in_thread_display`): published ones, and
    tombstones that keep replies attached."""
    c = _SHOWN.column
    return f"({c('status')} = %s OR ({c('status')} IN (%s, %s, %s) AND {c('reply_count')} > 0))"


_SHOWN_PARAMS = [Comment.Status.PUBLISHED, *TOMBSTONE_STATUSES]


def _read_roots(article_id, order, position, limit, *, tombstones=False, root_id=None) -> list[Comment]:
    """Top-level comments from the keyset position in page order: the published ones, or the
    removed ones that still have replies (tombstones), or the one comment `root_id` shown."""
    which = "one" if root_id is not None else "tombstones" if tombstones else "published"
    newest = order == "newest"
    params: list = [article_id]
    if which == "one":
        params += [root_id, *_SHOWN_PARAMS]
    elif which == "tombstones":
        params += TOMBSTONE_STATUSES
    else:
        params.append(Comment.Status.PUBLISHED)
    if position:
        params += [_SHOWN.adapt(position[0]), position[1]]
    shape = ("roots", which, newest, bool(position))
    sql = _SHOWN.statement(shape, lambda: _roots_sql(which, newest, position))
    return _SHOWN.instances(_SHOWN.fetch(sql, [*params, limit]))


def _roots_sql(which: str, newest: bool, position) -> str:
    c = _SHOWN.column
    where = [f"{c('article')} = %s", f"{c('depth')} = 0"]
    if which == "one":
        where += [f"{c('id')} = %s", _SHOWN_CONDITION()]
    elif which == "tombstones":
        where.append(f"{c('status')} IN ({_SHOWN.placeholders(3)}) AND {c('reply_count')} > 0")
    else:
        where.append(f"{c('status')} = %s")
    if position:
        # One comparison of (created_at, id) with the position: the database seeks to it in the
        # index. Written as `created_at < ? OR (created_at = ? AND id < ?)` it did not (SQLite
        # walked the index from the first comment on: page 50 read 1,000 entries to show 20).
        sign = "<" if newest else ">"
        where.append(f"({c('created_at')}, {c('id')}) {sign} (%s, %s)")
    direction = "DESC" if newest else "ASC"
    return (
        f"SELECT {_SHOWN.sql()} FROM {_SHOWN.quoted_table()} WHERE {' AND '.join(where)} "
        f"ORDER BY {c('created_at')} {direction}, {c('id')} {direction} LIMIT %s"
    )


def _read_replies(root_ids: list[int], limit: int) -> list[tuple[Comment, int]]:
    """The first `limit` shown replies under each of these top-level comments, with their rank."""
    sql = _SHOWN.statement(("replies", len(root_ids)), lambda: _replies_sql(len(root_ids)))
    rows = _SHOWN.fetch(sql, [*root_ids, *_SHOWN_PARAMS, limit])
    return list(zip(_SHOWN.instances(rows), (row[-1] for row in rows), strict=True))


def _replies_sql(count: int) -> str:
    c = _SHOWN.column
    return (
        f"SELECT * FROM (SELECT {_SHOWN.sql()}, ROW_NUMBER() OVER (PARTITION BY {c('root')} "
        f"ORDER BY {c('created_at')}, {c('id')}) AS reply_rank FROM {_SHOWN.quoted_table()} "
        f"WHERE {c('root')} IN ({_SHOWN.placeholders(count)}) AND {c('depth')} > 0 "
        f"AND {_SHOWN_CONDITION()}) ranked "
        f"WHERE reply_rank <= %s ORDER BY {c('root')}, {c('created_at')}, {c('id')}"
    )


def _attach_clauses(roots: list[Comment], by_root: dict[int, list[Comment]]) -> None:
    """Tombstones name the policy clause they broke: clauses come from the per-process list."""
    cited = [c for c in roots if c.policy_clause_id] + [
        r for replies in by_root.values() for r in replies if r.policy_clause_id
    ]
    if not cited:
        return
    clauses = policy_clauses()
    for comment in cited:
        comment.policy_clause = clauses.get(comment.policy_clause_id)


def policy_clauses() -> dict:
    """Every clause of the Comment Policy by id, kept per process while the site is unchanged."""
    from serai.moderation.models import PolicyClause

    return fragments().get("policy-clauses", ["site"], lambda: PolicyClause.objects.in_bulk())


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
