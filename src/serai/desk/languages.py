"""The desk by language: which languages each moderator reads, which comments nobody on the desk
reads, and machine translations of those, for moderators' eyes only.

A machine translation made here is shown on the queue's card and nowhere else: it is never stored
as a `CommentTranslation` and never reaches a reader's page.

What it costs. A queue page asks the backend only for the comments it flags (nobody on the desk
reads their language), at most MACHINE_DRAFTS_PER_PAGE of them, and stops asking once
DRAFT_BUDGET_SECONDS have gone by (the backend's own time-out, SERAI_TRANSLATION_TIMEOUT, bounds
each call). Every answer is kept in Django's cache, keyed on the backend, the comment, a hash of
its text and the language pair: a draft for DRAFT_SECONDS (an edit changes the hash, so a new text is
translated afresh), a failure for FAILURE_SECONDS (a service that is down is asked again soon, but
not on every load). Reloading the queue therefore costs one `get_many` from the cache.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from serai.desk import selectors
from serai.staff.models import StaffLanguages
from serai.translation import backends
from serai.translation.backends import Draft

logger = logging.getLogger(__name__)

MACHINE_DRAFTS_PER_PAGE = 10
DRAFT_BUDGET_SECONDS = 4.0
DRAFT_SECONDS = 7 * 86400
FAILURE_SECONDS = 5 * 60


def language_names() -> dict[str, str]:
    """Each edition's language by code, named in the active interface language."""
    return {code: str(name) for code, name in settings.LANGUAGES}


def known(codes) -> list[str]:
    """The codes that are editions' languages, once each, in the order given."""
    names = dict(settings.LANGUAGES)
    found: list[str] = []
    for code in codes if isinstance(codes, list | tuple) else []:
        if isinstance(code, str) and code in names and code not in found:
            found.append(code)
    return found


def comment_language(comment) -> str:
    """The language a comment is written in (the edition's, where it was not recorded)."""
    return comment.language or comment.article.language


def languages_read(user) -> list[str]:
    """The languages this staff member said they read, their first language first."""
    stored = StaffLanguages.objects.filter(user_id=user.pk).values_list("languages", flat=True).first()
    return known(stored or [])


def desk_languages() -> set[str] | None:
    """Every language some active moderator reads; None while no moderator has said which
    languages they read (then nothing can be said to be read by nobody)."""
    rows = StaffLanguages.objects.filter(user__in=selectors.moderator_accounts().values("pk"))
    read = {code for codes in rows.values_list("languages", flat=True) for code in known(codes)}
    return read or None


def _key(comment, target: str) -> str:
    """The comment, its text as it is now, the language pair, and the backend asked: a new text,
    a language detected anew or another backend is translated afresh."""
    digest = hashlib.sha256(comment.text.encode()).hexdigest()[:32]
    pair = f"{comment_language(comment)}-{target}"
    return f"serai:desk:machine:{backends.backend().name}:{comment.pk}:{digest}:{pair}"


def _kept(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:  # a cache outage costs backend calls, never the page
        logger.warning("Cache unavailable: machine translations made afresh.", exc_info=True)
        return {}


def _keep(key: str, draft: Draft) -> None:
    try:
        cache.set(key, (draft.text, draft.problem), DRAFT_SECONDS if draft.ok else FAILURE_SECONDS)
    except Exception:
        logger.warning("Cache unavailable: a machine translation was not kept.", exc_info=True)


def machine_configured() -> bool:
    return backends.backend().name != "none"


def machine_drafts(comments, *, target: str) -> dict[int, Draft]:
    """Machine translations of `comments` into `target`, by comment id, from the cache or the
    backend within the page's bounds (see the module's docstring); a comment past them gets a
    Draft whose problem says why. Empty when no backend is configured. Never raises."""
    wanted = [c for c in comments if c.text.strip() and comment_language(c) != target]
    if not wanted or not machine_configured():
        return {}
    keys = {c.pk: _key(c, target) for c in wanted}
    kept, found = _kept(list(keys.values())), {}
    started, asked = time.monotonic(), 0
    for n, comment in enumerate(wanted):
        if keys[comment.pk] in kept:
            text, problem = kept[keys[comment.pk]]
            found[comment.pk] = Draft(text=text, problem=problem)
        elif n >= MACHINE_DRAFTS_PER_PAGE:
            found[comment.pk] = Draft(problem=_over_limit())
        elif asked and time.monotonic() - started > DRAFT_BUDGET_SECONDS:
            found[comment.pk] = Draft(problem=_("the service is slow; reload the page in a moment."))
        else:
            draft = backends.machine_draft(comment.text, source=comment_language(comment), target=target)
            asked += 1
            _keep(keys[comment.pk], draft)
            found[comment.pk] = draft
    return found


def _over_limit() -> str:
    n = MACHINE_DRAFTS_PER_PAGE
    return ngettext(
        "only the first %(n)d such comment on a page is translated; filter by language to see this one.",
        "only the first %(n)d such comments on a page are translated; filter by language to see this one.",
        n,
    ) % {"n": n}


def _interface_language() -> str:
    language = (get_language() or "").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mark(comments, *, mine: list[str]) -> dict:
    """Give each card its language and edition by name, and flag those nobody on the desk reads,
    with a machine translation into the moderator's first language (their interface's, if they
    named none) where a backend is configured. Returns what the page says about languages."""
    names, desk = language_names(), desk_languages()
    flagged = []
    for comment in comments:
        language = comment_language(comment)
        comment.language_name = names.get(language, language)
        comment.edition_name = names.get(comment.article.language, comment.article.language)
        comment.unread = desk is not None and language not in desk
        comment.machine = None
        if comment.unread:
            flagged.append(comment)
    target = mine[0] if mine else _interface_language()
    drafts = machine_drafts(flagged, target=target)
    for comment in flagged:
        comment.machine = drafts.get(comment.pk)
    return {
        "my_languages": [names[code] for code in mine],
        "nobody_declared": desk is None,
        "machine_into": names[target],
        "machine_language": target,
    }
