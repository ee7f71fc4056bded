"""The sitemap index, each edition's articles with their translations, sections, standing pages,
the Google News sitemap and robots.txt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, PageFactory, SectionFactory
from tests.syndication.helpers import NS, xml

pytestmark = pytest.mark.django_db
SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SERAI_SITE_URL = SITE


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return xml(response.content)


def locations(document) -> list[str]:
    return [loc.text for loc in document.iterfind(".//s:loc", NS)]


def test_the_index_names_every_sitemap_and_each_answers(client):
    index = locations(fetch(client, "/sitemap.xml"))
    assert f"{SITE}/sitemap-articles-en.xml" in index and f"{SITE}/sitemap-articles-uz.xml" in index
    assert f"{SITE}/sitemap-sections.xml" in index and f"{SITE}/sitemap-pages.xml" in index
    for location in index:
        fetch(client, location.removeprefix(SITE))
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_an_edition_lists_its_published_articles_with_lastmod_and_translations(client):
    original = ArticleFactory(headline="Rail link opens")
    translation = ArticleFactory(language="ru", translation_of=original, section=original.section)
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    revised = ArticleFactory()
    revised.revised_at = revised.published_at + timedelta(hours=2)
    revised.save()
    document = fetch(client, "/sitemap-articles-en.xml")
    urls = {u.findtext("s:loc", namespaces=NS): u for u in document.iterfind("s:url", NS)}
    assert set(urls) == {SITE + original.get_absolute_url(), SITE + revised.get_absolute_url()}
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls[SITE + original.get_absolute_url()].iterfind("xhtml:link", NS)
    }
    assert alternates == {
        "en": SITE + original.get_absolute_url(),
        "ru": SITE + translation.get_absolute_url(),
    }
    lastmod = urls[SITE + revised.get_absolute_url()].findtext("s:lastmod", namespaces=NS)
    assert lastmod == revised.revised_at.isoformat()
    ru = locations(fetch(client, "/sitemap-articles-ru.xml"))
    assert ru == [SITE + translation.get_absolute_url()]


def test_sections_and_standing_pages(client):
    section = SectionFactory(slug="economy")
    PageFactory(slug="about-us", language="en")
    sections = locations(fetch(client, "/sitemap-sections.xml"))
    assert f"{SITE}/en/" in sections and f"{SITE}/ky/economy/" in sections
    pages = locations(fetch(client, "/sitemap-pages.xml"))
    assert f"{SITE}/en/pages/about-us/" in pages
    assert f"{SITE}/en/pages/comment-policy/" in pages
    assert section.pk


def test_the_article_sitemap_costs_the_same_queries_for_many_articles(client):
    for _ in range(3):
        ArticleFactory(translation_of=ArticleFactory(language="ru"))
    with CaptureQueriesContext(connection) as few:
        fetch(client, "/sitemap-articles-en.xml")
    for _ in range(20):
        ArticleFactory(translation_of=ArticleFactory(language="ru"))
    with CaptureQueriesContext(connection) as many:
        assert len(locations(fetch(client, "/sitemap-articles-en.xml"))) == 23
    assert len(many) == len(few)


def test_the_news_sitemap_holds_the_last_two_days(client, settings):
    settings.SITE_NAME = "Serai Daily"
    fresh = ArticleFactory(headline="Fresh <news> & more")
    ru = ArticleFactory(language="ru", headline="Свежие новости")
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(scheduled=True)
    document = fetch(client, "/news-sitemap.xml")
    urls = {u.findtext("s:loc", namespaces=NS): u for u in document.iterfind("s:url", NS)}
    assert set(urls) == {SITE + fresh.get_absolute_url(), SITE + ru.get_absolute_url()}
    news = urls[SITE + fresh.get_absolute_url()].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Serai Daily"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh <news> & more"
    assert news.findtext("news:publication_date", namespaces=NS) == fresh.published_at.isoformat()
    ru_news = urls[SITE + ru.get_absolute_url()].find("news:news", NS)
    assert ru_news.findtext("news:publication/news:language", namespaces=NS) == "ru"


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out(client, settings):
    body = client.get("/robots.txt").content.decode()
    assert "User-agent: *\nAllow: /\n" in body
    assert f"Disallow: /{settings.SERAI_ADMIN_PATH}\n" in body
    assert "Disallow: /kk/moderation/\n" in body
    assert f"Sitemap: {SITE}/sitemap.xml\n" in body
    assert f"Sitemap: {SITE}/news-sitemap.xml\n" in body
