"""The machine's drafts the desk prefills, asked without ever holding a translator up for long.

A draft is kept in the cache by backend, language pair and the comment's exact text, so the
service is asked once per text. A backend that fails or times out is not asked again for the rest
of the page, nor for this language pair for a minute after (every desk page would otherwise wait
for its timeout); the desk says why the boxes are empty, and translators write the translation
themselves.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from serai.translation.backends import Draft, backend, machine_draft

DRAFT_SECONDS = 7 * 86400
QUIET_SECONDS = 60
DOWN_KEY = "serai:translation:down"


def _key(name: str, source: str, target: str, text: str) -> str:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return f"serai:translation:draft:{name}:{source}:{target}:{digest}"


def configured() -> bool:
    """Whether a machine backend is chosen (one set up wrongly counts: the desk says what is wrong)."""
    return settings.SERAI_TRANSLATION_BACKEND != "none"


def drafts_for(cards, *, source: str, target: str, stored: dict) -> tuple[dict[int, Draft], str]:
    """Each card's draft by comment id, and why some are missing (empty when none failed).

    Stored drafts (machine translations nobody reviewed yet) come first; the backend is asked for
    the others while it answers, at most for twice its timeout in all."""
    drafts = {pk: Draft(text=row.text, backend="stored") for pk, row in stored.items()}
    asked = [card for card in cards if card.pk not in drafts]
    if not asked or not configured():
        return drafts, ""
    try:
        name = backend().name
    except ImproperlyConfigured as exc:  # also reported by `serai check` at every start
        return drafts, _("No machine draft: %(problem)s Write the translation yourself.") % {"problem": exc}
    down_key = f"{DOWN_KEY}:{name}:{source}:{target}"
    down = cache.get(down_key)
    if down:
        return drafts, down
    deadline = time.monotonic() + 2 * settings.SERAI_TRANSLATION_TIMEOUT
    for card in asked:
        key = _key(name, source, target, card.text)
        found = cache.get(key)
        if found is None:
            if time.monotonic() > deadline:
                slow = _("The machine translation service is slow: the other drafts were not asked for.")
                return drafts, slow
            draft = machine_draft(card.text, source=source, target=target)
            if not draft.ok:
                problem = _("No machine draft: %(problem)s Write the translation yourself.") % {
                    "problem": draft.problem
                }
                cache.set(down_key, problem, QUIET_SECONDS)
                return drafts, problem
            found = draft.text
            cache.set(key, found, DRAFT_SECONDS)
        drafts[card.pk] = Draft(text=found, backend=name)
    return drafts, ""
