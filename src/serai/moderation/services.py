"""Who may moderate, the audit log's writer, and the moderators' own lists: word lists and bans.

Decisions about comments (approve, reject, ban a commenter, readers' reports, undo) change the
comments, so they live with the staff's screens in `serai.desk.services`; they log through
`decision_log` here, as these do.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serai.moderation.models import Ban, Decision, WordListEntry
from serai.moderation.policy import policy_version_current

Action = Decision.Action


def can_moderate(user) -> bool:
    """Superusers, and staff holding the moderate_comments permission (the Moderators group)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.is_staff and user.has_perm("moderation.moderate_comments"))


def decision_log(
    *,
    moderator,
    action: str,
    comment=None,
    clause=None,
    note: str = "",
    subject: str = "",
    previous_status: str = "",
    new_status: str = "",
) -> Decision:
    """One line of the audit log: who (None for the site itself), what, about which comment,
    citing which clause, under the policy version in force."""
    return Decision.objects.create(
        comment=comment,
        moderator=moderator,
        moderator_name=moderator.get_username() if moderator is not None else "",
        action=action,
        clause=clause,
        policy_version=policy_version_current(),
        note=note[:500],
        subject=subject[:200],
        previous_status=previous_status,
        new_status=new_status,
    )


@transaction.atomic
def ban_lift(*, ban: Ban, moderator, note: str = "") -> Ban:
    ban.expires_at = timezone.now()
    ban.save(update_fields=["expires_at"])
    decision_log(moderator=moderator, action=Action.UNBAN, comment=ban.comment, clause=ban.clause,
                 note=note, subject=ban.author_name)  # fmt: skip
    return ban


def _word_subject(term: str, kind: str, language: str) -> str:
    return f"{term} ({kind}, {language or 'all'})"


@transaction.atomic
def word_add(
    *, term: str, kind: str, moderator, language: str = "", clause=None, note: str = ""
) -> WordListEntry:
    term = " ".join(term.split())
    if not term:
        raise ValidationError(_("Enter a word or phrase."))
    if WordListEntry.objects.filter(language=language, term__iexact=term).exists():
        raise ValidationError(_("This term is already on the list for this edition."))
    entry = WordListEntry.objects.create(term=term, kind=kind, language=language, clause=clause,
                                         note=note, created_by=moderator)  # fmt: skip
    decision_log(moderator=moderator, action=Action.WORD_ADDED, clause=clause, note=note,
                 subject=_word_subject(term, kind, language))  # fmt: skip
    return entry


@transaction.atomic
def word_remove(*, entry: WordListEntry, moderator, note: str = "") -> None:
    decision_log(moderator=moderator, action=Action.WORD_REMOVED, clause=entry.clause, note=note,
                 subject=_word_subject(entry.term, entry.kind, entry.language))  # fmt: skip
    entry.delete()
