"""Typographic care, once, when an editor's text is saved: straight quotes become the quotes of
the article's language and ' -- ' an em dash. Code, URLs and anything inside angle brackets are
left exactly as typed, and text already set right is left alone (running it twice changes nothing).
"""

from __future__ import annotations

import re

# (outer open, outer close, inner open, inner close, apostrophe)
QUOTES = {
    "ru": ("«", "»", "„", "“", "’"),
    "uk": ("«", "»", "„", "“", "’"),
    "kk": ("«", "»", "„", "“", "’"),
    "de": ("„", "“", "‚", "‘", "’"),
}
ENGLISH = ("“", "”", "‘", "’", "’")

# Spans kept as typed: fenced code, inline code, link destinations, autolinks and tags, bare URLs.
PROTECTED = re.compile(
    r"```.*?(?:```|\Z)"
    r"|~~~.*?(?:~~~|\Z)"
    r"|(`+).*?\1"
    r"|\]\([^)]*\)"
    r"|<[^<>\n]*>"
    r"|\b(?:https?|mailto|ftp)://\S+"
    r"|^(?: {4}|\t).*$",
    re.DOTALL | re.MULTILINE,
)
OPENS_AFTER = set(" \t\n([{—–-/«„“‘") | {""}


def smarten(text: str, language: str = "en") -> str:
    """`text` with typographic quotes and dashes for `language`, code and URLs untouched."""
    if not text:
        return text
    marks = QUOTES.get((language or "en").split("-")[0], ENGLISH)
    out, depth, last = [], [0], 0
    for match in PROTECTED.finditer(text):
        out.append(_prose(text[last : match.start()], marks, depth, _before(text, match.start())))
        out.append(match.group(0))
        last = match.end()
    out.append(_prose(text[last:], marks, depth, _before(text, last)))
    return "".join(out)


def _before(text: str, index: int) -> str:
    return text[index - 1] if index > 0 else ""


def _prose(chunk: str, marks, depth: list[int], previous: str) -> str:
    outer_open, outer_close, inner_open, inner_close, apostrophe = marks
    chunk = re.sub(r"(?m)(^|(?<=\s))--(?=\s|$)", "—", chunk)
    result = []
    for char in chunk:
        if char == '"':
            opening = previous in OPENS_AFTER or previous.isspace()
            if opening:
                result.append(outer_open if depth[0] == 0 else inner_open)
                depth[0] += 1
            else:
                depth[0] = max(0, depth[0] - 1)
                result.append(outer_close if depth[0] == 0 else inner_close)
        elif char == "'":
            if previous.isalnum():
                result.append(apostrophe)  # don't, l'eau, 90's
            elif previous in OPENS_AFTER or previous.isspace():
                result.append(inner_open if marks is not ENGLISH else "‘")
            else:
                result.append("’")
        else:
            result.append(char)
        previous = char
    return "".join(result)
