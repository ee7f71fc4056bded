"""Word lists matched however a term is spelt: either script, look-alike letters, leetspeak.

Text and terms are both reduced to *skeletons* before matching: compatibility-normalised (NFKC),
case-folded, stripped of accents and invisible characters, leetspeak turned back into letters.
Two skeletons are made, because Cyrillic and Latin letters relate in two ways:

- visually: Cyrillic "р" looks like Latin "p", so "рussy" typed to dodge a filter is "pussy";
- phonetically: "идиот" transliterates to "idiot", and Uzbek, Kazakh or Turkmen readers write
  the same word in either alphabet.

A term matches when either skeleton of the term is found in the same skeleton of the text, as a
whole word: letters may repeat ("idiooot") and be split by a few separators ("i.d.i.o.t"), but a
term never matches inside a longer word, so "ass" leaves "classic" and "Scunthorpe" alone.
A term ending (or starting) with "*" matches longer words too, for inflected languages.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction

from serai.core import generations

# Leetspeak, undone only inside words that contain a letter: "1d10t" is "idiot", "2024" stays.
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "!": "i",
        "|": "i",
        "3": "e",
        "4": "a",
        "@": "a",
        "$": "s",
        "5": "s",
        "6": "b",
        "7": "t",
        "+": "t",
    }
)
TOKEN = re.compile(r"[\w@$!|+]+")
TRAILING_PUNCTUATION = "!|+"

# Letters of other scripts that look like Latin ones (lower case; NFKC and casefold come first).
VISUAL = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "б": "b",
        "ь": "b",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ї": "i",
        "ӏ": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "о": "o",
        "ө": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "т": "t",
        "ԝ": "w",
        "х": "x",
        "у": "y",
        "ү": "y",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "μ": "m",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ω": "w",
    }
)

# Cyrillic transliterated to Latin, covering the alphabets of our editions.
PHONETIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "ә": "a",
        "ғ": "g",
        "қ": "q",
        "ң": "ng",
        "ө": "o",
        "ұ": "u",
        "ү": "u",
        "һ": "h",
        "і": "i",
        "ў": "o",
        "ҳ": "h",
        "ҷ": "j",
        "ӣ": "i",
        "ӯ": "u",
        "җ": "j",
        "ҙ": "z",
        "ӊ": "n",
        "ӈ": "n",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "χ": "x",
    }
)

# Latin letters of our editions' alphabets that plain Latin text writes without their marks.
LATIN_FOLDS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h"})

DROPPED_CATEGORIES = {"Mn", "Me", "Cf"}  # accents, enclosing marks, zero-width and soft hyphens


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in DROPPED_CATEGORIES)
    return kept.translate(LATIN_FOLDS)


def _unleet(match: re.Match) -> str:
    token = match.group(0)
    if not any(c.isalpha() for c in token):
        return token
    # "idiot!" ends a sentence; only inside a word does "!" stand for "i".
    stem = token.rstrip(TRAILING_PUNCTUATION)
    return stem.translate(LEET) + token[len(stem) :]


def skeletons(text: str) -> tuple[str, str]:
    """The visual and the phonetic skeleton of a text (see the module's docstring)."""
    plain = TOKEN.sub(_unleet, _plain(text))
    return plain.translate(VISUAL), plain.translate(PHONETIC)


@dataclass(frozen=True)
class Entry:
    id: int
    term: str
    kind: str
    clause_number: int | None


# Matching reads the text once, as *runs*: a letter and how many times it repeats, with separators
# between its repeats allowed. A term is a sequence of runs, each needing at least its own count
# ("idiooot" needs three o). Runs are kept in a trie keyed by letter and count, so one pass over the
# text visits each trie node at most once per run of the text: the work grows with the text's
# length times the list's size, never faster, whatever the term or the text. (A regex with
# separators between repeated letters backtracks: a term starting with "*" took 16 s on a comment
# of 1,500 characters.)
MAX_GAP = 3  # up to three non-letters between the letters of a term
BREAK = ("", 0, -1, -1)  # between runs that no term may join (more than MAX_GAP non-letters)


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, list[tuple[int, _Node]]] = {}  # letter -> [(count, node)]
        self.ends: list[tuple[int, bool, Entry]] = []  # terms ending here: (order, suffix, entry)

    def child(self, letter: str, count: int) -> _Node:
        for known, node in self.children.setdefault(letter, []):
            if known == count:
                return node
        node = _Node()
        self.children[letter].append((count, node))
        return node


def _term_runs(skeleton: str) -> list[tuple[str, int]]:
    letters = [c for c in skeleton if c.isalnum()]
    runs: list[tuple[str, int]] = []
    for letter in letters:
        if runs and runs[-1][0] == letter:
            runs[-1] = (letter, runs[-1][1] + 1)
        else:
            runs.append((letter, 1))
    return runs


@functools.lru_cache(maxsize=8)
def text_runs(skeleton: str) -> tuple[tuple[str, int, int, int], ...]:
    """The text's runs: (letter, count, first, last) where `first` is the first repeat a word may
    start at (preceded by a non-letter) and `last` the last one a word may end at, -1 if none."""
    runs: list[list] = []
    gap = MAX_GAP + 1  # non-letters since the last letter; the text's start is a word's start
    for char in skeleton:
        if not char.isalnum():
            gap += 1
            continue
        if runs and gap <= MAX_GAP:
            if gap:  # the previous letter ends a word
                runs[-1][3] = runs[-1][1] - 1
            if runs[-1][0] == char:
                runs[-1][1] += 1
                if gap and runs[-1][2] < 0:
                    runs[-1][2] = runs[-1][1] - 1
                gap = 0
                continue
            runs.append([char, 1, 0 if gap else -1, -1])
        else:
            if runs:
                runs[-1][3] = runs[-1][1] - 1
                runs.append(list(BREAK))
            runs.append([char, 1, 0, -1])
        gap = 0
    if runs:
        runs[-1][3] = runs[-1][1] - 1
    return tuple(tuple(run) for run in runs)


