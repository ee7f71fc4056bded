"""Reads for the conversation under an article, in a fixed number of queries per page."""

from __future__ import annotations

import functools
import heapq
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from serai.comments import translated
from serai.comments.models import TOMBSTONE_STATES, Comment, Mode, Thread, shown_in_thread_q, story_id
from serai.core.fragments import fragments
from serai.core.params import parse_id
from serai.moderation import rules
from serai.moderation.models import PolicyClause
from serai.moderation.pipeline import History

REPLIES_PER_ROOT = 10
ALL_REPLIES = 500
ORDERS = ("newest", "oldest")


@dataclass(frozen=True)
class ThreadSettings:
    """How an article's thread takes comments, as its row says (the counters are read apart)."""

    exists: bool
    mode: str = Mode.INHERIT
    close_after_days: int | None = None


def settings_generation(story: int) -> str:
    """The generation every save of a story's thread row moves (its settings; the counters move
    with queryset updates, which leave it alone)."""
    return f"thread-settings:{story}"


def thread_settings(*, article) -> ThreadSettings:
    """The settings of the article's story's thread (every edition's), kept per process while
    neither they nor the site change: posting and every page read them, and they change only when
    a moderator or an editor sets them."""
    story = story_id(article)

    def load() -> ThreadSettings:
        row = Thread.objects.filter(article_id=story).values_list("mode", "close_after_days").first()
        return ThreadSettings(True, *row) if row else ThreadSettings(False)

    key = settings_generation(story)
    return fragments().get(key, ["site", key], load)


def thread_counters(*, article) -> Thread:
    """The story's thread with its vote totals as they are now, in one query; an unsaved, empty
    one when nobody has written or voted under any of the story's editions yet."""
    story = story_id(article)
    return Thread.objects.filter(article_id=story).first() or Thread(article_id=story)


def published_count(*, article, only_translated: bool | None = None) -> int:
    """How many of the story's comments readers see published ("17 Comments"), the same on every
    edition, counted along the comment_thread_page index (story, status, …) without reading a row;
    on an edition that shows only translated conversations, those it shows (`serai.comments.translated`;
    `only_translated`: the edition's setting, when the caller has read it already)."""
    comments = Comment.objects.filter(story_id=story_id(article), status=Comment.Status.PUBLISHED)
    if only_translated is None:
        only_translated = translated.only_translated(article.language)
    if only_translated:
        comments = comments.filter(translated.conversation_on_edition_q(article.language))
    return comments.count()


def decode_order(order: str | None) -> str:
    return order if order in ORDERS else "newest"


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
        number = parse_id(pk)
        if when is None or when.tzinfo is None or number is None:
            return None
        # Out-of-range instants (year 1 at +14:00) fail here, not in the database adapter.
        return when.astimezone(UTC), number
    except (ValueError, OverflowError):
        return None


def thread_page(
    *,
    article,
    order: str = "newest",
    cursor: str | None = None,
    per_page: int | None = None,
    root_id: int | None = None,
    only_translated: bool | None = None,
) -> ThreadPage:
    """One page of the story's top-level comments (written on any of its editions) with their
    replies, in three queries whatever the thread's size, and one more for the translations into
    the edition's language of those written in another (`serai.comments.translated`).

    Pages are cut by keyset (created_at, id), never OFFSET, so page 50 costs what page 1 costs.
    Published top-level comments and tombstones are read apart, each in the order of the
    comment_thread_page index (story, status, depth, created_at, id): one condition with an OR
    across statuses would make the database read and sort every top-level comment of the story.
    Each comment shows its first REPLIES_PER_ROOT replies; `root_id` asks for one comment with all
    of them (up to ALL_REPLIES), which is where "Show all replies" leads.
    """
    per_page = per_page or settings.SERAI_COMMENTS_PER_PAGE
    order = decode_order(order)
    position = None if root_id else decode_cursor(cursor)
    story, edition = story_id(article), article.language
    if only_translated is None:
        only_translated = translated.only_translated(edition)
    shown = translated.on_edition_q(edition) if only_translated else None
    if root_id:
        roots, has_more = _read_roots(story, order, None, 1, root_id=root_id, shown=shown), False
    else:
        roots = _page_of_roots(story, order, position, per_page + 1, shown)
        has_more = len(roots) > per_page
        roots = roots[:per_page]
    more = _attach_replies(roots, ALL_REPLIES if root_id else REPLIES_PER_ROOT)
    translated.attach_translations([c for root in roots for c in (root, *root.shown_replies)], edition)
    return ThreadPage(
        comments=roots,
        order=order,
        next_cursor=encode_cursor(roots[-1]) if has_more else None,
        is_first=position is None and not root_id,
        more_replies=more,
        single_root=bool(root_id),
    )


