"""An edition's comments feed: the newest published comments of the stories the edition publishes,
from every edition of each story, linked to this edition's page; bounded queries; fresh on the
next request through the page cache, and purged from caches in front."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.core import purge
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory
from tests.syndication.helpers import NS, feed, get, xml

PENDING = Comment.Status.PENDING


@pytest.mark.django_db
def test_comments_of_the_editions_stories_from_every_edition_linked_here(client):
    english = ArticleFactory(language="en", slug="rail", headline="Rail link opens")
    russian = ArticleFactory(language="ru", slug="doroga", section=english.section, translation_of=english)
    english_only = ArticleFactory(language="en", slug="bridge", headline="Bridge")
    on_russian = CommentFactory(article=russian, author_name="Oksana", text="Наконец-то!")
    on_english = CommentFactory(
        article=english_only, author_name="Dana", email="dana@example.org", text="Fine."
    )
    CommentFactory(article=english, text="Held words", status=PENDING)
    CommentFactory(article=ArticleFactory(language="kk"), text="Kazakh-only story")

    parsed = feed(client, "/en/comments/feed/")
    links = {entry.author: entry.link for entry in parsed.entries}
    assert set(links) == {"Oksana", "Dana"}
    assert links["Oksana"].endswith(f"{english.get_absolute_url()}#comment-{on_russian.pk}")
    assert links["Dana"].endswith(f"{english_only.get_absolute_url()}#comment-{on_english.pk}")
    body = client.get("/en/comments/feed/").content.decode()
    for absent in ("@example.org", "Held words", "Kazakh-only story"):
        assert absent not in body
    russian_feed = feed(client, "/ru/comments/feed/")
    assert [
        entry.link.split("#")[0].endswith(russian.get_absolute_url()) for entry in russian_feed.entries
    ] == [True]


@pytest.mark.django_db
def test_replies_are_threaded_and_ids_are_tags(client):
    article = ArticleFactory()
    parent = CommentFactory(article=article, text="First")
    CommentFactory(article=article, parent=parent, text="A reply")
    document = xml(client.get("/en/comments/feed/").content)
    assert document.findtext("atom:id", namespaces=NS).startswith("tag:")
    assert len(document.findall(".//thr:in-reply-to", NS)) == 1


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_stories(client):
    def queries_for(stories: int) -> int:
        for _ in range(stories):
            CommentFactory(article=ArticleFactory())
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/comments/feed/").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(20) <= 6


@pytest.mark.django_db(transaction=True)
def test_a_published_comment_is_in_the_feed_on_the_next_request_and_purged_in_front(settings):
    article = ArticleFactory(language="en")
    ArticleFactory(language="ru", section=article.section, translation_of=article)
    assert "Fresh words" not in get("/en/comments/feed/").text
    comment = comments.comment_post(
        article=article, author_name="A Reader", email="r@example.org", text="Fresh words", form_age=30
    )
    comments.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    assert "Fresh words" in get("/en/comments/feed/").text
    assert "Fresh words" in get("/ru/comments/feed/").text
    assert {"/en/comments/feed/", "/ru/comments/feed/"} <= set(purge.purger().purged)