@dataclass(frozen=True)
class Matcher:
    """The terms of one skeleton kind, in two tries: terms starting with "*" may begin inside a
    word; the others only at a word's start."""

    anywhere: _Node
    at_start: _Node

    def search(self, skeleton: str) -> Entry | None:
        runs = text_runs(skeleton)
        for position in range(len(runs)):
            found = self._from(self.anywhere, runs, position, 0)
            if runs[position][2] >= 0:
                found += self._from(self.at_start, runs, position, runs[position][2])
            if found:
                return min(found, key=lambda hit: hit[0])[1]
        return None

    @staticmethod
    def _from(root: _Node, runs, position: int, start: int) -> list[tuple[int, Entry]]:
        """Terms whose first run is the text's run at `position`, used from repeat `start` on."""
        letter, count = runs[position][0], runs[position][1]
        found, todo = [], []
        for need, node in root.children.get(letter, ()):
            for order, suffix, entry in node.ends:
                end = count - 1 if suffix else runs[position][3]
                if end - start + 1 >= need:
                    found.append((order, entry))
            if count - start >= need:
                todo.append((node, position + 1))
        while todo:
            node, at = todo.pop()
            if at >= len(runs):
                continue
            letter, count, _first, last = runs[at]
            for need, child in node.children.get(letter, ()):
                for order, suffix, entry in child.ends:
                    if (count - 1 if suffix else last) + 1 >= need:
                        found.append((order, entry))
                if count >= need:
                    todo.append((child, at + 1))
        return found


def _matcher(terms: list[tuple[int, str, Entry]]) -> Matcher | None:
    anywhere, at_start, any_term = _Node(), _Node(), False
    for order, skeleton, entry in terms:
        runs = _term_runs(skeleton)
        if not runs:
            continue
        node = anywhere if skeleton.startswith("*") else at_start
        for letter, count in runs:
            node = node.child(letter, count)
        node.ends.append((order, skeleton.endswith("*"), entry))
        any_term = True
    return Matcher(anywhere, at_start) if any_term else None


@dataclass(frozen=True)
class CompiledList:
    visual: Matcher | None
    phonetic: Matcher | None
    longest: int = 1  # the most words any term of the list has (for marking phrases in a text)

    @property
    def empty(self) -> bool:
        """No term to find: searching a text needs no skeletons of it."""
        return self.visual is None and self.phonetic is None

    def search(self, text: str, *, skeletons_of_text: tuple[str, str] | None = None) -> Entry | None:
        """The first entry found in the text (the earliest in it, then the first in the list), or
        None. A caller searching several lists for one text may pass its `skeletons(text)`."""
        visual, phonetic = skeletons_of_text or skeletons(text)
        for matcher, skeleton in ((self.visual, visual), (self.phonetic, phonetic)):
            found = matcher.search(skeleton) if matcher is not None else None
            if found is not None:
                return found
        return None


def compile_entries(entries: list[Entry]) -> CompiledList:
    """A matcher per skeleton kind, holding every entry's term in that kind's skeleton."""
    visual, phonetic = [], []
    for order, entry in enumerate(entries):
        term_visual, term_phonetic = skeletons(entry.term.strip())
        visual.append((order, term_visual, entry))
        phonetic.append((order, term_phonetic, entry))
    longest = max((len(entry.term.split()) for entry in entries), default=1)
    return CompiledList(visual=_matcher(visual), phonetic=_matcher(phonetic), longest=longest)


# Edits reach every process through a generation counter (serai.core.generations: a memory-mapped
# file on one host, Redis across hosts), read for each comment at the cost of a memory access.
GENERATION = "moderation-word-lists"
_compiled: dict = {"version": None, "lists": {}}


def _version() -> int:
    return generations.store().value(GENERATION)


def word_list(language: str | tuple[str, ...], kind: str) -> CompiledList:
    """The compiled list of one language or several (a comment's and its edition's), with the
    all-editions entries; cached per process, which notices edits by a generation counter."""
    from serai.moderation.models import WordListEntry

    version = _version()
    if _compiled["version"] != version:
        _compiled.update(version=version, lists={})
    codes = {language} if isinstance(language, str) else set(language)
    key = (tuple(sorted(codes - {""})), kind)
    if key not in _compiled["lists"]:
        rows = WordListEntry.objects.filter(kind=kind, language__in=["", *key[0]]).values_list(
            "pk", "term", "kind", "clause__number"
        )
        _compiled["lists"][key] = compile_entries([Entry(*row) for row in rows])
    return _compiled["lists"][key]


def forget() -> None:
    """Drop this process's compiled lists: they are compiled again for the next comment."""
    _compiled.update(version=None, lists={})


def invalidate() -> None:
    """Called whenever an entry changes: every process recompiles on its next comment once the
    change commits (this one at once, its own transaction included)."""
    forget()
    transaction.on_commit(lambda: generations.store().bump([GENERATION]))


def on_entry_changed(sender, **kwargs) -> None:
    """Edits in the admin or the moderation pages alike reach every process."""
    invalidate()
