"""Plain text for the index, and the highlighted text readers see.

Highlighting is done here, on the few results of a page, for both databases alike: each word of
the text is escaped on its own and those matching the reader's words are wrapped in <mark>, so
nothing an editor wrote is ever marked safe. Asking the databases for it cost more than the rest
of the page (FTS5's snippet(), PostgreSQL's ts_headline: both read every result's whole text
again through the query).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from serai.search.query import Terms, stem

ELLIPSIS = "…"
SNIPPET_WORDS = 30

_markdown = MarkdownIt("commonmark", {"html": False})
_PHOTO_LINE = re.compile(r"^[ \t]*\[photo\s+\d+\][ \t]*$", re.IGNORECASE | re.MULTILINE)
# Control characters (NUL cannot be stored by PostgreSQL), private-use characters, lone surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
_ENGLISH_ENDINGS = ("ing", "ed", "es", "s")


def clean(text: str) -> str:
    """`text` without control or private-use characters, its white space collapsed."""
    return _SPACE.sub(" ", _UNWANTED.sub(" ", text or "")).strip()


def body_text(markdown: str) -> str:
    """What readers read of a Markdown body, as plain text: no markup, no photo lines."""
    source = _UNWANTED.sub(" ", (markdown or "").replace("\r\n", "\n"))
    rendered = _markdown.render(_PHOTO_LINE.sub("", source))
    return clean(html.unescape(strip_tags(rendered)))


@functools.lru_cache(maxsize=20000)
def _key(word: str) -> str:
    """A word folded for comparison: case, Latin diacritics and English endings set aside."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c)
    )
    if folded.isascii():
        for ending in _ENGLISH_ENDINGS:
            if len(folded) > len(ending) + 3 and folded.endswith(ending):
                return folded[: -len(ending)]
    return stem(folded)


class Matcher:
    """Which words of a text are the reader's: the same word in another case or a close form."""

    def __init__(self, terms: Terms):
        words = [part for w in (*terms.words, *terms.phrases) for part in _WORD.findall(w)]
        self.keys = {_key(w) for w in words}
        # Where a match may start: the first letters of each word as typed and as folded. Long
        # texts are searched for these first, so only a few of their words are compared.
        starts = {w.casefold()[:3] for w in words} | {k[:3] for k in self.keys}
        self.hint = re.compile("|".join(re.escape(s) for s in sorted(starts) if s), re.IGNORECASE)

    def matches(self, word: str) -> bool:
        key = _key(word)
        return any(key == k or (len(k) >= 4 and key.startswith(k)) for k in self.keys)

    def first(self, text: str) -> int | None:
        """Where the first matching word of `text` starts, or None."""
        for hint in self.hint.finditer(text):
            word = _WORD.match(text, hint.start())
            if word and (hint.start() == 0 or not _WORD.match(text, hint.start() - 1)):
                if self.matches(word.group()):
                    return word.start()
        return None

    def mark(self, text: str, start: int = 0, end: int | None = None) -> str:
        """The text between two offsets, escaped, its matching words in <mark>."""
        end = len(text) if end is None else end
        out, last = [], start
        for m in _WORD.finditer(text, start, end):
            if self.matches(m.group()):
                out += [escape(text[last : m.start()]), "<mark>", escape(m.group()), "</mark>"]
                last = m.end()
        out.append(escape(text[last:end]))
        return "".join(out)


def highlighted(text: str, matcher: Matcher) -> SafeString:
    return mark_safe(matcher.mark(text))  # escaped word by word; only our <mark> added


def snippet(text: str, matcher: Matcher, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around its first match, marked; empty without a match."""
    at = matcher.first(text)
    if at is None:
        return SafeString("")
    spans = [m.span() for m in _WORD.finditer(text)]
    first = next(i for i, (a, b) in enumerate(spans) if a <= at < b)
    begin = max(0, min(first - 4, len(spans) - words))
    finish = min(len(spans), begin + words) - 1
    start = spans[begin][0] if begin else 0
    end = spans[finish][1] if finish < len(spans) - 1 else len(text)
    body = matcher.mark(text, start, end)
    return mark_safe((ELLIPSIS if start else "") + body + (ELLIPSIS if end < len(text) else ""))
