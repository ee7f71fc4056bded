"""Reading a WordPress export (WXR 1.0, 1.1 and 1.2) into plain data, one item at a time.

No database here: `read(path)` yields a `Site`, then `Author`s, `Term`s and `Post`s (each with its
comments) as the file is read, keeping only the current item in memory, whatever the file's size.
The XML parser is defusedxml's: a document type declaration, entity expansion or an external
entity makes the file refused (`WxrError`), as do malformed XML, invalid UTF-8 and a truncated
file, each with a message that says where.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WP = "{http://wordpress.org/export/"
PREFIXES = {
    "{http://purl.org/rss/1.0/modules/content/}": "content:",
    "{http://purl.org/dc/elements/1.1/}": "dc:",
}


class WxrError(Exception):
    """The file cannot be read as a WordPress export; the message says why and where."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    language: str = ""
    base_url: str = ""
    version: str = ""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""


@dataclass
class Term:
    kind: str  # "category" or "tag"
    slug: str
    name: str
    description: str = ""


@dataclass
class Comment:
    id: str
    parent_id: str
    author: str
    email: str
    date: datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "" or "comment", "pingback", "trackback"


@dataclass
class Post:
    id: str
    type: str  # "post", "page", "attachment", …
    status: str  # "publish", "future", "draft", "pending", "private", "trash", …
    title: str
    slug: str
    link: str
    creator: str
    content: str
    excerpt: str
    date: datetime | None
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    comment_status: str = "open"
    comments: list[Comment] = field(default_factory=list)


@functools.lru_cache(maxsize=512)
def _name(tag: str) -> str:
    """A tag with its namespace as the usual prefix ("wp:post_id", "excerpt:encoded")."""
    if tag.startswith(WP):
        uri, local = tag[1:].split("}", 1)
        return ("excerpt:" if uri.rstrip("/").endswith("excerpt") else "wp:") + local
    for uri, prefix in PREFIXES.items():
        if tag.startswith(uri):
            return prefix + tag[len(uri) :]
    return tag


def _fields(element) -> dict[str, str]:
    """The element's children as name → text (the first of each name)."""
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(_name(child.tag), (child.text or "").strip() if child.tag else "")
    return found


_NO_DATE = re.compile(r"^0000-00-00")


def _date(gmt: str, pub_date: str = "") -> datetime | None:
    """The time in UTC: WordPress's GMT column, else the RSS pubDate; None when neither is set."""
    if gmt and not _NO_DATE.match(gmt):
        try:
            return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    if pub_date:
        try:
            parsed = parsedate_to_datetime(pub_date)
        except (TypeError, ValueError, IndexError):
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _comment(element) -> Comment:
    f = _fields(element)
    return Comment(
        id=f.get("wp:comment_id", ""),
        parent_id=f.get("wp:comment_parent", "0") or "0",
        author=f.get("wp:comment_author", ""),
        email=f.get("wp:comment_author_email", ""),
        date=_date(f.get("wp:comment_date_gmt", "")) or _date(f.get("wp:comment_date", "")),
        content=_raw(element, "wp:comment_content"),
        approved=f.get("wp:comment_approved", "0"),
        type=f.get("wp:comment_type", ""),
    )


def _raw(element, name: str) -> str:
    """A child's text as written (bodies keep their line breaks and leading spaces)."""
    for child in element:
        if _name(child.tag) == name:
            return child.text or ""
    return ""


def _post(element) -> Post:
    f = _fields(element)
    post = Post(
        id=f.get("wp:post_id", ""),
        type=f.get("wp:post_type", "post"),
        status=f.get("wp:status", "draft"),
        title=f.get("title", ""),
        slug=f.get("wp:post_name", ""),
        link=f.get("link", ""),
        creator=f.get("dc:creator", ""),
        content=_raw(element, "content:encoded"),
        excerpt=_raw(element, "excerpt:encoded"),
        date=_date(f.get("wp:post_date_gmt", ""), f.get("pubDate", "")),
        attachment_url=f.get("wp:attachment_url", ""),
        comment_status=f.get("wp:comment_status", "open"),
    )
    for child in element:
        name = _name(child.tag)
        if name == "category":
            post.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:postmeta":
            key = _fields(child).get("wp:meta_key", "")
            post.meta.setdefault(key, _raw(child, "wp:meta_value"))  # as written: Markdown keeps its lines
        elif name == "wp:comment":
            post.comments.append(_comment(child))
    return post


