"""XML that always parses: text without the characters XML 1.0 forbids, feed generators that
clean every value they are given, and the Atom generator's threading extension (RFC 4685).

Headlines, names and comments may hold any character a reader or an editor typed; control
characters (other than tab and line breaks), lone surrogates and U+FFFE/U+FFFF cannot appear in
an XML 1.0 document at all, escaped or not, so they are dropped before anything is written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
THREADING_NS = "http://purl.org/syndication/thread/1.0"


def xml_text(value):
    """`value` without the characters XML 1.0 forbids; lists and tuples cleaned item by item."""
    if isinstance(value, str):
        return _FORBIDDEN.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(v) for v in value)
    return value


def absolute(path: str) -> str:
    """The address of `path` on the site (settings.SERAI_SITE_URL); absolute URLs stay as they are."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SERAI_SITE_URL + path


def tag_uri(kind: str, pk: int | str, created) -> str:
    """A permanent id (RFC 4151): the site's host, the day the thing was made, what it is."""
    host = urlsplit(settings.SERAI_SITE_URL).hostname or "localhost"
    return f"tag:{host},{created:%Y-%m-%d}:{kind}/{pk}"


class CleanFeedMixin:
    """Feed generators that drop forbidden characters from every value, feed and item alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{k: xml_text(v) for k, v in kwargs.items()})

    def add_item(self, **kwargs):
        super().add_item(**{k: xml_text(v) for k, v in kwargs.items()})


class CleanRssFeed(CleanFeedMixin, Rss201rev2Feed):
    """Django's RSS 2.0 generator, every value cleaned."""


class CleanAtomFeed(CleanFeedMixin, Atom1Feed):
    """Django's Atom 1.0 generator, every value cleaned."""


class ThreadedAtomFeed(CleanAtomFeed):
    """Atom with `thr:in-reply-to` on replies: items given `in_reply_to=(ref, href)`."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:thr": THREADING_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        reply_to = item.get("in_reply_to")
        if reply_to:
            ref, href = reply_to
            handler.addQuickElement("thr:in-reply-to", "", {"ref": ref, "href": href, "type": "text/html"})
