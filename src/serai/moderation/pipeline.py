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
        return Verdict(Action.PUBLISH, "post-moderation", str(_("Post-moderated thread: published at once.")))
    return Verdict(Action.HOLD, "pre-moderation", str(_("Pre-moderated thread: awaiting a moderator.")))


def moderate(submission: Submission, rules=None) -> Verdict:
    """Run every rule and return the strictest verdict; ties go to the earlier rule.

    A staff member's comment is published unless a rule rejects it as spam.
    """
    from serai.moderation.rules import RULES

    verdicts = [v for rule in (RULES if rules is None else rules) if (v := rule(submission)) is not None]
    return _strictest(submission, verdicts)


def _strictest(submission: Submission, verdicts: list[Verdict]) -> Verdict:
    """The verdict of `moderate` from the rules' verdicts, in the rules' order."""
    strictest = max(verdicts, key=lambda v: v.severity, default=None)
    is_staff = bool(getattr(submission.user, "is_staff", False))
    if is_staff and (strictest is None or strictest.action != Action.SPAM):
        return Verdict(Action.PUBLISH, "staff", str(_("Written by a member of staff.")))
    if strictest is None or strictest.action == Action.PUBLISH:
        mode = _mode_verdict(submission)
        return strictest if strictest is not None and mode.action == Action.PUBLISH else mode
    return strictest


class Deliberation:
    """`moderate` in two steps, for a new comment stored in the transaction that follows.

    The rules that count what is already stored (the rate limit, the duplicate rule) answer
    rightly only if no other comment is being stored meanwhile: asked before the write
    transaction, several comments in flight at once from one commenter (a script, a reader
    pressing Post twice) each counted the others as absent and were all published. So those
    rules run in `conclude`, inside the transaction, once the comments they could count are
    stored or waiting (on SQLite, the database's write lock; on PostgreSQL, locks per address,
    email and text: `serai.moderation.rules.lock_commenter`); every other rule runs at once, and
    `provisional` is the verdict should the counting rules find nothing, so the comment can be
    prepared before the transaction. `conclude` gives what `moderate` would have given then.
    """

    def __init__(self, submission: Submission, rules=None):
        from serai.moderation.rules import COUNTING_RULES, RULES

        self.submission = submission
        self._rules = list(RULES if rules is None else rules)
        self._verdicts: list[Verdict | None] = [
            None if rule in COUNTING_RULES else rule(submission) for rule in self._rules
        ]
        self._counting = [i for i, rule in enumerate(self._rules) if rule in COUNTING_RULES]

    def provisional(self) -> Verdict:
        return _strictest(self.submission, [v for v in self._verdicts if v is not None])

    def conclude(self) -> Verdict:
        """Run the counting rules; call inside the transaction that stores the comment."""
        from serai.moderation.rules import lock_commenter

        if self._counting:
            lock_commenter(self.submission)
        verdicts = list(self._verdicts)
        for i in self._counting:
            verdicts[i] = self._rules[i](self.submission)
        return _strictest(self.submission, [v for v in verdicts if v is not None])
