"""Comment text: one way to count characters, shared with the browser, and safe display.

The limit counts user-perceived characters (extended grapheme clusters, Unicode's `\\X`), after
line endings are normalised to "\\n". The browser's counter does the same with Intl.Segmenter,
so a flag emoji, a family emoji or a letter with combining accents counts as one everywhere.
"""

from __future__ import annotations

import hashlib
import unicodedata

import regex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GRAPHEME = regex.compile(r"\X")
URL = regex.compile(r"\bhttps?://[^\s<>\"'`]+", regex.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}»\u201d\u2019"
# Characters that should never be stored in a reader's text: NUL and other C0 controls but tab and
# newline, and bidi overrides that can disguise one text as another.
# The same two sets are in conversation.js: browser and server must count alike.
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# What both ends trim: ASCII blanks and Unicode spaces (JavaScript's String.trim set, less U+FEFF,
# which CONTROL already removed).
TRIM = regex.compile(
    r"\A[\t\n\x20\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x20\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\Z"
)


def normalise(text: str) -> str:
    """Line endings to \\n, composed (NFC) form, no stray control characters, outer blanks trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    return TRIM.sub("", unicodedata.normalize("NFC", text))


def comparable(text: str) -> str:
    """The text as the duplicate rule compares it: case folded, every run of blanks one space."""
    return " ".join(text.casefold().split())


def fingerprint(text: str) -> str:
    """A short hash of `comparable(text)`, stored with each comment (Comment.text_hash) so the
    duplicate rule finds the same words by index instead of reading texts."""
    return hashlib.blake2b(comparable(text).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def length(text: str) -> int:
    """User-perceived characters in already normalised text."""
    return len(GRAPHEME.findall(text))


def render(text: str) -> SafeString:
    """Reader text as HTML: everything escaped, line breaks kept, web addresses linked.

    Links carry rel="nofollow ugc noopener" and open in the same tab; their text is the
    address itself, escaped, so a link can never disguise where it goes.
    """
    parts: list[str] = []
    position = 0
    for match in URL.finditer(text):
        url = match.group(0)
        trimmed = url.rstrip(TRAILING_PUNCTUATION)
        # Keep a closing parenthesis that belongs to the address, as in Wikipedia links.
        while trimmed != url and url[len(trimmed)] == ")" and trimmed.count("(") > trimmed.count(")"):
            trimmed += ")"
        end = match.start() + len(trimmed)
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<a href="{escape(trimmed)}" rel="nofollow ugc noopener">{escape(trimmed)}</a>')
        position = end
    parts.append(escape(text[position:]))
    html = "".join(parts)
    paragraphs = [p for p in regex.split(r"\n{2,}", html) if p.strip()]
    return mark_safe("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))
