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
TRAILING_PUNCTUATION = re.compile(r"[!|+]+$")

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
SEPARATOR = r"[\W_]{0,3}"  # up to three non-letters between the letters of a term


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
    stem = TRAILING_PUNCTUATION.sub("", token)
    return stem.translate(LEET) + token[len(stem) :]


def skeletons(text: str) -> tuple[str, str]:
    """The visual and the phonetic skeleton of a text (see the module's docstring)."""
    plain = TOKEN.sub(_unleet, _plain(text))
    return plain.translate(VISUAL), plain.translate(PHONETIC)


def _pattern(skeleton: str) -> str:
    """A regex for a term's skeleton: each letter may repeat, separators may split them."""
    prefix = skeleton.startswith("*")
    suffix = skeleton.endswith("*")
    letters = re.sub(r"[\W_]+", "", skeleton)
    parts = []
    for run in re.finditer(r"(.)\1*", letters):
        char, count = re.escape(run.group(1)), len(run.group(0))
        parts.append(f"{char}(?:{SEPARATOR}{char}){{{count - 1},}}")
    body = SEPARATOR.join(parts)
    start = r"(?<![^\W_])\w*?" if prefix else r"(?<![^\W_])"
    end = r"\w*?(?![^\W_])" if suffix else r"(?![^\W_])"
    return f"{start}{body}{end}" if letters else ""


@dataclass(frozen=True)
class Entry:
    id: int
    term: str
    kind: str
    clause_number: int | None


@dataclass(frozen=True)
class CompiledList:
    visual: re.Pattern | None
    phonetic: re.Pattern | None
    entries: dict[str, Entry]

    def search(self, text: str, *, skeletons_of_text: tuple[str, str] | None = None) -> Entry | None:
        """The first entry found in the text, or None. A caller searching several lists for one
        text may pass its `skeletons(text)`, made once."""
        visual, phonetic = skeletons_of_text or skeletons(text)
        for pattern, skeleton in ((self.visual, visual), (self.phonetic, phonetic)):
            match = pattern.search(skeleton) if pattern is not None else None
            if match:
                return self.entries[match.lastgroup]
        return None


def compile_entries(entries: list[Entry]) -> CompiledList:
    """One alternation per skeleton kind; the named group that matched tells which entry it was."""
    visual, phonetic, by_group = [], [], {}
    for entry in entries:
        group = f"e{entry.id}"
        term_visual, term_phonetic = skeletons(entry.term.strip())
        if pattern := _pattern(term_visual):
            visual.append(f"(?P<{group}>{pattern})")
        if pattern := _pattern(term_phonetic):
            phonetic.append(f"(?P<{group}_p>{pattern})")
        by_group[group] = by_group[f"{group}_p"] = entry
    return CompiledList(
        visual=re.compile("|".join(visual)) if visual else None,
        phonetic=re.compile("|".join(phonetic)) if phonetic else None,
        entries=by_group,
    )


# Edits reach every process through a generation counter (serai.core.generations: a memory-mapped
# file on one host, Redis across hosts), read for each comment at the cost of a memory access.
GENERATION = "moderation-word-lists"
_compiled: dict = {"version": None, "lists": {}}


def _version() -> int:
    return generations.store().value(GENERATION)


def word_list(language: str, kind: str) -> CompiledList:
    """The compiled list for one edition (with the all-editions entries), cached per process.

    Processes notice edits through a generation counter bumped when an edit commits.
    """
    from serai.moderation.models import WordListEntry

    version = _version()
    if _compiled["version"] != version:
        _compiled.update(version=version, lists={})
    key = (language, kind)
    if key not in _compiled["lists"]:
        rows = WordListEntry.objects.filter(kind=kind, language__in=["", language]).values_list(
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
