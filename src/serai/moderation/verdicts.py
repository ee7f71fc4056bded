"""What the moderation rules look at and what they answer: plain, immutable values.

A `Submission` is built by whoever asks for a verdict (the comments app, for a new comment or an
edit); it holds the words, hashes and counts the rules need, never a model instance or a request,
so a rule is a pure function of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    HOLD = "hold", _("Hold for a moderator")
    REJECT = "reject", _("Reject")
    SPAM = "spam", _("Discard as spam")


SEVERITY = {Action.PUBLISH: 0, Action.HOLD: 1, Action.REJECT: 2, Action.SPAM: 3}


@dataclass(frozen=True)
class History:
    """What the stored comments say about a submission, counted by the caller inside the
    transaction that stores it (so comments in flight at once count each other)."""

    # Comments from the same address hash within SERAI_RATE_WINDOW seconds.
    recent_from_address: int = 0
    # The same words (serai.moderation.rules.DUPLICATE_WINDOW) from the same email or address on
    # the same article.
    own_copies: int = 0
    # The same words, case aside, from anyone on the site within FLOOD_WINDOW.
    copies: int = 0
    # Earlier comments sent with the same form token from the same address.
    token_uses: int = 0


@dataclass(frozen=True)
class Submission:
    """A new comment, or the new text of an edited one, as the rules see it."""

    author_name: str
    text: str
    # The language the text is written in (detected from it) and the edition it was posted
    # under: the word lists of both apply.
    language: str = ""
    edition_language: str = ""
    ip_hash: str = ""
    email_hash: str = ""
    is_staff: bool = False
    honeypot: str = ""
    # Seconds since the signed form token was issued; None when missing or tampered with.
    form_age: float | None = None
    is_edit: bool = False
    # Pre-moderated threads hold what no rule objects to; post-moderated ones publish it.
    premoderated: bool = True
    history: History = field(default_factory=History)


@dataclass(frozen=True)
class Verdict:
    action: str
    rule: str
    reason: str
    clause_number: int | None = None

    @property
    def severity(self) -> int:
        return SEVERITY[self.action]
