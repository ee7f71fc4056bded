"""An article's comments feed: published comments only, names and words only, replies threaded."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments.models import Comment
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory
from tests.syndication.helpers import NS, comments_feed_url, feed, xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(headline="Steppe rail link opens")


def test_only_published_comments_and_never_an_address(client, article):
    shown = CommentFactory(article=article, author_name="Dana", email="dana@example.org", text="Good news.")
    CommentFactory(
        article=article, email="held@example.org", text="Waiting words", status=Comment.Status.PENDING
    )
    CommentFactory(
        article=article, email="gone@example.org", text="Removed words", status=Comment.Status.REMOVED
    )
    CommentFactory(article=article, text="Spam words", status=Comment.Status.SPAM)
    CommentFactory(article=ArticleFactory(), text="Another article's words")
    body = client.get(comments_feed_url(article)).content.decode()
    parsed = feed(client, comments_feed_url(article))
    assert [e.author for e in parsed.entries] == ["Dana"]
    assert "Good news." in parsed.entries[0].summary
    assert parsed.entries[0].link.endswith(f"{article.get_absolute_url()}#comment-{shown.pk}")
    for absent in ("@example.org", "Waiting words", "Removed words", "Spam words", "Another article"):
        assert absent not in body


def test_replies_name_what_they_answer(client, article):
    root = CommentFactory(article=article, text="A question.")
    reply = CommentFactory(parent=root, text="An answer.")
    document = xml(client.get(comments_feed_url(article)).content)
    entries = {e.findtext("atom:id", namespaces=NS): e for e in document.findall("atom:entry", NS)}
    parsed = feed(client, comments_feed_url(article))
    reply_entry = entries[_id_of(parsed, reply)]
    in_reply_to = reply_entry.find("thr:in-reply-to", NS)
    assert in_reply_to is not None
    assert in_reply_to.get("ref") == _id_of(parsed, root)
    assert in_reply_to.get("href").endswith(f"#comment-{root.pk}")
    assert entries[_id_of(parsed, root)].find("thr:in-reply-to", NS) is None


def _id_of(parsed, comment) -> str:
    return next(e.id for e in parsed.entries if e.link.endswith(f"#comment-{comment.pk}"))


def test_no_feed_for_a_draft_or_a_wrong_section(client):
    draft = ArticleFactory(draft=True)
    assert client.get(comments_feed_url(draft)).status_code == 404
    article = ArticleFactory()
    assert client.get(f"/en/not-its-section/{article.slug}/comments/feed/").status_code == 404
    assert client.get(f"/ru/{article.section.slug}/{article.slug}/comments/feed/").status_code == 404


def test_the_article_page_links_its_comments_feed_and_every_page_the_edition_feed(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    title = f"Comments on “{article.headline}”"
    assert f'type="application/atom+xml" title="{title}" href="{comments_feed_url(article)}"' in page
    assert 'type="application/rss+xml" title="Serai" href="/en/feed/"' in page
    assert 'href="/ru/feed/"' in client.get("/ru/").content.decode()


def test_queries_do_not_grow_with_the_comments(client, article):
    root = CommentFactory(article=article)
    CommentFactory(parent=root)
    with CaptureQueriesContext(connection) as few:
        assert len(feed(client, comments_feed_url(article)).entries) == 2
    for _ in range(10):
        CommentFactory(parent=CommentFactory(article=article))
    with CaptureQueriesContext(connection) as many:
        assert len(feed(client, comments_feed_url(article)).entries) == 22
    assert len(many) == len(few)


def test_every_edition_of_a_story_carries_its_one_conversation(client, article):
    """A story's editions share one conversation: each edition's comments feed shows the comments
    written on any of them, each linked to that edition's page."""
    russian = ArticleFactory(
        language="ru", slug="otkryta-doroga", section=article.section, translation_of=article
    )
    on_english = CommentFactory(article=article, author_name="Dana", text="Written in English.")
    on_russian = CommentFactory(article=russian, author_name="Болат", text="Написано по-русски.")
    for edition in (article, russian):
        parsed = feed(client, comments_feed_url(edition))
        assert sorted(e.author for e in parsed.entries) == ["Dana", "Болат"]
        links = {e.link.rsplit("#", 1)[1] for e in parsed.entries}
        assert links == {f"comment-{on_english.pk}", f"comment-{on_russian.pk}"}
        assert all(edition.get_absolute_url() in e.link for e in parsed.entries)
