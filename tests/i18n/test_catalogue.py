"""Every edition's catalogue is complete, keeps every placeholder, and its compiled .mo matches it.

Each language in settings.LANGUAGES other than English must have a catalogue: a language without
one fails here (it does not skip), so an edition cannot quietly fall back to English. The .mo is
committed (a fresh machine may have no gettext tools to compile it), so these tests also catch a
.po edited without compiling again, and interface strings added without a translation.
"""

from __future__ import annotations

import ast
import functools
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

PACKAGE = Path(settings.PACKAGE_DIR)
# What `makemessages --ignore=demo/*` leaves out: the demo outlet's own content.
IGNORED = ("demo",)
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The Plural-Forms header of each catalogue; docs/translating.md explains each rule.
PLURAL_RULES = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n!=1);",
    "ky": "nplurals=1; plural=0;",
    "tg": "nplurals=2; plural=(n != 1);",
    "tk": "nplurals=2; plural=(n != 1);",
    "uz": "nplurals=1; plural=0;",
}
# Numbers that reach every form of the rules above (Russian: 1 and 21, 2 and 34, 5, 11 and 112).
SAMPLES = (0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 34, 100, 101, 111, 112)

pytestmark = pytest.mark.parametrize("language", TRANSLATED)


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


def _directory(language: str) -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES"


@functools.cache
def _read(language: str) -> list[Entry]:
    return read_po(_directory(language) / "django.po")


def catalogue(language: str) -> list[Entry]:
    """The language's django.po, header first; fails (never skips) when there is none."""
    path = _directory(language) / "django.po"
    assert path.is_file(), (
        f"{language} has no catalogue at {path.relative_to(PACKAGE)}: see 'Adding an edition's "
        "interface translation' in docs/translating.md"
    )
    return _read(language)


def messages(language: str) -> list[Entry]:
    """Every message, without the header."""
    return [e for e in catalogue(language) if e.msgid]


def _same_rule(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def plural_rule(language: str) -> tuple[int, object]:
    """The header's number of forms and its plural function (number -> form index)."""
    match = re.search(
        r"^Plural-Forms: nplurals=(\d+); *plural=(.+?);?$", catalogue(language)[0].msgstr[0], re.M
    )
    assert match, f"the {language} header has no Plural-Forms line"
    return int(match.group(1)), gettext.c2py(match.group(2))


def test_the_catalogue_is_there(language):
    """Both the .po translators edit and the compiled .mo Django reads are committed."""
    directory = _directory(language)
    assert directory.is_dir(), f"no catalogue for {language}: run makemessages -l {language}"
    assert (directory / "django.po").is_file()
    assert (directory / "django.mo").is_file(), "compile it: msgfmt --check -o django.mo django.po"


def test_the_header_names_the_language_and_its_plural_rule(language):
    header = catalogue(language)[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags, "msgfmt skips a fuzzy header, and with it the plural rule"
    text = header.msgstr[0]
    assert f"Language: {language}\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    team = re.search(r"^Language-Team: (.*)$", text, re.M)
    assert team and team.group(1) and "LL@li.org" not in team.group(1), "fill in Language-Team"
    rule = re.search(r"^Plural-Forms: (.*)$", text, re.M)
    assert language in PLURAL_RULES, f"add {language}'s plural rule here and to docs/translating.md"
    assert rule and _same_rule(rule.group(1), PLURAL_RULES[language])


def test_every_message_is_translated(language):
    found = messages(language)
    nplurals, _plural = plural_rule(language)
    untranslated = [e.msgid for e in found if not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in found if "fuzzy" in e.flags]
    forms = list(range(nplurals))
    wrong_forms = [e.msgid for e in found if e.msgid_plural is not None and sorted(e.msgstr) != forms]
    assert untranslated == []
    assert fuzzy == []
    assert wrong_forms == [], f"{language} plural entries need msgstr[0] to msgstr[{nplurals - 1}]"
    assert not [e.msgid for e in found if e.obsolete], "run makemessages with --no-obsolete"


PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[-#0 +]*\d*(?:\.\d+)?[sdif]|%%|\{\w*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder(language):
    _nplurals, plural = plural_rule(language)
    # A form some number other than 1 reads must show that number; only the form 1 alone reads
    # may say "one" instead ("banned once").
    counting = {plural(n) for n in SAMPLES if n != 1}
    broken = []
    for e in messages(language):
        for index, text in e.msgstr.items():
            if e.msgid_plural is None:
                wrong = placeholders(text) != placeholders(e.msgid)
            elif index in counting:
                wrong = placeholders(text) != placeholders(e.msgid_plural)
            else:
                wrong = not set(placeholders(text)) <= set(placeholders(e.msgid_plural))
            if wrong:
                broken.append((e.msgid, index, text))
    assert broken == []


def test_compiled_catalogue_matches_the_po(language):
    """django.mo was compiled from this django.po: same messages, same translations."""
    found = messages(language)
    _nplurals, plural = plural_rule(language)
    with open(_directory(language) / "django.mo", "rb") as fp:
        mo = gettext.GNUTranslations(fp)
    assert _same_rule(mo.info().get("plural-forms", ""), PLURAL_RULES[language])
    stale = []
    for e in found:
        if e.msgid_plural is None:
            got = mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)
            if got != e.msgstr[0]:
                stale.append((e.msgid, got, e.msgstr[0]))
            continue
        for n in SAMPLES:
            if e.msgctxt:
                got = mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
            else:
                got = mo.ngettext(e.msgid, e.msgid_plural, n)
            if got != e.msgstr[plural(n)]:
                stale.append((e.msgid, n, got, e.msgstr[plural(n)]))
    assert stale == [], "compile again: msgfmt --check -o django.mo django.po"
    # Plural messages are stored once per form; the header is stored under "".
    expected = sum(len(e.msgstr) for e in found) + 1
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


@functools.cache
def _interface_messages() -> tuple[tuple[str, tuple[str | None, str]], ...]:
    """(file, message) for every string marked in the package's templates and Python."""
    found = []
    for path in _sources(".html", ".txt"):
        found += [(str(path.relative_to(PACKAGE)), m) for m in _template_messages(path)]
    for path in _sources(".py"):
        if "migrations" not in path.parts:
            found += [(str(path.relative_to(PACKAGE)), m) for m in _python_messages(path)]
    return tuple(found)


def test_every_interface_string_is_in_the_catalogue(language):
    """Strings marked in templates and Python are in the catalogue (run makemessages)."""
    known = {e.key for e in messages(language)}
    missing = sorted((path, m) for path, m in _interface_messages() if m not in known)
    assert missing == [], f"run makemessages -l {language} and translate the new strings"
