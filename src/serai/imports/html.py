"""A WordPress post's HTML as our body format: Markdown, with each photo as a "[photo N]" line.

Photos come from caption shortcodes ([caption]<img …> Caption [Credit][/caption]), image blocks
(<figure class="wp-block-image"><img …><figcaption>…</figcaption></figure>) and bare <img> tags;
a caption ending in a bracketed part ("… the square. [A. Photographer/Agency]") gives the credit.
Everything passes through nh3 first (scripts, styles and event handlers are gone, not converted),
then markdownify. Text and captions are plain data: nothing here reaches a page unescaped, since
the article's Markdown is rendered and sanitised again when it is saved.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
from markdownify import markdownify

ALLOWED = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "a", "strong", "b", "em", "i", "u", "s", "del",
    "blockquote", "ul", "ol", "li", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
BLOCKS = re.compile(r"^\s*<(?:p|h[1-6]|blockquote|ul|ol|table|pre|hr|figure|div)\b", re.IGNORECASE)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.IGNORECASE | re.DOTALL)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
SHORTCODE = re.compile(
    r"\[/?(?:gallery|embed|audio|video|playlist|wp_\w+|contact-form[\w-]*|vc_\w+)\b[^\]]*\]", re.IGNORECASE
)
CREDIT = re.compile(r"^(.*?)\s*[\[(]([^\[\]()]{2,120})[\])]\s*$", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
MARK = "\ue001photo{}\ue001"


@dataclass
class PhotoRef:
    number: int
    url: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


SIZED = re.compile(r"-\d+x\d+(\.\w+)$")


def without_size(path: str) -> str:
    """The original's name of a resized upload ("photo-300x200.jpg" → "photo.jpg")."""
    return SIZED.sub(r"\1", path)


def plain(text: str) -> str:
    """HTML as plain text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", text or "")).split())


def _attribute(tag: str, name: str) -> str:
    found = re.search(ATTRIBUTE.format(name), tag, re.IGNORECASE)
    return html.unescape(next((g for g in found.groups() if g is not None), "")) if found else ""


def caption_and_credit(text: str) -> tuple[str, str]:
    caption = plain(text)
    found = CREDIT.match(caption)
    return (found.group(1).strip(), found.group(2).strip()) if found else (caption, "")


def autop(content: str) -> str:
    """WordPress's paragraphs: text split on blank lines, a single line break kept as <br>."""
    if "\n" not in content:
        return content
    parts = []
    for chunk in re.split(r"\n\s*\n", content.strip()):
        if not chunk.strip():
            continue
        parts.append(chunk if BLOCKS.match(chunk) else "<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(parts)


class _Photos:
    def __init__(self, first: int):
        self.next = first
        self.found: list[PhotoRef] = []

    def add(self, img_tag: str, caption_html: str = "", caption_attribute: str = "") -> str:
        url = _attribute(img_tag, "src")
        if not url:
            return ""
        caption, credit = caption_and_credit(caption_html or caption_attribute)
        photo = PhotoRef(self.next, url, plain(_attribute(img_tag, "alt")), caption, credit)
        self.found.append(photo)
        self.next += 1
        return "\n\n<p>" + MARK.format(photo.number) + "</p>\n\n"


def _caption(photos: _Photos, match: re.Match) -> str:
    inner = match.group(2)
    img = IMG.search(inner)
    if img is None:
        return plain(inner)
    text = IMG.sub("", inner)
    return photos.add(img.group(0), text, _attribute(match.group(1), "caption"))


def _figure(photos: _Photos, match: re.Match) -> str:
    img = IMG.search(match.group(1))
    if img is None:
        return match.group(0)
    caption = FIGCAPTION.search(match.group(1))
    return photos.add(img.group(0), caption.group(1) if caption else "")


def body(content: str, *, first_photo: int = 2) -> tuple[str, list[PhotoRef]]:
    """The post's Markdown body and the photos it places, numbered from `first_photo`."""
    photos = _Photos(first_photo)
    content = BLOCK_COMMENT.sub("", content or "")
    content = CAPTION.sub(lambda m: _caption(photos, m), content)
    content = FIGURE.sub(lambda m: _figure(photos, m), content)
    content = IMG.sub(lambda m: photos.add(m.group(0)), content)
    content = SHORTCODE.sub("", content)
    cleaned = nh3.clean(autop(content), tags=ALLOWED, attributes={"a": {"href"}}, link_rel=None)
    markdown = markdownify(cleaned, heading_style="ATX", bullets="-", escape_misc=False)
    markdown = re.sub(r"\ue001photo(\d+)\ue001", r"[photo \1]", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return markdown, photos.found


def comment_text(content: str) -> str:
    """A WordPress comment (HTML with <br> and <p>) as the plain text our comments hold."""
    text = re.sub(r"<br\s*/?>", "\n", content or "", flags=re.IGNORECASE)
    text = re.sub(r"</p\s*>", "\n\n", text, flags=re.IGNORECASE)
    text = html.unescape(TAG.sub("", nh3.clean(text, tags=set())))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
