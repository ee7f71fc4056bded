"""Moderation rules, run in this order by `serai.moderation.pipeline.moderate`.

Each rule is a pure function of one `Submission`: it returns a `Verdict` with a reason a moderator
can read, or None when it has nothing to say. The rules that count stored comments (the rate limit,
the duplicate and flood rules, the one-use form token) read the counts the caller gathered in the
submission's `History`; the windows they count over are defined here.
"""

from __future__ import annotations

from datetime import timedelta

import regex
from django.conf import settings
from django.utils.translation import gettext as _

from serai.moderation import bans, words
from serai.moderation.models import WordListEntry
from serai.moderation.verdicts import Action, Submission, Verdict

INSULTS_CLAUSE = 2
SPAM_CLAUSE = 4
LINK = regex.compile(r"(?:\bhttps?://|(?<![/\w.])www\.)[^\s<>\"'`]+", regex.IGNORECASE)
DUPLICATE_WINDOW = timedelta(hours=24)
FLOOD_WINDOW = timedelta(hours=1)
FLOOD_COPIES = 3  # the same text this many times in an hour, from anyone, is spam
FLOOD_MIN_LENGTH = 20  # "Thank you!" from many readers is not a flood


def rate_window() -> timedelta:
    return timedelta(seconds=settings.SERAI_RATE_WINDOW)


def form_token_window() -> timedelta:
    """How long a used form token is remembered: as long as a token is accepted at all."""
    return timedelta(seconds=settings.SERAI_MAX_FORM_AGE)


def honeypot(submission: Submission) -> Verdict | None:
    if submission.honeypot.strip():
        return Verdict(
            Action.SPAM,
            "honeypot",
            _("The hidden field people never see was filled in."),
            SPAM_CLAUSE,
        )
    return None


def form_token(submission: Submission) -> Verdict | None:
    """A signed form timestamp, used once: a form sent within seconds, or days later, or sent
    again with the same token, was not typed for this comment."""
    if submission.is_edit:
        return None
    age = submission.form_age
    if age is None:
        return Verdict(Action.HOLD, "form-token", _("The form token was missing or invalid."))
    if age < settings.SERAI_MIN_FORM_SECONDS:
        return Verdict(
            Action.HOLD,
            "too-fast",
            _("The form was sent %(n)d seconds after it was shown.") % {"n": age},
        )
    if age > settings.SERAI_MAX_FORM_AGE:
        return Verdict(Action.HOLD, "too-old", _("The form was sent days after it was shown."))
    if submission.history.token_uses:
        return Verdict(Action.HOLD, "token-reused", _("The same form was already used for another comment."))
    return None


def banned_commenter(submission: Submission) -> Verdict | None:
    """Bans are looked up in this process's copy of the active ones (serai.moderation.bans)."""
    ban = bans.find(ip_hash=submission.ip_hash, email_hash=submission.email_hash or None)
    if ban is None:
        return None
    return Verdict(Action.REJECT, "banned", _("The commenter is banned."), ban.clause_number)


def rate_limit(submission: Submission) -> Verdict | None:
    """SERAI_RATE_LIMIT comments or more from one address in the last SERAI_RATE_WINDOW seconds.

    Counted in the database, where every submission is stored whatever its verdict, so every
    worker process and every app server counts the same comments.
    """
    if not submission.ip_hash or submission.is_edit:
        return None
    if submission.history.recent_from_address < settings.SERAI_RATE_LIMIT:
        return None
    return Verdict(
        Action.HOLD,
        "rate-limit",
        _("More than %(limit)d comments from one connection in %(window)d seconds.")
        % {"limit": settings.SERAI_RATE_LIMIT, "window": settings.SERAI_RATE_WINDOW},
    )


def duplicate_text(submission: Submission) -> Verdict | None:
    """The same words again from the same person on the same article, or from many, site-wide."""
    history = submission.history
    if history.own_copies:
        return Verdict(Action.HOLD, "duplicate", _("The same text was already posted on this article."))
    long_enough = len(" ".join(submission.text.split())) >= FLOOD_MIN_LENGTH
    if long_enough and history.copies >= FLOOD_COPIES - 1:
        return Verdict(
            Action.SPAM,
            "flood",
            _("The same text was posted %(n)d times in an hour.") % {"n": FLOOD_COPIES},
            SPAM_CLAUSE,
        )
    return None


def too_many_links(submission: Submission) -> Verdict | None:
    count = len(LINK.findall(submission.text))
    if count > settings.SERAI_MAX_LINKS:
        return Verdict(Action.HOLD, "links", _("The comment has %(n)d links.") % {"n": count})
    return None


def word_lists(submission: Submission) -> Verdict | None:
    """Banned terms reject a comment citing their clause; suspect terms hold it. The lists of the
    comment's own language and of its edition's both apply (a Russian insult under the English
    edition meets the Russian list), with the entries for every edition."""
    languages = (submission.language, submission.edition_language)
    banned = words.word_list(languages, WordListEntry.Kind.BANNED)
    suspect = words.word_list(languages, WordListEntry.Kind.SUSPECT)
    if banned.empty and suspect.empty:
        return None
    text = f"{submission.author_name}\n{submission.text}"
    both = words.skeletons(text)  # made once for the two lists
    entry = banned.search(text, skeletons_of_text=both)
    if entry is not None:
        return Verdict(
            Action.REJECT,
            "banned-word",
            _("Contains the banned term “%(term)s”.") % {"term": entry.term},
            entry.clause_number or INSULTS_CLAUSE,
        )
    entry = suspect.search(text, skeletons_of_text=both)
    if entry is not None:
        return Verdict(
            Action.HOLD,
            "suspect-word",
            _("Contains the suspect term “%(term)s”.") % {"term": entry.term},
        )
    return None


RULES: list = [
    honeypot,
    form_token,
    banned_commenter,
    rate_limit,
    duplicate_text,
    too_many_links,
    word_lists,
]
