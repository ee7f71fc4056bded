"""A comment's text as a moderator reads it: escaped, with word-list matches and links marked.

Rules store why they held a comment, not where in the text: matches are found again at display
time with the same matcher the pipeline uses (serai.moderation.words), one whitespace-separated
piece of text at a time, so "i.d.i.o.t" or "1d10t" is marked as typed. The text is escaped first;
only our own <mark> and <br> tags are added. Links are marked, not made clickable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from serai.moderation.models import WordListEntry
from serai.moderation.rules import LINK
from serai.moderation.words import word_list

KINDS = (WordListEntry.Kind.BANNED, WordListEntry.Kind.SUSPECT)


def _mark(piece: str, kind: str, title: str) -> str:
    return f'<mark class="match-{kind}" title="{escape(title)}">{escape(piece)}</mark>'


def _links(piece: str) -> str:
    out, end = [], 0
    for match in LINK.finditer(piece):
        out += [escape(piece[end : match.start()]), _mark(match.group(0), "link", "link")]
        end = match.end()
    return "".join(out) + escape(piece[end:])


@dataclass(frozen=True)
class Marked:
    html: SafeString
    count: int  # pieces of text marked
    clause_number: int | None  # the clause of the first matched term that names one


def _found(text: str, lists):
    for kind, compiled in lists:
        entry = compiled.search(text)
        if entry is not None:
            return kind, entry
    return None


def _span(text: str, words: list[re.Match], i: int, lists, longest: int):
    """The shortest run of words from the i-th on that holds a term starting at the i-th word."""
    for width in range(1, min(longest, len(words) - i) + 1):
        run = text[words[i].start() : words[i + width - 1].end()]
        found = _found(run, lists)
        if found:
            later = text[words[i + 1].start() : words[i + width - 1].end()] if width > 1 else ""
            return (width, *found) if not (later and _found(later, lists)) else None
    return None


def highlighted(text: str, language: str | tuple[str, ...]) -> Marked:
    """The text as safe HTML with word-list matches (phrases too) and links marked."""
    lists = [(kind, word_list(language, kind)) for kind in KINDS]
    longest = max(compiled.longest for _kind, compiled in lists)
    words = list(re.finditer(r"\S+", text))
    html, marked, clause_number, end, i = [], 0, None, 0, 0
    while i < len(words):
        word = words[i]
        span = None if LINK.search(word.group()) else _span(text, words, i, lists, min(longest, 5))
        html.append(_gap(text[end : word.start()]))
        if span:
            width, kind, entry = span
            end = words[i + width - 1].end()
            html.append(_mark(text[word.start() : end], kind, f"{entry.term} ({kind})"))
            clause_number = clause_number or entry.clause_number
            marked, i = marked + 1, i + width
            continue
        html.append(_links(word.group()) if LINK.search(word.group()) else escape(word.group()))
        marked += bool(LINK.search(word.group()))
        end, i = word.end(), i + 1
    html.append(_gap(text[end:]))
    safe = mark_safe(f"<p>{''.join(html)}</p>")  # noqa: S308 - every piece escaped above
    return Marked(html=safe, count=marked, clause_number=clause_number)


def _gap(space: str) -> str:
    return escape(space).replace("\n", "<br>\n")
