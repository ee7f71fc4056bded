"""The moderation pipeline the posting service runs on every new comment.

Each rule looks at a `Submission` and returns a `Verdict` (publish, hold or reject, with a reason)
or None when it has no opinion. The strictest verdict wins: reject over hold over publish. When no
rule objects, the thread's mode decides: pre-moderated threads hold, post-moderated ones publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from serai.comments.models import Comment
    from serai.newsroom.models import Article


class Action(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    HOLD = "hold", _("Hold for a moderator")
    REJECT = "reject", _("Reject")
    SPAM = "spam", _("Discard as spam")


SEVERITY = {Action.PUBLISH: 0, Action.HOLD: 1, Action.REJECT: 2, Action.SPAM: 3}


@dataclass(frozen=True)
class Submission:
    """What a rule may look at. Built by the posting service; rules never touch the request."""

    article: Article
    parent: Comment | None
    author_name: str
    email: str
    text: str
    language: str
    ip_hash: str
    user: object | None = None
    honeypot: str = ""
    # Seconds since the signed form token was issued; None when missing or tampered with.
    form_age: float | None = None
    mode: str = "pre"
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    action: str
    rule: str
    reason: str
    clause_number: int | None = None

    @property
    def severity(self) -> int:
        return SEVERITY[self.action]


def _mode_verdict(submission: Submission) -> Verdict:
    if submission.mode == "post":
        return Verdict(
            Action.PUBLISH, "post-moderation", str(_("Post-moderated thread: published at once."))
        )
    return Verdict(
        Action.HOLD, "pre-moderation", str(_("Pre-moderated thread: awaiting a moderator."))
    )


def moderate(submission: Submission, rules=None) -> Verdict:
    """Run every rule and return the strictest verdict; ties go to the earlier rule.

    A staff member's comment is published unless a rule rejects it as spam.
    """
    from serai.moderation.rules import RULES

    verdicts = [
        v for rule in (RULES if rules is None else rules) if (v := rule(submission)) is not None
    ]
    strictest = max(verdicts, key=lambda v: v.severity, default=None)
    is_staff = bool(getattr(submission.user, "is_staff", False))
    if is_staff and (strictest is None or strictest.action != Action.SPAM):
        return Verdict(Action.PUBLISH, "staff", str(_("Written by a member of staff.")))
    if strictest is None or strictest.action == Action.PUBLISH:
        mode = _mode_verdict(submission)
        return strictest if strictest is not None and mode.action == Action.PUBLISH else mode
    return strictest
