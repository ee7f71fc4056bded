"""A topic's feed in each edition (RSS 2.0 and Atom), its autodiscovery link on the topic's page,
and the topic pages in the sitemap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from serai.newsroom.models import Topic
from tests.factories import ArticleFactory
from tests.security.payloads import blns_lines
from tests.syndication.helpers import NS, feed, get, xml
from tests.syndication.test_naughty_strings import FORBIDDEN

pytestmark = pytest.mark.django_db

FEEDS = ["/en/feeds/topics/water/", "/en/feeds/topics/water/atom/"]


@pytest.fixture
def site_url(settings):
    settings.SERAI_SITE_URL = "https://news.example.org"
    return settings.SERAI_SITE_URL


@pytest.fixture
def water():
    return Topic.objects.create(name="Water", slug="water", translated_names={"ru": "Вода"})


def tagged(*topics, **fields):
    article = ArticleFactory(**fields)
    article.topics.set(topics)
    return article


@pytest.mark.parametrize("url", FEEDS)
def test_the_topic_feed_lists_the_editions_tagged_articles_newest_first(client, site_url, water, url):
    now = timezone.now()
    tagged(water, headline="Older wells", published_at=now - timedelta(hours=3))
    newer = tagged(water, headline="Newer canals", published_at=now - timedelta(hours=1))
    tagged(headline="Untagged")
    tagged(water, headline="A draft", draft=True)
    tagged(water, headline="Другая редакция", language="ru")
    parsed = feed(client, url)
    assert [e.title for e in parsed.entries] == ["Newer canals", "Older wells"]
    assert parsed.entries[0].link == site_url + newer.get_absolute_url()
    assert parsed.feed.title.startswith("Water · ")
    assert parsed.feed.link == site_url + "/en/topics/water/"


def test_the_topic_feed_speaks_the_editions_name(client, water):
    tagged(water, headline="Сухие реки", language="ru")
    parsed = feed(client, "/ru/feeds/topics/water/atom/")
    assert parsed.feed.title.startswith("Вода · ")
    assert [e.title for e in parsed.entries] == ["Сухие реки"]


def test_unknown_topics_have_no_feed(client):
    assert client.get("/en/feeds/topics/nothing/").status_code == 404
    assert client.get("/en/feeds/topics/nothing/atom/").status_code == 404


def test_the_topic_page_links_its_feeds(client, water):
    html = client.get("/ru/topics/water/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Вода · ' in html
    assert 'href="/ru/feeds/topics/water/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/ru/feeds/topics/water/atom/"' in html


@pytest.mark.django_db(transaction=True)
def test_the_topic_feed_is_kept_and_refreshed_by_tagging(settings):
    settings.SERAI_PAGE_CACHE = True
    water = Topic.objects.create(name="Water", slug="water")
    article = ArticleFactory(headline="Later tagged")
    first = get(FEEDS[0])
    assert "Later tagged" not in first.text
    assert get(FEEDS[0]).headers["ETag"] == first.headers["ETag"]  # kept
    article.topics.add(water)
    assert "Later tagged" in get(FEEDS[0]).text


def test_topic_pages_with_published_articles_are_in_the_sitemap(client, site_url, water):
    original = tagged(water, slug="story")
    tagged(water, language="ru", slug="story", translation_of=original)
    Topic.objects.create(name="Empty", slug="empty")
    tagged(Topic.objects.create(name="Drafts only", slug="drafts"), draft=True)
    document = xml(client.get("/sitemap-topics.xml").content)
    locations = [loc.text for loc in document.iterfind("s:url/s:loc", NS)]
    assert locations == [f"{site_url}/en/topics/water/", f"{site_url}/ru/topics/water/"]
    alternates = document.findall("s:url/xhtml:link", NS)
    assert {a.get("hreflang") for a in alternates} == {"en", "ru"}
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-topics.xml" in index


def test_naughty_topic_names_keep_the_feed_well_formed(client):
    lines = blns_lines()
    topics = [Topic.objects.create(name=line[:80], slug=f"t{n}") for n, line in enumerate(lines)]
    for n, topic in enumerate(topics[::5]):
        tagged(topic, headline=lines[n * 5][:200], standfirst=lines[n * 5], slug=f"a{n}")
    for topic in topics[::5]:
        for url in (f"/en/feeds/topics/{topic.slug}/", f"/en/feeds/topics/{topic.slug}/atom/"):
            parsed = feed(client, url)
            assert len(parsed.entries) == 1
            assert not FORBIDDEN.search(parsed.feed.title), url
