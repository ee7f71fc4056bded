"""What moderation keeps of a commenter whose data is erased: hashes and decisions, not names and words.

A ban keeps the hashes it matches on, its clause, its reason and its dates (a commenter who
erases their data is still kept out), and shows ERASED_NAME where it showed their name. The audit
log keeps every decision about their comments (who took it, what, when, citing which clause) and
loses what quoted them: their name in the decision's subject, and the notes moderators wrote about
their comments. Readers' reports on their comments lose their notes, which may quote the comment.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q

from serai.moderation.models import Ban, Decision, Report

# Stored, as the comments' own tombstone name is: the log reads the same whoever opens it.
ERASED_NAME = "(erased commenter)"


def _without_name(subject: str, names: list[str]) -> str:
    """A decision's subject with the commenter's name replaced: "Zhanar for 7 days" becomes
    "(erased commenter) for 7 days"; a subject that does not begin with the name goes whole."""
    for name in names:
        if subject == name or subject.startswith(name + " "):
            return (ERASED_NAME + subject[len(name) :])[:200]
    return ERASED_NAME


def commenter_records_erase(*, comment_ids: Collection[int], email_hash: str, names: Collection[str]) -> None:
    """Erase the commenter's name and words from bans, the audit log and reports.

    `comment_ids` are their comments, `email_hash` the keyed hash of their address, `names` the
    names they posted under. Call it inside the transaction that erases the comments.
    """
    mine = Q(comment_id__in=list(comment_ids))
    Ban.objects.filter(mine | Q(email_hash=email_hash) if email_hash else mine).update(
        author_name=ERASED_NAME
    )
    decisions = Decision.objects.filter(mine)
    longest_first = sorted({n for n in names if n}, key=len, reverse=True)
    for decision in decisions.exclude(subject="").only("pk", "subject"):
        Decision.objects.filter(pk=decision.pk).update(subject=_without_name(decision.subject, longest_first))
    # The site's own notes ("Hidden after 3 readers reported it") quote nobody; moderators' may.
    decisions.exclude(moderator_name="").update(note="")
    Report.objects.filter(mine).update(note="")
