"""Every sitemap Serai serves validates against the sitemaps.org protocol and Google's News, image
and hreflang extensions (our own XML Schemas of them, tests/syndication/schemas/), hostile
headlines included; article sitemaps list each article's photos."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from tests.factories import ArticleFactory, PageFactory, add_photo
from tests.security.payloads import blns_lines
from tests.syndication.helpers import NS, xml

pytestmark = pytest.mark.django_db
SITE = "https://news.example.org"
SCHEMAS = Path(__file__).parent / "schemas"
IMAGE_NS = {"image": "http://www.google.com/schemas/sitemap-image/1.1", **NS}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SERAI_SITE_URL = SITE


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))


def valid(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    document = xml(response.content)
    checker = schema()
    assert checker.validate(document), (url, [str(error) for error in checker.error_log])
    return document


def every_sitemap(client) -> list[str]:
    index = valid(client, "/sitemap.xml")
    return [loc.text.removeprefix(SITE) for loc in index.iterfind(".//s:loc", NS)] + ["/news-sitemap.xml"]


def test_every_sitemap_validates_with_translations_photos_and_pages(client):
    original = ArticleFactory(headline="Rail link opens")
    ArticleFactory(language="ru", translation_of=original, section=original.section)
    add_photo(original, position=1)
    add_photo(original, position=2)
    ArticleFactory(language="kk", published_at=timezone.now() - timedelta(days=5))
    PageFactory()
    sitemaps = every_sitemap(client)
    assert "/sitemap-articles-en.xml" in sitemaps
    for url in sitemaps:
        valid(client, url)
    english = valid(client, "/sitemap-articles-en.xml")
    images = english.findall(".//image:image/image:loc", IMAGE_NS)
    assert len(images) == 2 and all(i.text.startswith(SITE + "/media/") for i in images)


def test_the_checker_refuses_what_the_protocol_refuses():
    """The schemas are not a formality: a relative address, a News entry without its publication
    and an unknown hreflang shape each fail."""
    checker = schema()
    head = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    )
    good = head + f"<url><loc>{SITE}/en/</loc></url></urlset>"
    assert checker.validate(etree.fromstring(good))
    for bad in (
        "<url><loc>/en/</loc></url>",
        f"<url><loc>{SITE}/en/a/</loc><news:news><news:title>A</news:title></news:news></url>",
        f'<url><loc>{SITE}/en/</loc><xhtml:link rel="alternate" hreflang="English" href="{SITE}/"/></url>',
        f"<url><loc>{SITE}/en/</loc><lastmod>yesterday</lastmod></url>",
    ):
        assert not checker.validate(etree.fromstring(head + bad + "</urlset>")), bad


def test_hostile_headlines_keep_the_news_sitemap_valid(client):
    for text in blns_lines()[:200]:
        ArticleFactory(headline=text[:200] or "x")
    ArticleFactory(headline="</news:title><script>alert(1)</script>\x01\x0b")
    document = valid(client, "/news-sitemap.xml")
    assert len(document.findall("s:url", NS)) == 201
