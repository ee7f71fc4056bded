"""Reads for standing pages: a page in the reader's edition, and the Comment Policy's clauses."""

from __future__ import annotations

from django.conf import settings

from serai.moderation.models import PolicyVersion
from serai.moderation.policy import policy_version_current, version_clauses
from serai.pages.models import Page


def page_for_edition(slug: str, language: str) -> Page | None:
    """The page in this edition, else in the default edition, else None."""
    candidates = {
        p.language: p for p in Page.objects.filter(slug=slug, language__in={language, settings.LANGUAGE_CODE})
    }
    return candidates.get(language) or candidates.get(settings.LANGUAGE_CODE)


def policy_in_force(language: str) -> dict:
    """The version in force and its clauses in `language`'s words (empty before any version)."""
    version = policy_version_current()
    if version is None:
        return {"policy_version": None, "clauses": []}
    return {"policy_version": version, "clauses": version_clauses(version, language)}


def policy_version(number: int, language: str) -> dict | None:
    """One version of the policy, when it took effect and when the next one replaced it."""
    version = PolicyVersion.objects.filter(number=number).first()
    if version is None:
        return None
    successor = PolicyVersion.objects.filter(number__gt=number).order_by("number").first()
    return {
        "policy_version": version,
        "clauses": version_clauses(version, language),
        "replaced_at": successor.effective_at if successor else None,
        "current": policy_version_current(),
    }
