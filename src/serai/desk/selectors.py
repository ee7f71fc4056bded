"""Reads for the moderators' pages: the queue's tabs, word lists, bans and the audit log."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from serai.comments.models import Comment
from serai.core.params import parse_id
from serai.moderation.models import Ban, Decision, PolicyClause, Report, WordListEntry
from serai.moderation.privacy import email_hash
from serai.newsroom.models import Section

Status = Comment.Status
TABS = ("pending", "reported", "rejected")
TOMBSTONES = (Status.REJECTED, Status.REMOVED, Status.SPAM)


def _open_reports():
    return Report.objects.filter(comment=OuterRef("pk"), decision__isnull=True)


def _tab_filter(queryset: QuerySet, tab: str) -> QuerySet:
    if tab == "reported":
        return queryset.filter(Exists(_open_reports()), status__in=[Status.PUBLISHED, Status.PENDING])
    if tab == "rejected":
        return queryset.filter(status__in=TOMBSTONES)
    return queryset.filter(status=Status.PENDING).exclude(Exists(_open_reports()))


ORDER = {
    "pending": ("created_at", "pk"),  # oldest first: the longest wait is dealt with first
    "reported": ("-report_count", "created_at", "pk"),
    "rejected": ("-created_at", "-pk"),
}


RULE_NAME = re.compile(r"[a-z0-9-]{1,40}")
CONTROL = re.compile("[\x00-\x1f\x7f]")  # PostgreSQL cannot compare with NUL


@dataclass(frozen=True)
class QueueFilters:
    """What the moderator narrowed the queue to; each value read safely from the query string."""

    article: int | None = None
    section: int | None = None
    rule: str = ""
    language: str = ""
    # A language asked for that no edition has (shown back to the moderator, never applied).
    unknown_language: str = ""
    words: str = ""  # found in the comment's text or its author's name, in any case

    @classmethod
    def from_query(cls, query) -> QueueFilters:
        """Values that cannot be a rule's name or an edition's code read as "no filter"."""
        rule = (query.get("rule") or "").strip()
        language = (query.get("language") or "").strip()
        known = language in dict(settings.LANGUAGES)
        return cls(
            article=parse_id(query.get("article")),
            section=parse_id(query.get("section")),
            rule=rule if RULE_NAME.fullmatch(rule) else "",
            language=language if known else "",
            unknown_language="" if known else language[:20],
            words=" ".join(CONTROL.sub(" ", query.get("q") or "").split())[:100],
        )

    def items(self) -> dict[str, str]:
        """The filters in force, as query-string values."""
        values = {"article": self.article, "section": self.section, "rule": self.rule,
                  "language": self.language, "q": self.words}  # fmt: skip
        return {key: str(value) for key, value in values.items() if value}

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.article:
            queryset = queryset.filter(article_id=self.article)
        if self.section:
            queryset = queryset.filter(article__section_id=self.section)
        if self.rule:
            queryset = queryset.filter(moderation_rule=self.rule)
        if self.language:
            queryset = queryset.filter(written_in([self.language]))
        if self.words:
            queryset = queryset.filter(Q(text__icontains=self.words) | Q(author_name__icontains=self.words))
        return queryset


def written_in(languages) -> Q:
    """Comments written in one of `languages` (in the edition's, where none was recorded)."""
    return Q(language__in=languages) | Q(language="", article__language__in=languages)


def queue(*, tab: str, filters: QueueFilters | None = None, first: Sequence[str] = ()) -> QuerySet:
    """One tab of the queue, with everything a card shows fetched up front; comments written in
    the `first` languages (those the moderator reads) come before the rest, each group in the
    tab's own order."""
    tab = tab if tab in TABS else "pending"
    open_reports = Report.objects.filter(decision__isnull=True).select_related("clause")
    queryset = (filters or QueueFilters()).apply(_tab_filter(Comment.objects.all(), tab))
    order = ORDER[tab]
    if first:
        queryset = queryset.annotate(elsewhere=Case(When(written_in(first), then=Value(0)), default=Value(1)))
        order = ("elsewhere", *order)
    return (
        queryset.select_related("article", "article__section", "parent", "policy_clause")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by(*order)
    )


def tab_counts() -> dict[str, int]:
    return {tab: _tab_filter(Comment.objects.all(), tab).count() for tab in TABS}


def filter_choices(*, tab: str) -> dict:
    """What the queue's filters offer: sections, and the rules that put comments in this tab."""
    rules = (
        _tab_filter(Comment.objects.exclude(moderation_rule=""), tab)
        .order_by("moderation_rule")
        .values_list("moderation_rule", flat=True)
        .distinct()
    )
    return {"sections": list(Section.objects.order_by("name")), "rules": list(rules)}


@dataclass
class History:
    """A commenter's record on this site, found by the hashes of their email and address."""

    published: int = 0
    held: int = 0
    turned_down: int = 0
    bans: int = 0
    bans_in_force: int = 0

    @property
    def earlier(self) -> int:
        return self.published + self.held + self.turned_down


def _tally(history: History, status: str, n: int) -> None:
    if status == Status.PUBLISHED:
        history.published += n
    elif status == Status.PENDING:
        history.held += n
    else:
        history.turned_down += n


def commenter_histories(comments) -> dict[int, History]:
    """Each card's commenter history in two queries, whatever the number of cards.

    A commenter is known by the keyed hash of their email and of their address (which rotates,
    so it links comments of the same day at most); raw values are compared inside this function
    only, and never leave it. The comment itself is not counted.
    """
    comments = list(comments)
    wanted = {c.pk: (email_hash(c.email), c.ip_hash) for c in comments}
    emails = {c.email.strip().lower() for c in comments if c.email}
    addresses = {c.ip_hash for c in comments if c.ip_hash}
    rows = (
        Comment.objects.annotate(email_key=Lower("email"))
        .filter(Q(email_key__in=emails) | Q(ip_hash__in=addresses))
        .values("email_key", "ip_hash", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    groups = [(email_hash(r["email_key"]), r["ip_hash"], r["status"], r["n"]) for r in rows]
    bans = list(Ban.objects.filter(Q(email_hash__in={e for e, _a in wanted.values() if e})
                                   | Q(ip_hash__in=addresses))
                .values_list("email_hash", "ip_hash", "expires_at"))  # fmt: skip
    now, found = timezone.now(), {}
    for comment in comments:
        mail, address = wanted[comment.pk]
        history = found[comment.pk] = History()
        for row_mail, row_address, status, n in groups:
            if (mail and row_mail == mail) or (address and row_address == address):
                _tally(history, status, n)
        _tally(history, comment.status, -1)
        for ban_mail, ban_address, expires in bans:
            if (mail and ban_mail == mail) or (address and ban_address == address):
                history.bans += 1
                history.bans_in_force += expires is None or expires > now
    return found


def comments_for_decision(ids: list[int]) -> list[Comment]:
    return list(Comment.objects.filter(pk__in=ids).order_by("pk"))


def clauses() -> list[PolicyClause]:
    return list(PolicyClause.objects.filter(active=True))


def word_entries() -> QuerySet:
    return WordListEntry.objects.select_related("clause", "created_by").order_by("language", "kind", "term")


def active_bans() -> QuerySet:
    return Ban.objects.active().select_related("clause", "created_by", "comment").order_by("-created_at")


def decisions(*, moderator: str | None = None, action: str | None = None) -> QuerySet:
    """The audit log, newest first; `moderator` is a user id, or "site" for automatic decisions."""
    log = Decision.objects.select_related(
        "clause", "policy_version", "comment", "comment__article", "comment__article__section"
    )
    if moderator == "site":
        log = log.filter(moderator__isnull=True)
    elif (moderator_id := parse_id(moderator)) is not None:
        log = log.filter(moderator_id=moderator_id)
    if action in Decision.Action.values:
        log = log.filter(action=action)
    return log.order_by("-created_at", "-pk")


def decision_moderators() -> QuerySet:
    ids = Decision.objects.filter(moderator__isnull=False).values("moderator_id").distinct()
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def moderator_accounts() -> QuerySet:
    """Active accounts the desk lets in (`moderation.services.can_moderate`): superusers, and
    staff holding moderate_comments through a group or on their own."""
    perm = Permission.objects.filter(content_type__app_label="moderation", codename="moderate_comments")
    may_moderate = (
        Q(is_superuser=True)
        | Q(is_staff=True, groups__permissions__in=perm)
        | Q(is_staff=True, user_permissions__in=perm)
    )
    return get_user_model().objects.filter(may_moderate, is_active=True).distinct()