def _page_of_roots(story, order, position, limit, shown=None) -> list[Comment]:
    """Up to `limit` top-level comments from the position: published ones and tombstones, read
    apart along the index and merged in page order."""
    published = _read_roots(story, order, position, limit, shown=shown)
    tombstones = _read_roots(story, order, position, limit, tombstones=True, shown=shown)
    if not tombstones:
        return published
    merged = heapq.merge(published, tombstones, key=lambda c: (c.created_at, c.pk), reverse=order == "newest")
    return list(merged)


def _attach_replies(roots: list[Comment], reply_limit: int) -> dict[int, bool]:
    """Give each root its first `reply_limit` replies in reading order (`.shown_replies`), in one
    query; answers which roots have more."""
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
    return more


# What a thread page shows of each comment; the rest (email, address hash, raw text) is never read.
SHOWN_FIELDS = (
    "id", "article", "story", "parent", "root", "depth", "author_name", "is_staff_comment", "text_html",
    "language", "status", "created_at", "edited_at", "moderation_rule", "policy_clause", "reply_count",
)  # fmt: skip


def _read_roots(
    story, order, position, limit, *, tombstones=False, root_id=None, shown=None
) -> list[Comment]:
    """Top-level comments from the keyset position in page order: the published ones, or the
    removed ones that still have replies (tombstones), or the one comment `root_id` shown; with
    `shown`, only those the edition shows (`translated.on_edition_q`).

    Published and tombstones are read apart, each along the comment_thread_page index (story,
    status, depth, created_at, id); the position bounds created_at so the database seeks to it.
    """
    comments = Comment.objects.filter(story_id=story, depth=0).only(*SHOWN_FIELDS)
    if root_id is not None:
        comments = comments.filter(shown_in_thread_q(), pk=root_id)
    elif tombstones:
        comments = comments.filter(status__in=sorted(TOMBSTONE_STATES), reply_count__gt=0)
    else:
        comments = comments.filter(status=Comment.Status.PUBLISHED)
    if shown is not None:
        comments = comments.filter(shown)
    newest = order == "newest"
    if position:
        when, pk = position
        if newest:
            comments = comments.filter(created_at__lte=when).exclude(created_at=when, pk__gte=pk)
        else:
            comments = comments.filter(created_at__gte=when).exclude(created_at=when, pk__lte=pk)
    ordering = ("-created_at", "-pk") if newest else ("created_at", "pk")
    return list(comments.order_by(*ordering)[:limit])


def _read_replies(root_ids: list[int], limit: int) -> list[tuple[Comment, int]]:
    """The first `limit` shown replies under each of these top-level comments, with their rank."""
    ranked = (
        Comment.objects.filter(shown_in_thread_q(), root_id__in=root_ids, depth__gt=0)
        .only(*SHOWN_FIELDS)
        .annotate(reply_rank=Window(RowNumber(), partition_by=F("root"), order_by=[F("created_at"), F("pk")]))
        .filter(reply_rank__lte=limit)
        .order_by("root", "created_at", "pk")
    )
    return [(reply, reply.reply_rank) for reply in ranked]


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
    return fragments().get("policy-clauses", ["site"], lambda: PolicyClause.objects.in_bulk())


