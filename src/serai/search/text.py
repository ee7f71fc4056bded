"""Plain text for the index, and the highlighted snippets readers see.

The databases mark matched words with two private-use characters that the indexed text never
holds (`clean` removes them), so a snippet is escaped whole and only then are the marks turned
into <mark> elements: nothing an editor wrote is ever marked safe.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

START = "\ue001"
STOP = "\ue002"
ELLIPSIS = "…"

_markdown = MarkdownIt("commonmark", {"html": False})
_PHOTO_LINE = re.compile(r"^[ \t]*\[photo\s+\d+\][ \t]*$", re.IGNORECASE | re.MULTILINE)
# Control characters (NUL cannot be stored by PostgreSQL), private-use marks, lone surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """`text` without control or private-use characters, its white space collapsed."""
    return _SPACE.sub(" ", _UNWANTED.sub(" ", text or "")).strip()


def body_text(markdown: str) -> str:
    """What readers read of a Markdown body, as plain text: no markup, no photo lines."""
    rendered = _markdown.render(_PHOTO_LINE.sub("", clean_lines(markdown)))
    return clean(html.unescape(strip_tags(rendered)))


def clean_lines(text: str) -> str:
    """Like `clean`, keeping line breaks (Markdown needs them)."""
    return _UNWANTED.sub(" ", (text or "").replace("\r\n", "\n"))


def highlighted(snippet: str) -> SafeString:
    """A snippet from the database as HTML: escaped, with its matched words in <mark>.

    A mark the database left open (a match cut by the snippet's end) is closed."""
    out = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    opened = out.count("<mark>") - out.count("</mark>")
    return mark_safe(out + "</mark>" * max(0, opened))  # escaped above; only our <mark> added
