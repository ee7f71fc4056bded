"""The browser's counter (comments/conversation.js) counts exactly as the server does.

The script's own normalise() and graphemes() are run under Node.js (skipped when Node is not
installed) on the same texts the server measures.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import serai.comments
from serai.comments.text import CONTROL, length, normalise
from tests.comments.test_limit import KINDS

SCRIPT = Path(serai.comments.__file__).parent / "static/comments/conversation.js"
NODE = shutil.which("node") or shutil.which("nodejs")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def _script_functions() -> str:
    source = SCRIPT.read_text(encoding="utf-8")
    parts = [
        re.search(r"^\s*var segmenter = .*?;$", source, re.M | re.S).group(0),
        re.search(r"^\s*var CONTROL = .*?;$", source, re.M).group(0),
        re.search(r"^\s*var TRIM = .*?;$", source, re.M).group(0),
    ]
    for name in ("normalise", "graphemes"):
        parts.append(re.search(rf"^(\s*)function {name}\(text\) \{{.*?^\1\}}", source, re.M | re.S).group(0))
    return "\n".join(parts)


def browser_lengths(texts: list[str]) -> list[int]:
    program = (
        _script_functions()
        + """
      let input = "";
      process.stdin.on("data", (chunk) => { input += chunk; });
      process.stdin.on("end", () => {
        const texts = JSON.parse(input);
        process.stdout.write(JSON.stringify(texts.map((t) => graphemes(normalise(t)))));
      });
    """
    )
    result = subprocess.run(
        [NODE, "-e", program],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


SAMPLES = [kind(n) for kind in KINDS.values() for n in (1, 1500, 1501)] + [
    "a\r\nb\rc\n\nd",
    "  padded with blanks \n\n",
    "Cafe\u0301 и\u0306 q\u0301",
    "bidi \u202eoverride\u202c and \u2066isolate\u2069",
    "controls \x00\x01\x1f\x7f tab\tkept",
    "🏳️\u200d🌈 👍🏽 🧑🏾\u200d🚀 ❤️",
    "हिन्दी ไทย 한국어 العربية",
    "\u3000wide blank\u3000",
]


def test_the_script_counts_like_the_server():
    expected = [length(normalise(text)) for text in SAMPLES]
    assert browser_lengths(SAMPLES) == expected


def test_the_script_drops_the_same_control_characters_as_the_server():
    source = SCRIPT.read_text(encoding="utf-8")
    js_class = re.search(r"var CONTROL = /(\[.*?\])/g;", source).group(1)
    script_control = re.compile(js_class)  # \uXXXX escapes mean the same in Python's re
    differ = [
        hex(c) for c in range(0x3000) if bool(script_control.match(chr(c))) != bool(CONTROL.match(chr(c)))
    ]
    assert differ == []


@pytest.mark.parametrize("text", ["\ufeff" + "a" * 1500, "a" * 1500 + "\x85"])
def test_the_script_and_the_server_trim_the_same_characters(text):
    assert browser_lengths([text]) == [length(normalise(text))]
