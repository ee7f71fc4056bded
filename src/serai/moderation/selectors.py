"""Reads for the moderation pages: the queue's tabs, word lists, bans and the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from serai.comments.models import Comment
from serai.moderation.models import Ban, Decision, PolicyClause, Report, WordListEntry

Status = Comment.Status
TABS = ("pending", "reported", "rejected")
TOMBSTONES = (Status.REJECTED, Status.REMOVED, Status.SPAM)


def _open_reports():
    return Report.objects.filter(comment=OuterRef("pk"), decision__isnull=True)


def _tab_filter(queryset: QuerySet, tab: str) -> QuerySet:
    if tab == "reported":
        return queryset.filter(
            Exists(_open_reports()), status__in=[Status.PUBLISHED, Status.PENDING]
        )
    if tab == "rejected":
        return queryset.filter(status__in=TOMBSTONES)
    return queryset.filter(status=Status.PENDING).exclude(Exists(_open_reports()))


ORDER = {
    "pending": ("created_at", "pk"),  # oldest first: the longest wait is dealt with first
    "reported": ("-report_count", "created_at", "pk"),
    "rejected": ("-created_at", "-pk"),
}


def queue(*, tab: str) -> QuerySet:
    """One tab of the queue, with everything a card shows fetched up front."""
    tab = tab if tab in TABS else "pending"
    open_reports = Report.objects.filter(decision__isnull=True).select_related("clause")
    return (
        _tab_filter(Comment.objects.all(), tab)
        .select_related("article", "article__section", "parent", "policy_clause")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by(*ORDER[tab])
    )


def tab_counts() -> dict[str, int]:
    return {tab: _tab_filter(Comment.objects.all(), tab).count() for tab in TABS}


def comments_for_decision(ids: list[int]) -> list[Comment]:
    return list(Comment.objects.filter(pk__in=ids).order_by("pk"))


def clauses() -> list[PolicyClause]:
    return list(PolicyClause.objects.filter(active=True))


def word_entries() -> QuerySet:
    return WordListEntry.objects.select_related("clause", "created_by").order_by(
        "language", "kind", "term"
    )


def active_bans() -> QuerySet:
    return (
        Ban.objects.active()
        .select_related("clause", "created_by", "comment")
        .order_by("-created_at")
    )


def decisions(*, moderator: str | None = None, action: str | None = None) -> QuerySet:
    """The audit log, newest first; `moderator` is a user id, or "site" for automatic decisions."""
    log = Decision.objects.select_related(
        "clause", "policy_version", "comment", "comment__article", "comment__article__section"
    )
    if moderator == "site":
        log = log.filter(moderator__isnull=True)
    elif moderator and moderator.isdigit():
        log = log.filter(moderator_id=int(moderator))
    if action in Decision.Action.values:
        log = log.filter(action=action)
    return log.order_by("-created_at", "-pk")


def decision_moderators() -> QuerySet:
    ids = Decision.objects.filter(moderator__isnull=False).values("moderator_id").distinct()
    return get_user_model().objects.filter(pk__in=ids).order_by("username")
