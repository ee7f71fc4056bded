"""The moderation pipeline: every rule looks at a submission, the strictest verdict wins.

Each rule (serai.moderation.rules) returns a `Verdict` (publish, hold, reject or spam, with a
reason) or None when it has no opinion: reject over hold over publish, spam over all. When no rule
objects, the thread's mode decides: pre-moderated threads hold, post-moderated ones publish. New
comments and edits go through the same call; the caller counts what the counting rules need
(`History`) inside the transaction that stores the comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from serai.moderation import bans, words
from serai.moderation.models import WordListEntry
from serai.moderation.rules import RULES
from serai.moderation.verdicts import SEVERITY, Action, History, Submission, Verdict

__all__ = ["SEVERITY", "Action", "History", "Submission", "Verdict", "moderate", "prepare"]

Rule = Callable[[Submission], Verdict | None]


def prepare(*languages: str) -> None:
    """Bring this process's copies of the bans and of the word lists up to date: the lists of the
    comment's language and its edition's, as the word-list rule reads them (one list per kind).

    Call before the transaction that moderates and stores a comment: the copies are loaded only
    outside transactions (inside one, a lookup asks the database every time), and loading them
    there would hold the writers' lock meanwhile.
    """
    bans.current()
    for kind in WordListEntry.Kind:
        words.word_list(languages, kind)


def _mode_verdict(submission: Submission) -> Verdict:
    if submission.premoderated:
        return Verdict(Action.HOLD, "pre-moderation", _("Pre-moderated thread: awaiting a moderator."))
    return Verdict(Action.PUBLISH, "post-moderation", _("Post-moderated thread: published at once."))


def moderate(submission: Submission, rules: Iterable[Rule] | None = None) -> Verdict:
    """Run every rule and return the strictest verdict; ties go to the earlier rule.

    A staff member's comment is published unless a rule discards it as spam.
    """
    verdicts = [v for rule in (RULES if rules is None else rules) if (v := rule(submission)) is not None]
    strictest = max(verdicts, key=lambda v: v.severity, default=None)
    if submission.is_staff and (strictest is None or strictest.action != Action.SPAM):
        return Verdict(Action.PUBLISH, "staff", _("Written by a member of staff."))
    if strictest is None or strictest.action == Action.PUBLISH:
        mode = _mode_verdict(submission)
        return strictest if strictest is not None and mode.action == Action.PUBLISH else mode
    return strictest
