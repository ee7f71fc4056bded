"""The Russian catalogue is complete, keeps every placeholder, and its compiled .mo matches it.

The .mo is committed (a fresh machine may have no gettext tools to compile it), so these tests
catch a .po edited without compiling again, and interface strings added without a translation.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

PACKAGE = Path(settings.PACKAGE_DIR)
RU = PACKAGE / "locale" / "ru" / "LC_MESSAGES"
# What `makemessages --ignore=demo/*` leaves out: the demo outlet's own content.
IGNORED = ("demo",)
RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _unquote(token: str) -> str:
    return ast.literal_eval(token)


def read_po(path: Path) -> list[Entry]:
    """A small PO reader: enough for the files makemessages writes."""
    entries: list[Entry] = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8").strip()):
        entry, target = Entry(), None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
                continue
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
            if match:
                keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
                if keyword.startswith("msgstr"):
                    target = ("msgstr", int(index or 0))
                    entry.msgstr[target[1]] = value
                else:
                    target = (keyword, None)
                    setattr(entry, keyword, value)
            else:
                value = _unquote(line.strip())
                if target[0] == "msgstr":
                    entry.msgstr[target[1]] += value
                else:
                    setattr(entry, target[0], getattr(entry, target[0]) + value)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def po() -> list[Entry]:
    return read_po(RU / "django.po")


@pytest.fixture(scope="module")
def messages(po) -> list[Entry]:
    """Every message, without the header."""
    return [e for e in po if e.msgid]


def test_header_is_russian_with_three_plural_forms(po):
    header = po[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags, "msgfmt skips a fuzzy header, and with it the plural rule"
    assert "Language: ru\n" in header.msgstr[0]
    assert "Content-Type: text/plain; charset=UTF-8\n" in header.msgstr[0]
    assert f"Plural-Forms: {RUSSIAN_PLURALS}\n" in header.msgstr[0]


def test_every_message_is_translated(messages):
    untranslated = [e.msgid for e in messages if not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    wrong_forms = [e.msgid for e in messages if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1, 2]]
    assert untranslated == []
    assert fuzzy == []
    assert wrong_forms == [], "Russian has three plural forms"
    assert not [e.msgid for e in messages if e.obsolete], "run makemessages with --no-obsolete"


PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[-#0 +]*\d*(?:\.\d+)?[sdif]|%%|\{\w*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder(messages):
    broken = []
    for e in messages:
        for index, text in e.msgstr.items():
            source = e.msgid if (e.msgid_plural is None or index == 0) else e.msgid_plural
            if e.msgid_plural is not None:
                # The one-form may say "one" instead of showing the number; no form may invent any.
                if not set(placeholders(text)) <= set(placeholders(e.msgid_plural)):
                    broken.append((e.msgid, index, text))
            elif placeholders(text) != placeholders(source):
                broken.append((e.msgid, index, text))
    assert broken == []


def test_compiled_catalogue_matches_the_po(messages):
    """django.mo was compiled from this django.po: same messages, same translations."""
    with open(RU / "django.mo", "rb") as fp:
        mo = gettext.GNUTranslations(fp)
    assert mo.info().get("plural-forms") == RUSSIAN_PLURALS
    stale = []
    for e in messages:
        if e.msgid_plural is None:
            got = mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)
            if got != e.msgstr[0]:
                stale.append((e.msgid, got, e.msgstr[0]))
            continue
        for n, index in ((1, 0), (21, 0), (2, 1), (34, 1), (5, 2), (11, 2), (112, 2)):
            if e.msgctxt:
                got = mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
            else:
                got = mo.ngettext(e.msgid, e.msgid_plural, n)
            if got != e.msgstr[index]:
                stale.append((e.msgid, n, got, e.msgstr[index]))
    assert stale == [], "compile again: msgfmt --check -o django.mo django.po"
    # Plural messages are stored once per form; the header is stored under "".
    expected = sum(len(e.msgstr) for e in messages) + 1
    assert len(mo._catalog) == expected, "the .mo holds messages the .po no longer has"


def _sources(*suffixes: str):
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if path.suffix in suffixes and relative.parts[0] not in IGNORED and "locale" not in relative.parts:
            yield path


_CALL = re.compile(r"\b(gettext|pgettext|ngettext|npgettext|_)\(")
_STRING = re.compile(r"""\s*(u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"))\s*,?""")


def _template_messages(path: Path) -> set[tuple[str | None, str]]:
    """The messages a template marks, read from Django's own conversion of it for xgettext."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for call in _CALL.finditer(code):
        strings, position = [], call.end()
        while match := _STRING.match(code, position):
            strings.append(ast.literal_eval(match.group(1)))
            position = match.end()
        if not strings:
            continue
        context = strings.pop(0) if call.group(1) in ("pgettext", "npgettext") else None
        found.add((context, strings[0]))
    return found


_PY_FUNCTIONS = {
    "_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy",
    "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _python_messages(path: Path) -> set[tuple[str | None, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # xgettext does not read inside f-strings, so makemessages cannot collect calls made there.
    in_fstrings = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)}
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in in_fstrings:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in _PY_FUNCTIONS:
            continue
        args = [_literal(a) for a in node.args]
        if name.startswith(("pgettext", "npgettext")):
            if len(args) >= 2 and args[0] is not None and args[1] is not None:
                found.add((args[0], args[1]))
        elif args and args[0] is not None:
            found.add((None, args[0]))
    return found


def test_every_interface_string_is_in_the_catalogue(messages):
    """Strings marked in templates and Python have a Russian translation (run makemessages)."""
    known = {e.key for e in messages}
    missing = []
    for path in _sources(".html", ".txt"):
        missing += [(str(path.relative_to(PACKAGE)), m) for m in _template_messages(path) - known]
    for path in _sources(".py"):
        if "migrations" in path.parts:
            continue
        missing += [(str(path.relative_to(PACKAGE)), m) for m in _python_messages(path) - known]
    assert sorted(missing) == [], "run makemessages for ru and translate the new strings"
