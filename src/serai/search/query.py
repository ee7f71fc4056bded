"""A reader's words as a query each database understands, whatever they typed.

Readers type words, and "quoted phrases"; every word must be found. Nothing typed is ever FTS5
syntax: each word or phrase is quoted for FTS5, so no operator, column filter or unbalanced quote
reaches it, and a query without a letter or digit is no query (the empty state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LENGTH = 200  # characters of the query that are read
MAX_TERMS = 12  # words and phrases; more make a query slower, rarely better

_PARTS = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_CHARACTER = re.compile(r"[^\W_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Endings trimmed from a Cyrillic word before it is matched as a prefix: a crude aid for Russian
# and its neighbours' inflection (районы finds районов, газета finds газеты), where SQLite has no
# stemmer. PostgreSQL's own configurations stem Russian and English properly.
_ENDING_LETTERS = "аеёиоуыэюяйь"


@dataclass(frozen=True)
class Terms:
    words: tuple[str, ...]
    phrases: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def websearch(self) -> str:
        """The query as PostgreSQL's websearch syntax reads it: words, and quoted phrases."""
        return " ".join([*self.words, *(f'"{p}"' for p in self.phrases)])


def parse(query: str) -> Terms:
    """The words and phrases of what a reader typed, without anything that is not a word."""
    words: list[str] = []
    phrases: list[str] = []
    for match in _PARTS.finditer((query or "")[:MAX_LENGTH]):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            # Quotes and operators out: a phrase is its words, in order.
            text = " ".join(w for w in re.split(r"[\s\"]+", phrase) if _WORD_CHARACTER.search(w))
            if text:
                phrases.append(text)
        elif word and _WORD_CHARACTER.search(word):
            words.append(word.replace('"', ""))
        if len(words) + len(phrases) >= MAX_TERMS:
            break
    return Terms(tuple(words), tuple(phrases))


def fts5(terms: Terms) -> str:
    """An FTS5 query for `terms`: each phrase and word quoted; a Cyrillic word's stem matched as a
    prefix (English words are stemmed by FTS5's porter tokenizer)."""
    parts = [_quoted(p) for p in terms.phrases]
    # Prefix queries cost FTS5 a merge of many lists: only Cyrillic words, which need them.
    parts += [_quoted(stem(w)) + "*" if _CYRILLIC.search(w) else _quoted(w) for w in terms.words]
    return " AND ".join(parts)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def stem(word: str) -> str:
    """A Cyrillic word without its inflectional ending (a rough cut); other words as they are."""
    if len(word) < 5 or not _CYRILLIC.search(word):
        return word
    stem = word
    while len(stem) > 4 and len(word) - len(stem) < 2 and stem[-1].lower() in _ENDING_LETTERS:
        stem = stem[:-1]
    return stem
