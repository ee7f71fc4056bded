"""The Comment Policy's versions: what readers read, published as numbered, dated versions.

A version is a snapshot of the clauses in force (number, titles and explanations in every
edition). Saving or removing a clause through `policy_clause_save` / `policy_clause_delete`
publishes a new version when, and only when, that snapshot changed; moderators' decisions record
the version in force (`policy_version_current`), and the policy page shows its number and date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from serai.moderation.models import PolicyClause, PolicyVersion


def policy_snapshot() -> list[dict]:
    """The clauses in force, as readers read them, in order."""
    return [
        {
            "id": clause.pk,
            "number": clause.number,
            "title": clause.title,
            "text": clause.text,
            "translated_titles": clause.translated_titles,
            "translated_texts": clause.translated_texts,
        }
        for clause in PolicyClause.objects.filter(active=True).order_by("number")
    ]


def policy_version_current() -> PolicyVersion | None:
    """The version in force: the latest one (None only before the first is published)."""
    return PolicyVersion.objects.order_by("-number").first()


@transaction.atomic
def policy_version_publish(*, changed_by=None) -> PolicyVersion:
    """Publish the clauses as a new version if they differ from the version in force."""
    # Lock the latest version so two editors saving at once cannot publish the same number.
    current = PolicyVersion.objects.select_for_update().order_by("-number").first()
    snapshot = policy_snapshot()
    if current is not None and current.clauses == snapshot:
        return current
    return PolicyVersion.objects.create(
        number=(current.number + 1) if current else 1,
        clauses=snapshot,
        changed_by=changed_by if changed_by is not None and changed_by.pk else None,
    )


@transaction.atomic
def policy_clause_save(*, clause: PolicyClause, changed_by=None) -> PolicyVersion:
    """Save a clause (new or changed) and publish the policy's new version if readers' text changed."""
    clause.save()
    return policy_version_publish(changed_by=changed_by)


@transaction.atomic
def policy_clause_delete(*, clause: PolicyClause, changed_by=None) -> PolicyVersion:
    clause.delete()
    return policy_version_publish(changed_by=changed_by)


@dataclass(frozen=True)
class ShownClause:
    number: int
    title: str
    text: str

    @property
    def anchor(self) -> str:
        return f"clause-{self.number}"


def version_clauses(version: PolicyVersion, language: str) -> list[ShownClause]:
    """A version's clauses in one edition's words (English where a translation is missing)."""
    return [
        ShownClause(
            number=item["number"],
            title=item.get("translated_titles", {}).get(language) or item["title"],
            text=item.get("translated_texts", {}).get(language) or item.get("text", ""),
        )
        for item in version.clauses
    ]
