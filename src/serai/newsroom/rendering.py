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

from serai.newsroom.images import figure_html

BODY_SIZES = "(min-width: 60rem) 42rem, 100vw"
LEAD_SIZES = "(min-width: 60rem) 46rem, 100vw"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["strikethrough", "table"])

PHOTO_MARKER = re.compile(r"<p>\[photo\s+(\d+)\]</p>", re.IGNORECASE)
FIRST_PARAGRAPH = re.compile(r"<p>")

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "em", "strong", "code", "pre",
    "hr", "br", "s", "del", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
    "picture", "source", "img", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding",
            "fetchpriority"},
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
    html = _demote_headings(_markdown.render(source or ""))
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
        opening = format_html('<p><span class="dateline">{}</span> &mdash; ', dateline.strip().upper())
        if FIRST_PARAGRAPH.search(html):
            html = FIRST_PARAGRAPH.sub(opening, html, count=1)
        else:
            html = opening + "</p>" + html
    return sanitize(html)


def render_plain(source: str) -> str:
    """Markdown for pages that have no photos or dateline (the Comment Policy, bios)."""
    return sanitize(_demote_headings(_markdown.render(source or "")))


__all__ = ["render_body", "render_plain", "sanitize", "escape", "LEAD_SIZES", "BODY_SIZES"]
