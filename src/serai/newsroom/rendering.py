"""Article bodies: Markdown source in, sanitised HTML out, once, when the article is saved.

Editors write Markdown; raw HTML in the source is shown as text, never interpreted. The output
passes through nh3 (the ammonia sanitiser) with a short allow-list, so nothing an editor can type
reaches readers as script, event handler or style.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, format_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from serai.newsroom.images import figure_html

BODY_SIZES = "(min-width: 60rem) 42rem, 100vw"
LEAD_SIZES = "(min-width: 60rem) 46rem, 100vw"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["strikethrough", "table"])
# Photos are placed with [photo N] so they get renditions, captions and credits; a Markdown image
# would be an unsized image from anywhere (and a third-party request), so that syntax is off.
_markdown.disable("image")

# Private-use characters: never produced by Markdown, never typed by an editor.
DATELINE_MARKER = "\ue000dateline\ue000"
PHOTO_LINE = re.compile(r"\[photo\s+\d+\]", re.IGNORECASE)
PHOTO_MARKER = re.compile(r"<p>\[photo\s+(\d+)\]</p>", re.IGNORECASE)

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "hr",
    "br",
    "s",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "picture",
    "source",
    "img",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_CLASSES = {
    "figure": {"photo", "photo-inline"},
    "span": {"caption", "credit", "dateline"},
}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _demote_headings(html: str) -> str:
    """The page's only <h1> is the headline: '# ' in a body becomes a subheading (h2)."""
    html = re.sub(r"<(/?)h6>", r"<\1h4>", html)
    html = re.sub(r"<(/?)h5>", r"<\1h4>", html)
    return re.sub(r"<(/?)h1>", r"<\1h2>", html)


def render_body(source: str, *, photos=(), dateline: str = "") -> str:
    """Render an article body to safe HTML.

    `photos` are the article's photos in order; photo 1 is the lead (shown above the body by the
    page), `[photo N]` on a line of its own places photo N, and photos not placed anywhere are
    appended so every photo, with its caption and credit, appears exactly once.
    """
    html = _demote_headings(_render_with_dateline_marker(source or "", bool(dateline.strip())))
    by_number = {p.position: p for p in photos}
    lead_number = min(by_number) if by_number else None
    placed: set[int] = set()

    def place(match: re.Match) -> str:
        number = int(match.group(1))
        photo = by_number.get(number)
        if photo is None or number == lead_number or number in placed:
            return ""
        placed.add(number)
        return figure_html(photo, BODY_SIZES, css_class="photo photo-inline")

    html = PHOTO_MARKER.sub(place, html)
    rest = [p for n, p in sorted(by_number.items()) if n != lead_number and n not in placed]
    html += "".join(figure_html(p, BODY_SIZES, css_class="photo photo-inline") for p in rest)
    if dateline.strip():
        opening = format_html('<span class="dateline">{}</span> &mdash; ', dateline.strip().upper())
        if DATELINE_MARKER in html:
            html = html.replace(DATELINE_MARKER, opening, 1)
        else:
            # No paragraph of text at the top level: the dateline stands on its own.
            html = f"<p>{opening}</p>\n{html}"
    return sanitize(html)


def _render_with_dateline_marker(source: str, mark: bool) -> str:
    """Render Markdown, marking the start of the first top-level paragraph of text.

    The dateline opens the story's text: not a subheading, not a quote or list, not a photo line.
    """
    env: dict = {}
    tokens = _markdown.parse(source, env)
    if mark:
        for i, token in enumerate(tokens[:-1]):
            inline = tokens[i + 1]
            if (
                token.type == "paragraph_open"
                and token.level == 0
                and inline.children is not None
                and not PHOTO_LINE.fullmatch(inline.content.strip())
            ):
                inline.children.insert(0, Token("text", "", 0, content=DATELINE_MARKER))
                break
    return _markdown.renderer.render(tokens, _markdown.options, env)


def render_plain(source: str) -> str:
    """Markdown for pages that have no photos or dateline (the Comment Policy, bios)."""
    return sanitize(_demote_headings(_markdown.render(source or "")))


__all__ = ["render_body", "render_plain", "sanitize", "escape", "LEAD_SIZES", "BODY_SIZES"]
