"""The edition's, a section's and an author's feeds, in RSS 2.0 and Atom."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.newsroom import services
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo
from tests.syndication.helpers import feed, xml

pytestmark = pytest.mark.django_db

EDITION_FEEDS = ["/en/feed/", "/en/feed/atom/"]


@pytest.fixture
def site_url(settings):
    settings.SERAI_SITE_URL = "https://news.example.org"
    return settings.SERAI_SITE_URL


@pytest.mark.parametrize("url", EDITION_FEEDS)
def test_the_edition_feed_lists_its_published_articles_newest_first(client, site_url, url):
    now = timezone.now()
    older = ArticleFactory(headline="Older story", published_at=now - timedelta(hours=3))
    newer = ArticleFactory(headline="Newer story", published_at=now - timedelta(hours=1))
    ArticleFactory(headline="A draft", draft=True)
    ArticleFactory(headline="Not yet", scheduled=True)
    ArticleFactory(headline="Другая редакция", language="ru")
    parsed = feed(client, url)
    assert [e.title for e in parsed.entries] == ["Newer story", "Older story"]
    entry = parsed.entries[0]
    assert entry.link == site_url + newer.get_absolute_url()
    assert entry.summary == "A short summary."
    assert entry.author == newer.byline_authors[0].name
    assert [t.term for t in entry.tags] == [newer.section.name]
    assert entry.id.startswith("tag:news.example.org,")
    assert parsed.entries[1].id != entry.id and older.pk != newer.pk
    assert urlsplit(parsed.feed.link).netloc == "news.example.org"


def test_dates_carry_their_time_zone(client):
    ArticleFactory()
    rss = client.get("/en/feed/").content.decode()
    assert "+0000</pubDate>" in rss
    atom = client.get("/en/feed/atom/").content.decode()
    assert "+00:00</published>" in atom and "+00:00</updated>" in atom
    assert feed(client, "/en/feed/atom/").entries[0].published_parsed is not None


def test_ids_stay_the_same_across_fetches_and_after_an_edit(client):
    article = ArticleFactory(headline="First words")
    first = [e.id for e in feed(client, "/en/feed/").entries]
    assert first == [e.id for e in feed(client, "/en/feed/").entries]
    article.headline = "Better words"
    article.slug = "better-words"
    article.save()
    services.article_render(article=article)
    after = feed(client, "/en/feed/")
    assert after.entries[0].title == "Better words"
    assert [e.id for e in after.entries] == first
    assert [e.id for e in feed(client, "/en/feed/atom/").entries] == first


def test_an_update_after_publication_moves_the_updated_date(client):
    article = ArticleFactory()
    article.revised_at = article.published_at + timedelta(minutes=30)
    article.save()
    entry = feed(client, "/en/feed/atom/").entries[0]
    assert entry.updated_parsed > entry.published_parsed


def test_the_lead_photo_is_the_enclosure_with_its_length_and_type(client, site_url):
    article = ArticleFactory()
    add_photo(article)
    for url in EDITION_FEEDS:
        enclosures = feed(client, url).entries[0].enclosures
        assert len(enclosures) == 1
        assert enclosures[0].href.startswith(site_url + "/")
        assert enclosures[0].type == "image/jpeg"
        assert int(enclosures[0].length) > 0


def test_full_text_when_the_setting_asks_with_absolute_links(client, settings, site_url):
    article = ArticleFactory(body="A paragraph only the full text carries.\n\n[photo 2]")
    add_photo(article, position=1)
    add_photo(article, position=2)
    assert "only the full text" not in feed(client, "/en/feed/").entries[0].summary
    settings.SERAI_FEED_FULL_TEXT = True
    assert "A paragraph only the full text carries.</p>" in feed(client, "/en/feed/").entries[0].summary
    # As written (feedparser drops srcset when it cleans the HTML).
    description = xml(client.get("/en/feed/").content).findtext("channel/item/description")
    assert f'src="{site_url}/media/' in description
    assert f'srcset="{site_url}/media/' in description and f", {site_url}/media/" in description
    assert '="/' not in description and ", /media" not in description


def test_section_and_author_feeds_hold_only_theirs(client):
    section, other = SectionFactory(), SectionFactory()
    author = AuthorFactory(name="Aida Writer")
    ArticleFactory(headline="Hers, in the section", section=section, authors=[author])
    ArticleFactory(headline="Someone else's", section=other)
    for suffix in ("", "atom/"):
        in_section = feed(client, f"/en/feeds/sections/{section.slug}/{suffix}")
        assert [e.title for e in in_section.entries] == ["Hers, in the section"]
        by_author = feed(client, f"/en/feeds/authors/{author.slug}/{suffix}")
        assert [e.title for e in by_author.entries] == ["Hers, in the section"]
        assert "Aida Writer" in by_author.feed.title
    assert client.get("/en/feeds/sections/no-such-section/").status_code == 404
    assert client.get("/en/feeds/authors/nobody/atom/").status_code == 404


def test_each_edition_has_its_own_feed(client):
    ArticleFactory(headline="In English")
    ArticleFactory(headline="По-русски", language="ru")
    assert [e.title for e in feed(client, "/ru/feed/").entries] == ["По-русски"]
    assert feed(client, "/ru/feed/").feed.language == "ru"


def test_at_most_fifty_items_and_the_same_queries_for_three_articles_or_sixty(client):
    section = SectionFactory()
    author = AuthorFactory()
    for _ in range(3):
        add_photo(ArticleFactory(section=section, authors=[author]))
    with CaptureQueriesContext(connection) as few:
        assert len(feed(client, "/en/feed/").entries) == 3
    for _ in range(57):
        ArticleFactory(section=section, authors=[author])
    with CaptureQueriesContext(connection) as many:
        assert len(feed(client, "/en/feed/").entries) == 50
    assert len(many) == len(few)
