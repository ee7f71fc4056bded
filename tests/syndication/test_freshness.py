"""Feeds and sitemaps are served from the page cache, and are fresh on the next request after an
editor publishes, a comment is published or removed (through the production WSGI application)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.core import purge
from serai.newsroom import services as newsroom
from tests.factories import ArticleFactory
from tests.syndication.helpers import comments_feed_url, get

pytestmark = pytest.mark.django_db(transaction=True)

CACHED = ["/en/feed/", "/en/feed/atom/", "/sitemap.xml", "/sitemap-articles-en.xml", "/news-sitemap.xml"]


def published_comment(article, text):
    comment = comments.comment_post(
        article=article, author_name="A Reader", email="reader@example.org", text=text, form_age=30
    )
    return comments.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


@pytest.mark.parametrize("path", [*CACHED, "/robots.txt"])
def test_a_second_read_is_answered_from_the_page_cache(path):
    ArticleFactory()
    first = get(path)
    assert first.code == 200
    assert "public" in first.headers["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        second = get(path)
    assert len(queries) == 0
    assert second.body == first.body


def test_a_published_article_is_in_every_feed_and_sitemap_on_the_next_request():
    ArticleFactory(headline="Already out")
    draft = ArticleFactory(headline="Fresh off the desk", slug="fresh-off-the-desk", draft=True)
    for path in CACHED:
        assert "fresh-off-the-desk" not in get(path).text
    newsroom.article_publish(article=draft)
    for path in ["/en/feed/", "/en/feed/atom/", "/sitemap-articles-en.xml", "/news-sitemap.xml"]:
        assert "fresh-off-the-desk" in get(path).text, path
    newsroom.article_unpublish(article=draft)
    assert "fresh-off-the-desk" not in get("/en/feed/").text


def test_the_comments_feed_shows_a_new_comment_next_request_and_drops_a_removed_one():
    article = ArticleFactory()
    url = comments_feed_url(article)
    assert "First words" not in get(url).text
    with CaptureQueriesContext(connection) as queries:
        get(url)
    assert len(queries) == 0
    comment = published_comment(article, "First words")
    assert "First words" in get(url).text
    comments.comment_set_status(comment=comment, status=Comment.Status.REMOVED)
    assert "First words" not in get(url).text


def test_caches_in_front_are_told_which_feeds_and_sitemaps_changed():
    article = ArticleFactory(slug="rail-link")
    section, author = article.section.slug, article.byline_authors[0].slug
    purged = purge.purger().purged
    purged.clear()
    article.headline = "Rail link opens at last"
    article.save()
    for path in [
        "/en/feed/",
        "/en/feed/atom/",
        f"/en/feeds/sections/{section}/",
        f"/en/feeds/sections/{section}/atom/",
        f"/en/feeds/authors/{author}/",
        f"/en/feeds/authors/{author}/atom/",
        comments_feed_url(article),
        "/sitemap.xml",
        "/sitemap-articles-en.xml",
        "/news-sitemap.xml",
    ]:
        assert path in purged, path
    purged.clear()
    published_comment(article, "A first comment")
    assert comments_feed_url(article) in purged
