"""What the queue says after a decision: what was done, to how many comments."""

from __future__ import annotations

from django.utils.translation import ngettext

from serai.comments.models import Comment

TOMBSTONES = (Comment.Status.REJECTED, Comment.Status.REMOVED, Comment.Status.SPAM)


def _approved(items: list[dict], n: int) -> str:
    if all(item["status"] in TOMBSTONES for item in items):
        return ngettext("Restored %(n)d comment.", "Restored %(n)d comments.", n)
    return ngettext("Approved %(n)d comment.", "Approved %(n)d comments.", n)


def _rejected(items: list[dict], n: int) -> str:
    if all(item["status"] == Comment.Status.PUBLISHED for item in items):
        return ngettext("Removed %(n)d comment.", "Removed %(n)d comments.", n)
    return ngettext("Rejected %(n)d comment.", "Rejected %(n)d comments.", n)


def _banned(items: list[dict], n: int) -> str:
    return ngettext(
        "Rejected %(n)d comment and banned its author.",
        "Rejected %(n)d comments and banned their authors.",
        n,
    )


def _dismissed(items: list[dict], n: int) -> str:
    return ngettext("Dismissed the reports on %(n)d comment.", "Dismissed the reports on %(n)d comments.", n)


SAYINGS = {"approve": _approved, "reject": _rejected, "ban": _banned, "dismiss": _dismissed}


def done_message(record: dict) -> str:
    """The confirmation ("Approved 11 comments."): the action of a `queue_decide` record, and its count."""
    items = record["items"]
    return SAYINGS[record["action"]](items, len(items)) % {"n": len(items)}
