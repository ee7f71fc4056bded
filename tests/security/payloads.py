"""The hostile-input corpus: our own payloads (xss_payloads.txt) and the Big List of Naughty Strings."""

from __future__ import annotations

import json
import re
from pathlib import Path

OWN = Path(__file__).resolve().parent / "xss_payloads.txt"
BLNS_DIR = Path(__file__).resolve().parents[3] / "shared/testdata/blns"
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
    """Every string of the Big List of Naughty Strings, from its text copy or, where only that is
    shared, its JSON copy (the same strings); empty when neither is there."""
    if BLNS.is_file():
        return [line for line in _lines(BLNS) if line and not line.startswith("#")]
    if BLNS_JSON.is_file():
        return [text for text in json.loads(BLNS_JSON.read_text(encoding="utf-8")) if text]
    return []


def corpus() -> list[str]:
    """Both lists, without repeats, ours first."""
    return list(dict.fromkeys(own_payloads() + blns_lines()))