def policy_clause_numbered(number: int | None) -> PolicyClause | None:
    """The clause a verdict cites by its number, from the per-process list."""
    if number is None:
        return None
    return next((clause for clause in policy_clauses().values() if clause.number == number), None)


def submission_history(*, comment: Comment) -> History:
    """What the counting rules need of the stored comments: comments from the same address
    lately, the same words from the same person in this story's conversation, the same words from anyone, and
    earlier uses of the same form token. Asked inside the transaction that stores `comment` (an
    edit's own row is left out), in one statement (`_HISTORY`)."""
    now = timezone.now()
    connection = connections[Comment.objects.db]

    def when(delta):
        return connection.ops.adapt_datetimefield_value(now - delta)

    nothing = None  # a value no column equals: an empty hash or email finds nobody
    ip_hash, email, form_use = (
        comment.ip_hash or nothing,
        comment.email or nothing,
        comment.form_use or nothing,
    )
    params = [
        ip_hash, when(rules.rate_window()),
        comment.text_hash, comment.story_id, when(rules.DUPLICATE_WINDOW), email, ip_hash,
        comment.text_hash, when(rules.FLOOD_WINDOW), comment.text,
        form_use, when(rules.form_token_window()),
        comment.text_hash, when(max(rules.DUPLICATE_WINDOW, rules.FLOOD_WINDOW)),
        ip_hash, when(rules.rate_window()),
        form_use, when(rules.form_token_window()),
        comment.pk or 0,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_history_sql(connection.vendor), params)
        recent, own, copies, uses = cursor.fetchone()
    return History(recent_from_address=recent, own_copies=own, copies=copies, token_uses=uses)


@functools.cache
def _history_sql(vendor: str) -> str:
    """The counting rules' four counts in one statement: the comments app's one hand-written query.

    Measured on SQLite: the same counts as one ORM aggregate (four filtered Counts over an OR of
    three conditions) took 24 ms to build and 0.3 ms to run, and made posting 4-5 times slower.
    Each branch of the WHERE is served by an index (comment_same_text, comment_address_time,
    comment_form_use); tests compare the counts with querysets asking each question apart.
    Case is compared as the ORM's `iexact` compares it on both databases (UPPER on each side).
    """
    from django.db import connection as default

    meta, quote = Comment._meta, default.ops.quote_name
    table = quote(meta.db_table)
    c = {name: quote(meta.get_field(name).column) for name in
         ("id", "story", "ip_hash", "email", "text", "text_hash", "created_at", "form_use")}  # fmt: skip
    recent = f"{c['ip_hash']} = %s AND {c['created_at']} >= %s"
    own = (
        f"{c['text_hash']} = %s AND {c['story']} = %s AND {c['created_at']} >= %s"
        f" AND (UPPER({c['email']}) = UPPER(%s) OR {c['ip_hash']} = %s)"
    )
    copies = f"{c['text_hash']} = %s AND {c['created_at']} >= %s AND UPPER({c['text']}) = UPPER(%s)"
    uses = f"{c['form_use']} = %s AND {c['created_at']} >= %s"
    counts = ", ".join(
        f"COUNT(CASE WHEN {condition} THEN 1 END)" for condition in (recent, own, copies, uses)
    )
    wanted = f"({c['text_hash']} = %s AND {c['created_at']} >= %s) OR ({recent}) OR ({uses})"
    return f"SELECT {counts} FROM {table} WHERE ({wanted}) AND {c['id']} <> %s"


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
    """The reader's own comments in this article's story (on any edition) that others cannot see
    yet (one query)."""
    if not ids:
        return []
    return list(
        Comment.objects.filter(story_id=story_id(article), pk__in=ids, status=Comment.Status.PENDING)
        .select_related("parent")
        .order_by("created_at")
    )
