"""Fetching and parsing what the syndication app serves."""

from __future__ import annotations

from dataclasses import dataclass

import feedparser
from django.test import RequestFactory
from lxml import etree

from serai.wsgi import application

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NS = {
    "s": SITEMAP_NS,
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
    "thr": "http://purl.org/syndication/thread/1.0",
}


def xml(body: bytes):
    """The document, parsed by lxml's strict parser (no recovery): raises on anything malformed."""
    return etree.fromstring(body, etree.XMLParser(recover=False, resolve_entities=False))


def feed(client, url: str):
    """The feed at `url`, checked well-formed, as feedparser reads it."""
    response = client.get(url)
    assert response.status_code == 200, url
    xml(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


def comments_feed_url(article) -> str:
    return f"/{article.language}/{article.section.slug}/{article.slug}/comments/feed/"


@dataclass
class Answer:
    status: str
    headers: dict
    body: bytes

    @property
    def code(self) -> int:
        return int(self.status.split()[0])

    @property
    def text(self) -> str:
        return self.body.decode()


def get(path: str) -> Answer:
    """A request through the production WSGI application, page cache in front, as a server makes it."""
    environ = RequestFactory().get(path).environ
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return Answer(captured["status"], captured["headers"], body)
