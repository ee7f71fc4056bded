"""Word-list matching costs time in proportion to the text, whatever the terms and the text.

A comment is matched against the word lists while its reader waits, in the worker that serves
other readers too: a term starting with "*" once made a 1,500-character "i_i_i_…" comment take
16 seconds. Each worst case below (every term shape, against texts built to make a matcher retry:
the term's own letters repeated, with and without separators, look-alike letters, characters that
expand under normalisation) must cost at most 100 times what an ordinary comment of the same
length costs, measured here on the same machine.
"""

import time

import pytest

from serai.moderation.words import Entry, compile_entries, skeletons, text_runs

SHAPES = {
    "plain": "idiot",
    "prefix": "*idiot",
    "suffix": "idiot*",
    "both": "*idiot*",
    "multiword": "go die now",
    "look-alike": "рussy",  # a Cyrillic р
    "cyrillic": "идиот*",
    "separated": "i.d.i.o.t",
    "repeats": "*iiiiix",
    "doubled": "*aassaass*",
    "single letter": "*i*",
}
LIMIT = 1500
ORDINARY = ("The water tariffs went up again this spring, and nobody at the council explained why. " * 20)[
    :LIMIT
]


def hostile_texts(term: str) -> dict[str, str]:
    """Texts that make a backtracking matcher retry: almost the term, again and again."""
    letters = "".join(c for c in term if c.isalnum())
    almost = letters[:-1] or letters
    texts = {
        f"{name} {almost!r}": (sep.join(almost) + sep) * LIMIT
        for name, sep in (("run", ""), ("underscores", "_"), ("dots", "._."), ("spaces", " "))
    }
    texts.update(
        {
            "i_i_i": "i_" * LIMIT,
            "one letter": letters[0] * LIMIT,
            "letter and four separators": (letters[0] + "_-. ") * LIMIT,
            "exclamation marks": "!" * (LIMIT - 1) + "a",
            "look-alikes": "і_" * LIMIT,  # Cyrillic і
            "expands under NFKC": "\ufdfa" * LIMIT,  # one character, eighteen letters
        }
    )
    return {name: text[:LIMIT] for name, text in texts.items()}


def cost(compiled, text: str, runs: int = 3) -> float:
    """CPU seconds of one search, the text's runs not yet known: the least of a few tries, as the
    calibration is, so that another process's burst on a shared machine does not count."""
    both = skeletons(text)
    spent = []
    for _ in range(runs):
        text_runs.cache_clear()
        start = time.process_time()
        compiled.search(text, skeletons_of_text=both)
        spent.append(time.process_time() - start)
    return min(spent)


def compiled_list(*terms: str):
    return compile_entries(
        [Entry(id=i, term=t, kind="banned", clause_number=None) for i, t in enumerate(terms)]
    )


@pytest.fixture(scope="module")
def seconds_per_character():
    """What matching an ordinary comment costs, per character of its skeleton (the best of five)."""
    compiled = compiled_list(*SHAPES.values())
    return min(cost(compiled, ORDINARY) for _ in range(5)) / len(skeletons(ORDINARY)[0])


def budget(text: str, seconds_per_character: float) -> float:
    """Three hundred times the linear cost, and never under a quarter of a second: a search gone
    exponential takes seconds to minutes on these texts, while CPU time on a busy machine (the
    clock's granularity, caches shared with another test run) wanders by tens of per cent."""
    longest = max(len(s) for s in skeletons(text))
    return max(0.25, 300 * seconds_per_character * longest)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_term_shape_matches_worst_case_texts_in_linear_time(shape, seconds_per_character):
    compiled = compiled_list(SHAPES[shape])
    for name, text in hostile_texts(SHAPES[shape]).items():
        spent = cost(compiled, text)
        assert spent < budget(text, seconds_per_character), f"{shape} on {name}: {spent:.3f} s"


def test_a_list_of_every_shape_and_many_terms_stays_linear(seconds_per_character):
    """Hundreds of terms sharing their first letters: still one pass over the text."""
    many = [f"*i{'d' * (n % 5)}io{'t' * (n % 3)}{n}*" for n in range(500)]
    compiled = compiled_list(*SHAPES.values(), *many)
    for name, text in {**hostile_texts("*idiot"), **hostile_texts("go die now")}.items():
        spent = cost(compiled, text)
        assert spent < budget(text, seconds_per_character), f"{name}: {spent:.3f} s"


def test_worst_case_texts_still_match_what_they_hold():
    """Speed is not bought by giving up: the hostile texts with the term at their end still match."""
    for shape, term in SHAPES.items():
        compiled = compiled_list(term)
        for name, text in hostile_texts(term).items():
            spelt = term.strip("*")
            found = compiled.search(text[: LIMIT - len(spelt) - 2] + " " + spelt)
            assert found is not None and found.term == term, (shape, name)
