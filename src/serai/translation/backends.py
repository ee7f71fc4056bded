"""Machine translation behind a small interface, so nothing leaves the operator's machines.

A backend is any object with `translate(text, *, source, target) -> str` that raises
`TranslationUnavailable` when it cannot help (not configured, the language pair missing, the
service down, slow or answering garbage). Callers never let that block posting or moderation:
they use `machine_draft()`, which turns every failure into a `Draft` that says why.

Choose the backend with SERAI_TRANSLATION_BACKEND:
- "none" (default): no machine translation; translators write every translation;
- "dummy": a marked copy of the text, for tests and demonstrations;
- "libretranslate": a self-hosted LibreTranslate-compatible HTTP service at SERAI_TRANSLATION_URL;
- "argos": Argos Translate in process, with the language pairs the operator installed.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class TranslationUnavailable(Exception):
    """The backend could not translate; the message says why, for staff."""


class NoBackend:
    name = "none"

    def translate(self, text: str, *, source: str, target: str) -> str:
        raise TranslationUnavailable(_("No machine translation is configured."))


class DummyBackend:
    """Marks the text with its language pair; remembers what it was asked, for tests."""

    name = "dummy"

    def __init__(self):
        self.asked: list[tuple[str, str, str]] = []

    def translate(self, text: str, *, source: str, target: str) -> str:
        self.asked.append((text, source, target))
        return f"[{source}→{target}] {text}"


@dataclass(frozen=True)
class Draft:
    """What the machine made of a text: the draft, or why there is none."""

    text: str = ""
    problem: str = ""
    backend: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def _build(name: str):
    if name == "none":
        return NoBackend()
    if name == "dummy":
        return DummyBackend()
    raise ImproperlyConfigured(
        f"SERAI_TRANSLATION_BACKEND={name!r} is not a translation backend: "
        "set it to none, libretranslate, argos or dummy."
    )


@functools.cache
def backend():
    """The configured backend, made once per process."""
    return _build(settings.SERAI_TRANSLATION_BACKEND)


def machine_draft(text: str, *, source: str, target: str) -> Draft:
    """The configured backend's translation of `text`, or a `Draft` saying why there is none.
    Never raises for a backend's failure: posting and moderation go on without a draft."""
    chosen = backend()
    if source == target:
        return Draft(text=text, backend=chosen.name)
    try:
        translated = chosen.translate(text, source=source, target=target)
    except TranslationUnavailable as exc:
        return Draft(problem=str(exc), backend=chosen.name)
    except Exception:  # a backend's own bug must not take a moderator's page down
        logger.exception("Translation backend %s failed", chosen.name)
        return Draft(problem=_("The machine translation service failed."), backend=chosen.name)
    if not isinstance(translated, str) or not translated.strip():
        return Draft(problem=_("The machine translation service gave no translation."), backend=chosen.name)
    return Draft(text=translated, backend=chosen.name)
