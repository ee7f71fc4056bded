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
import json
import logging
import urllib.error
import urllib.request
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


# A translation service answers a comment of 1,500 characters in far less than this.
MAX_ANSWER_BYTES = 1_000_000


class LibreTranslateBackend:
    """A self-hosted LibreTranslate-compatible service (`POST <url>/translate`).

    Asked with the standard library, through no proxy: the address is the operator's own
    machine. Every failure (refused, slow, an HTTP error, an answer that is not the expected
    JSON) becomes `TranslationUnavailable` with a sentence staff can act on.
    """

    name = "libretranslate"

    def __init__(self, *, url: str, api_key: str = "", timeout: float = 5.0):
        if not url:
            raise ImproperlyConfigured(
                "SERAI_TRANSLATION_BACKEND=libretranslate needs SERAI_TRANSLATION_URL: set it to the "
                "address of your LibreTranslate service, such as http://127.0.0.1:5000."
            )
        if not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                f"SERAI_TRANSLATION_URL={url!r} is not a web address: set it to one beginning with "
                "http:// or https://, such as http://127.0.0.1:5000."
            )
        self.endpoint = url.rstrip("/") + "/translate"
        self.api_key = api_key
        self.timeout = timeout
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def translate(self, text: str, *, source: str, target: str) -> str:
        body = {"q": text, "source": source, "target": target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        request = urllib.request.Request(
            self.endpoint,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        return self._translated(self._ask(request))

    def _ask(self, request) -> bytes:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise TranslationUnavailable(
                _("The machine translation service answered with an error (HTTP %(status)s).")
                % {"status": exc.code}
            ) from None
        except TimeoutError:
            raise TranslationUnavailable(
                _("The machine translation service did not answer within %(seconds)s seconds.")
                % {"seconds": f"{self.timeout:g}"}
            ) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise TranslationUnavailable(
                    _("The machine translation service did not answer within %(seconds)s seconds.")
                    % {"seconds": f"{self.timeout:g}"}
                ) from None
            logger.warning("Translation service %s unreachable: %s", self.endpoint, exc)
            raise TranslationUnavailable(_("The machine translation service cannot be reached.")) from None

    @staticmethod
    def _translated(raw: bytes) -> str:
        try:
            if len(raw) > MAX_ANSWER_BYTES:
                raise ValueError("answer too long")
            answer = json.loads(raw.decode("utf-8"))
            translated = answer["translatedText"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise TranslationUnavailable(
                _("The machine translation service answered with something that is not a translation.")
            ) from None
        if not isinstance(translated, str):
            raise TranslationUnavailable(
                _("The machine translation service answered with something that is not a translation.")
            )
        return translated


class ArgosBackend:
    """Argos Translate in this process, with the language pairs the operator installed.

    Optional: Serai does not depend on it. Install it in Serai's environment
    (`pip install argostranslate`) and its language packages (`argospm install translate-ru_en`).
    """

    name = "argos"

    def translate(self, text: str, *, source: str, target: str) -> str:
        try:
            from argostranslate import translate as argos
        except ImportError:
            raise TranslationUnavailable(
                _(
                    "Argos Translate is not installed on this server: install argostranslate and its "
                    "language packages, or choose another translation backend."
                )
            ) from None
        pair = argos.get_translation_from_codes(source, target) if self._has(argos, source, target) else None
        if pair is None:
            raise TranslationUnavailable(
                _("Argos Translate has no language package from %(source)s to %(target)s on this server.")
                % {"source": source, "target": target}
            )
        return pair.translate(text)

    @staticmethod
    def _has(argos, source: str, target: str) -> bool:
        codes = {language.code for language in argos.get_installed_languages()}
        return source in codes and target in codes


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
    if name == "libretranslate":
        return LibreTranslateBackend(
            url=settings.SERAI_TRANSLATION_URL,
            api_key=settings.SERAI_TRANSLATION_API_KEY,
            timeout=settings.SERAI_TRANSLATION_TIMEOUT,
        )
    if name == "argos":
        return ArgosBackend()
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
