"""Reading HTML in tests: the elements a page really contains, not substrings of its text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that must never reach a reader from anything an editor (or anyone) typed.
FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "form",
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "xlink:href"}
# Browsers ignore ASCII whitespace and control characters inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def descendants(self, tag: str | None = None) -> list[Element]:
        """Elements inside this one (of one tag, if given), in document order."""
        found = []
        for child in self.children:
            if tag is None or child.tag == tag:
                found.append(child)
            found.extend(child.descendants(tag))
        return found

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        if self._open:
            self._open[-1].children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        if self._open:
            self._open[-1].children.append(element)
        self.elements.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data


def parse(html: str) -> list[Element]:
    """Every element of `html`, in document order, each with its attributes and inner text."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


def find_all(html: str | list[Element], tag: str, cls: str | None = None) -> list[Element]:
    elements = parse(html) if isinstance(html, str) else html
    return [e for e in elements if e.tag == tag and (cls is None or cls in e.classes)]


def text_of(html: str) -> str:
    """The text a reader sees (tags removed, entities decoded, whitespace collapsed)."""
    chunks: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data):
            chunks.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(chunks).split())


def _dangerous_url(value: str) -> bool:
    for candidate in value.split(","):
        scheme = _IGNORED_IN_SCHEME.sub("", candidate).lower()
        if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
            return True
    return False


def dangers(html: str) -> list[str]:
    """What in `html` could run script or restyle the page; an empty list when it is safe."""
    found = []
    if re.search(r"<\s*/?\s*script", html, re.IGNORECASE):
        found.append("a raw <script")
    for element in parse(html):
        if element.tag in FORBIDDEN_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}=…>")
            elif name == "style":
                found.append(f"<{element.tag} style=…>")
            elif name in URL_ATTRIBUTES and value and _dangerous_url(value):
                found.append(f"<{element.tag} {name}={value!r}>")
    return found


def story_of(page: str) -> str:
    """The `<article class="story">` of an article page: headline, meta, lead photo and body."""
    start = page.index('<article class="story"')
    return page[start : page.index("</article>", start) + len("</article>")]


def _is_data_script(element: Element) -> bool:
    return element.tag == "script" and element.get("type") == "application/ld+json"


def _whole_json(text: str) -> bool:
    """True for one JSON value with no raw "<" in it (the script element's text, whole)."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


def page_dangers(page: str, marker: str) -> list[str]:
    """Dangers on a whole page: everything in the story (on article pages), plus any handler,
    inline style or script URL anywhere, plus any script, style or frame element carrying
    `marker`."""
    found = dangers(story_of(page)) if '<article class="story"' in page else []
    for element in parse(page):
        carried = marker in element.text or any(marker in (v or "") for v in element.attrs.values())
        if _is_data_script(element):
            # Structured data carries editors' text as JSON, never as code: its danger would be
            # text that ends the element or the JSON early.
            if not _whole_json(element.text):
                found.append(f"<script type=ld+json> broken by {marker}")
        elif element.tag in FORBIDDEN_TAGS - {"form"} and carried:
            found.append(f"<{element.tag}> with {marker}")
        for name, value in element.attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"<{element.tag} {name}=…>")
            elif name in URL_ATTRIBUTES and value and _dangerous_url(value):
                found.append(f"<{element.tag} {name}={value!r}>")
    return found
