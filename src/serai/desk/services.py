"""Moderators' decisions about comments and readers' reports; every decision is logged.

Status changes go through `serai.comments.services.comment_set_status`, which keeps the thread's
counters, tombstones and caches right; this module adds the why and the who (a `Decision` row,
written by `serai.moderation.services.decision_log`). Word lists and lifting a ban change no
comment: they are `serai.moderation.services`'.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from serai.moderation.models import Ban, Decision, PolicyClause, Report
from serai.moderation.privacy import email_hash
from serai.moderation.services import decision_log

Status = Comment.Status
Action = Decision.Action
TOMBSTONES = (Status.REJECTED, Status.REMOVED, Status.SPAM)


class AlreadyReported(ValidationError):
    """This reader has already reported this comment."""


def _resolve_reports(comment: Comment, decision: Decision) -> None:
    Report.objects.filter(comment=comment, decision__isnull=True).update(decision=decision)
    Comment.objects.filter(pk=comment.pk).update(report_count=0)


def _current(comment: Comment) -> Comment:
    """The comment as stored now, locked until the decision about it is written (its article
    read with it, unlocked: what the decision says is written in the edition's language)."""
    return Comment.objects.select_for_update(of=("self",)).select_related("article").get(pk=comment.pk)


def _edition_language(comment: Comment) -> str:
    """The language of the edition the comment was written on: its author's and its first
    readers', in which whatever a decision says to them is written, whoever decides."""
    return comment.article.language or settings.LANGUAGE_CODE


def _reason(comment: Comment, *, action: str, clause=None, note: str = "") -> str:
    """The reason stored with the comment: the moderator's note as written, else the clause's
    title or the action's name in the edition's language, not the moderator's."""
    language = _edition_language(comment)
    with translation.override(language):
        return note or (clause.display_title(language) if clause else "") or str(Action(action).label)


def _decide(comment: Comment, *, moderator, action: str, status: str, clause=None, note=""):
    """Move a current (locked) comment to `status`, log the decision, close open reports."""
    reason = _reason(comment, action=action, clause=clause, note=note)
    updated = comment_set_status(
        comment=comment, status=status, clause=clause, reason=reason, rule="moderator"
    )
    decision = decision_log(
        moderator=moderator, action=action, comment=updated, clause=clause, note=note,
        previous_status=comment.status, new_status=status,
    )  # fmt: skip
    _resolve_reports(updated, decision)
    return updated


@transaction.atomic
def comment_approve(*, comment: Comment, moderator, note: str = "") -> Comment:
    """Publish a held comment, or restore a rejected one; reports against it are closed."""
    comment = _current(comment)
    action = Action.RESTORE if comment.status in TOMBSTONES else Action.APPROVE
    return _decide(comment, moderator=moderator, action=action, status=Status.PUBLISHED, note=note)


def _require_clause(clause) -> PolicyClause:
    if clause is None:
        raise ValidationError(_("Choose the clause of the Comment Policy the comment breaks."))
    return clause


@transaction.atomic
def comment_reject(*, comment: Comment, moderator, clause, note: str = "") -> Comment:
    """Turn down a comment citing a clause; a published one is removed instead."""
    clause = _require_clause(clause)
    comment = _current(comment)
    if comment.status == Status.PUBLISHED:
        return comment_remove(comment=comment, moderator=moderator, clause=clause, note=note)
    return _decide(
        comment, moderator=moderator, action=Action.REJECT, status=Status.REJECTED,
        clause=clause, note=note,
    )  # fmt: skip


@transaction.atomic
def comment_remove(*, comment: Comment, moderator, clause, note: str = "") -> Comment:
    """Take down a published comment; if it has replies, a tombstone names the clause."""
    clause = _require_clause(clause)
    return _decide(
        _current(comment), moderator=moderator, action=Action.REMOVE, status=Status.REMOVED,
        clause=clause, note=note,
    )  # fmt: skip


@transaction.atomic
def commenter_ban(*, comment: Comment, moderator, clause, note: str = "", days: int | None = None) -> Ban:
    """Keep the comment's author out (by address hash and email hash) and turn the comment down."""
    clause = _require_clause(clause)
    comment = _current(comment)
    if comment.status not in TOMBSTONES:
        comment_reject(comment=comment, moderator=moderator, clause=clause, note=note)
    ban = Ban.objects.create(
        ip_hash=comment.ip_hash, email_hash=email_hash(comment.email),
        author_name=comment.author_name, comment=comment, reason=note[:300] or clause.title,
        clause=clause, created_by=moderator,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )  # fmt: skip
    period = _("for %(days)s days") % {"days": days} if days else _("for good")
    decision_log(moderator=moderator, action=Action.BAN, comment=comment, clause=clause, note=note,
                 subject=f"{comment.author_name} {period}")  # fmt: skip
    return ban


@transaction.atomic
def reports_dismiss(*, comment: Comment, moderator, note: str = "") -> Comment:
    """The reports were unfounded: close them, and show the comment again if they hid it."""
    comment = _current(comment)
    if comment.status == Status.PENDING and comment.moderation_rule == "reports":
        return _decide(comment, moderator=moderator, action=Action.DISMISS_REPORTS,
                       status=Status.PUBLISHED, note=note)  # fmt: skip
    decision = decision_log(
        moderator=moderator, action=Action.DISMISS_REPORTS, comment=comment, note=note,
        previous_status=comment.status, new_status=comment.status,
    )  # fmt: skip
    _resolve_reports(comment, decision)
    return comment


def _open_reporters(comment: Comment) -> int:
    """Readers behind the open reports; several from one connection count once."""
    counts = Report.objects.filter(comment=comment, decision__isnull=True).aggregate(
        anonymous=Count("pk", filter=Q(ip_hash="")),
        connections=Count("ip_hash", distinct=True, filter=~Q(ip_hash="")),
    )
    return counts["anonymous"] + counts["connections"]


def comment_report(
    *, comment: Comment, reporter_key: str, ip_hash: str = "", clause=None, note: str = ""
) -> Report:
    """A reader reports a published comment; enough readers hide it until a moderator decides."""
    if comment.status != Status.PUBLISHED:
        raise ValidationError(_("This comment cannot be reported."))
    if clause is None and not note.strip():
        raise ValidationError(_("Choose a reason or describe the problem."))
    try:
        with transaction.atomic():
            report = Report.objects.create(comment=comment, clause=clause, note=note.strip()[:500],
                                           reporter_key=reporter_key, ip_hash=ip_hash)  # fmt: skip
            # Raised in the report's transaction, under the comment's row lock: a count read after
            # the commit, written as a value, was one short when two reports committed at once.
            # A decision about the reports sets it back to 0 (_resolve_reports).
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    except IntegrityError:
        raise AlreadyReported(_("You have already reported this comment.")) from None
    if _open_reporters(comment) >= settings.SERAI_REPORTS_TO_HIDE:
        _hide_after_reports(comment)
    return report


@transaction.atomic
def _hide_after_reports(comment: Comment) -> None:
    comment = _current(comment)
    if comment.status != Status.PUBLISHED:
        return
    with translation.override(_edition_language(comment)):  # not the last reporter's language
        reason = _("Hidden after %(n)d readers reported it; awaiting a moderator.") % {
            "n": settings.SERAI_REPORTS_TO_HIDE
        }
    comment_set_status(comment=comment, status=Status.PENDING, reason=reason, rule="reports")
    decision_log(moderator=None, action=Action.HIDE, comment=comment, note=reason,
                 previous_status=Status.PUBLISHED, new_status=Status.PENDING)  # fmt: skip


QUEUE_ACTIONS = ("approve", "reject", "ban", "dismiss")


def _apply(action: str, comment: Comment, moderator, clause, note: str, days: int | None):
    if action == "approve":
        return comment_approve(comment=comment, moderator=moderator, note=note)
    if action == "reject":
        return comment_reject(comment=comment, moderator=moderator, clause=clause, note=note)
    if action == "ban":
        return commenter_ban(comment=comment, moderator=moderator, clause=clause, note=note,
                             days=days)  # fmt: skip
    return reports_dismiss(comment=comment, moderator=moderator, note=note)


UNDO_SECONDS = 30  # how long a moderator may take back their last decision


def _before(comments) -> list[dict]:
    """What undoing a decision puts back: each comment's state, rule and reason before it."""
    return [
        {"comment": c.pk, "status": c.status, "rule": c.moderation_rule,
         "reason": c.moderation_reason, "clause": c.policy_clause_id}
        for c in Comment.objects.filter(pk__in=[c.pk for c in comments]).order_by("pk")
    ]  # fmt: skip


@transaction.atomic
def queue_decide(
    *, comments, action: str, moderator, clause=None, note: str = "", days: int | None = None
) -> dict:
    """One decision applied to many comments, each logged on its own; all or none.

    Returns the record `queue_undo` needs to take it back: the time, the action, and each
    comment's state before and after.
    """
    if action not in QUEUE_ACTIONS:
        raise ValidationError(_("Unknown action."))
    if action in ("reject", "ban"):
        _require_clause(clause)
    record = {"at": timezone.now().timestamp(), "action": action, "items": _before(comments)}
    for comment in comments:
        _apply(action, comment, moderator, clause, note, days)
    ids = [item["comment"] for item in record["items"]]
    after = dict(Comment.objects.filter(pk__in=ids).values_list("pk", "status"))
    for item in record["items"]:
        item["new_status"] = after.get(item["comment"], item["status"])
    return record


def comments_decide(
    *, comments, action: str, moderator, clause=None, note: str = "", days: int | None = None
) -> int:
    """`queue_decide`, counting the comments decided."""
    record = queue_decide(comments=comments, action=action, moderator=moderator, clause=clause,
                          note=note, days=days)  # fmt: skip
    return len(record["items"])


def _undo_one(item: dict, *, moderator, since) -> bool:
    comment = Comment.objects.select_for_update().filter(pk=item["comment"]).first()
    if comment is None or comment.status != item["new_status"]:
        return False  # gone, or decided again since: that later decision stands
    clause = PolicyClause.objects.filter(pk=item["clause"]).first() if item["clause"] else None
    comment_set_status(comment=comment, status=item["status"], clause=clause)
    Comment.objects.filter(pk=comment.pk).update(
        moderation_rule=item["rule"], moderation_reason=item["reason"], policy_clause=clause
    )
    ours = Decision.objects.filter(comment=comment, moderator=moderator, created_at__gte=since)
    reopened = Report.objects.filter(decision__in=ours).update(decision=None)
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + reopened)
    Ban.objects.active().filter(comment=comment, created_by=moderator,
                                created_at__gte=since).update(expires_at=timezone.now())  # fmt: skip
    decision_log(moderator=moderator, action=Action.UNDO, comment=comment,
                 previous_status=item["new_status"], new_status=item["status"])  # fmt: skip
    return True


@transaction.atomic
def queue_undo(*, record: dict, moderator, now=None) -> int:
    """Take back a moderator's last queue decision, within UNDO_SECONDS of it.

    Each comment returns to its state, rule and reason before; reports the decision closed open
    again; a ban it made is lifted. A comment decided again since is left as it is. The undo is
    logged. Returns how many comments went back.
    """
    now = now or timezone.now()
    since = datetime.fromtimestamp(record["at"], tz=UTC)
    if (now - since).total_seconds() > UNDO_SECONDS:
        raise ValidationError(_("It is too late to undo that: decide again instead."))
    return sum(_undo_one(item, moderator=moderator, since=since) for item in record["items"])


def comments_approve(*, comments, moderator, note: str = "") -> int:
    return comments_decide(comments=comments, action="approve", moderator=moderator, note=note)


def comments_reject(*, comments, moderator, clause, note: str = "") -> int:
    return comments_decide(comments=comments, action="reject", moderator=moderator,
                           clause=clause, note=note)  # fmt: skip
