"""The language a comment is written in, decided from its text (docs/language-detection.md).

Three steps, the first that is sure decides:

1. Letters only one of our languages uses, on at least a fifth of the words: Kazakh ә ұ і һ,
   Tajik ӣ ӯ ҷ, Uzbek Cyrillic ў, Uzbek Latin oʻ gʻ (however the apostrophe is typed), Turkmen
   ä ç ň ö ş ü ý ž. The library below reads Uzbek Cyrillic, or a line of Turkmen, less well than
   these letters do; a fifth keeps a quoted phrase from deciding a comment in another language.
2. CLD2 (pycld2: Chromium's compact language detector, its tables compiled into the wheel, no
   model to download), its best guess among our languages, taken when CLD2 calls the text
   reliable on its own terms (its strict mode agrees with its best-effort guess).
3. Russian written in Latin letters ("pochemu nikto ne sprosil"), which CLD2 takes for Slovak or
   Danish: at least two of its common words, on at least a fifth of the words. Asked only when
   CLD2 is unsure, so an Uzbek comment with "kto budet platit?" in it stays Uzbek.

Anything else is *unsure*, and `detect` answers the edition's language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from django.conf import settings

KNOWN = ("en", "ru", "kk", "ky", "tg", "tk", "uz")
SHARE = 0.2  # letter or word evidence counts from a fifth of the words on
MAX_CHARS = 600  # about a hundred words: a longer text is judged by its start

# Letters of one of our languages and no other of them (lower case). Kyrgyz ң ө ү are Kazakh
# letters too, and Tajik ғ қ ҳ Kazakh or Uzbek ones: they decide nothing alone.
UNIQUE_LETTERS = {
    "kk": "әұіһ",
    "tg": "ӣӯҷ",
    "uz": "ў",
    "tk": "äçňöşüýž",
}
LETTER_LANGUAGE = {letter: code for code, letters in UNIQUE_LETTERS.items() for letter in letters}
OWN_LETTER = re.compile("[" + "".join(LETTER_LANGUAGE) + "]")
# Uzbek Latin's oʻ and gʻ, with the apostrophe as people type it, and its tutuq belgisi (ʼ).
UZBEK_LATIN = re.compile(r"[og][ʻʼ'’‘`][a-z]|[a-z]ʼ[a-z]")
LATIN_WORD = re.compile(r"[a-z]+")

# Common Russian words as transliterated in Latin letters, none of them an English, Uzbek or
# Turkmen word.
RUSSIAN_LATIN = frozenset(
    """chto shto eto etot eta eti ne net kak pochemu nikto nichego tolko uzhe eshche eshe seichas
    seychas sejchas potomu cherez kogda budet budut nado mozhno nuzhno ochen spasibo za na v s k
    vsyo vsio vse vsem tak zdes kto gde byl bylo byla byli nas nam vas vam oni ego ikh dlya bez
    ili esli dazhe tozhe vot pust poka tam tut togda mne menya tebe tebya nikogda sovsem davaite
    davayte khorosho horosho plokho zachem voobshche voobshe konechno korotche koroche""".split()
)


def letter_evidence(text: str) -> str | None:
    """The language whose own letters mark at least a fifth of the text's words, if any."""
    text = text.lower()
    if not (OWN_LETTER.search(text) or UZBEK_LATIN.search(text)):
        return None
    words = text.split()
    votes = dict.fromkeys(UNIQUE_LETTERS, 0)
    for word in words:
        if letter := OWN_LETTER.search(word):
            votes[LETTER_LANGUAGE[letter.group()]] += 1
        elif UZBEK_LATIN.search(word):
            votes["uz"] += 1
    code, count = max(votes.items(), key=lambda item: item[1])
    return code if count and count >= SHARE * len(words) else None


def russian_in_latin(text: str) -> bool:
    """At least two common Russian words in Latin letters, on a fifth of the words or more."""
    words = text.split()
    hits = sum(1 for word in LATIN_WORD.findall(text.casefold()) if word in RUSSIAN_LATIN)
    return hits >= 2 and hits >= SHARE * len(words)


@functools.cache
def _cld2():
    """The library, imported on first use (once per process)."""
    import pycld2

    return pycld2


def _library(text: str, among: Collection[str]) -> tuple[str | None, float]:
    """CLD2's best guess among the languages `among` and its share of the text (0 if unsure)."""
    cld2 = _cld2()
    try:
        _reliable, _bytes, details = cld2.detect(text, bestEffort=True)
        _strict_reliable, _strict_bytes, strict = cld2.detect(text)
    except (cld2.error, ValueError, UnicodeError):
        return None, 0.0
    guess = next(((code, percent) for _name, code, percent, _score in details if code in among), None)
    if guess is None or strict[0][1] != guess[0]:
        return None, 0.0
    return guess[0], guess[1] / 100


def _clean(text: str) -> str:
    """What CLD2 accepts: valid UTF-8 (no lone surrogates), no control characters."""
    text = text[:MAX_CHARS].encode("utf-8", "ignore").decode("utf-8")
    return "".join(ch if ch.isprintable() else " " for ch in text) if not text.isprintable() else text


def identify(text: str, among: Collection[str] = KNOWN) -> tuple[str | None, float]:
    """One of the languages `among` and a confidence in it, or (None, 0.0) when unsure."""
    text = _clean(text)
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    code = letter_evidence(text)
    if code is not None:
        return (code, 1.0) if code in among else (None, 0.0)
    code, confidence = _library(text, among)
    if code is None and "ru" in among and russian_in_latin(text):
        return "ru", 1.0
    return code, confidence


def detect(text: str, *, fallback: str) -> str:
    """The language of `text`, one of settings.LANGUAGES; `fallback` (the edition's language)
    when unsure or when the text's language is not one of the site's."""
    code, _confidence = identify(text, {language for language, _name in settings.LANGUAGES})
    return code or fallback
