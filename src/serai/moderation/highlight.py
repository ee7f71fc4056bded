"""A comment's text as a moderator reads it: escaped, with word-list matches and links marked.

Rules store why they held a comment, not where in the text: matches are found again at display
time with the same matcher the pipeline uses (serai.moderation.words), one whitespace-separated
piece of text at a time, so "i.d.i.o.t" or "1d10t" is marked as typed. The text is escaped first;
only our own <mark> and <br> tags are added. Links are marked, not made clickable.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from serai.moderation.models import WordListEntry
from serai.moderation.rules import LINK
from serai.moderation.words import word_list

PIECES = re.compile(r"(\s+)")
KINDS = (WordListEntry.Kind.BANNED, WordListEntry.Kind.SUSPECT)


def _mark(piece: str, kind: str, title: str) -> str:
    return f'<mark class="match-{kind}" title="{escape(title)}">{escape(piece)}</mark>'


def _links(piece: str) -> str:
    out, end = [], 0
    for match in LINK.finditer(piece):
        out += [escape(piece[end : match.start()]), _mark(match.group(0), "link", "link")]
        end = match.end()
    return "".join(out) + escape(piece[end:])


def _piece(piece: str, lists) -> tuple[str, int]:
    if LINK.search(piece):
        return _links(piece), 1
    for kind, compiled in lists:
        entry = compiled.search(piece)
        if entry is not None:
            return _mark(piece, kind, f"{entry.term} ({kind})"), 1
    return escape(piece), 0


def highlighted(text: str, language: str) -> tuple[SafeString, int]:
    """The text as safe HTML with matches marked, and how many pieces were marked."""
    lists = [(kind, word_list(language, kind)) for kind in KINDS]
    html, marked = [], 0
    for piece in PIECES.split(text):
        if not piece or piece.isspace():
            html.append(escape(piece).replace("\n", "<br>\n"))
            continue
        rendered, found = _piece(piece, lists)
        html.append(rendered)
        marked += found
    return mark_safe(f"<p>{''.join(html)}</p>"), marked  # noqa: S308 - every piece escaped above