def _term(name: str, element) -> Term:
    f = _fields(element)
    if name == "wp:category":
        return Term("category", f.get("wp:category_nicename", ""), f.get("wp:cat_name", ""),
                    f.get("wp:category_description", ""))  # fmt: skip
    if name == "wp:tag":
        return Term(
            "tag", f.get("wp:tag_slug", ""), f.get("wp:tag_name", ""), f.get("wp:tag_description", "")
        )
    taxonomy = f.get("wp:term_taxonomy", "")
    return Term(
        taxonomy, f.get("wp:term_slug", ""), f.get("wp:term_name", ""), f.get("wp:term_description", "")
    )


def _head(element) -> Post:
    """Only what tells a post apart (id, type, status, attached file): no body, no comments."""
    f = _fields(element)
    return Post(id=f.get("wp:post_id", ""), type=f.get("wp:post_type", "post"), status=f.get("wp:status", ""),
                title="", slug="", link="", creator="", content="", excerpt="", date=None,
                attachment_url=f.get("wp:attachment_url", ""))  # fmt: skip


def _item(name: str, element, light: bool = False) -> Author | Term | Post | None:
    if name == "item":
        return _head(element) if light else _post(element)
    if name == "wp:author":
        f = _fields(element)
        return Author(
            f.get("wp:author_login", ""), f.get("wp:author_email", ""), f.get("wp:author_display_name", "")
        )
    if name in ("wp:category", "wp:tag", "wp:term"):
        return _term(name, element)
    return None


def safe_events(source) -> Iterator[tuple[str, object]]:
    """The file's start and end events, read by defusedxml (no document type, no entities); what
    it refuses, and malformed, truncated or wrongly encoded XML, raise `WxrError` saying why."""
    try:
        yield from iterparse(source, events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WxrError(
            f"The file declares entities or a document type, which no export needs: {exc}"
        ) from None
    except ParseError as exc:
        raise WxrError(f"The file is not a complete, well-formed XML document: {exc}") from None


def read(source, *, light: bool = False) -> Iterator[Site | Author | Term | Post]:
    """The export's site first (once its header is read), then its items in file order; with
    `light`, posts carry only their id, type, status and attached file (a quicker first pass)."""
    site = Site()
    channel = None
    site_sent = False
    depth = 0  # of the element whose event this is: the channel's own children are at 3
    for event, element in safe_events(source):
        name = _name(element.tag)
        if event == "start":
            depth += 1
            if name == "channel" and channel is None:
                channel = element
            continue
        depth -= 1
        if channel is None or depth != 2:
            continue
        if name in ("item", "wp:author", "wp:category", "wp:tag", "wp:term") and not site_sent:
            site_sent = True
            yield site
        if name in ("title", "link", "language", "wp:base_site_url", "wp:wxr_version"):
            _site_field(site, name, (element.text or "").strip())
            continue
        item = _item(name, element, light)
        if item is None:
            continue
        yield item
        # The item is read: let it go (constant memory, whatever the file's length).
        element.clear()
        channel.remove(element)
    if channel is None:
        raise WxrError("The file is XML but not a WordPress export: it has no <channel>.")
    if not site_sent:
        yield site


def _site_field(site: Site, name: str, value: str) -> None:
    attribute = {"title": "title", "link": "link", "language": "language", "wp:base_site_url": "base_url",
                 "wp:wxr_version": "version"}[name]  # fmt: skip
    if not getattr(site, attribute):
        setattr(site, attribute, value)
