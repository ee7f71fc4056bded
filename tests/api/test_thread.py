"""A story's conversation through the API: the page's comments, in the page's order, cached as
the page is."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from serai.comments.models import Comment, CommentTranslation
from serai.comments.selectors import thread_page
from serai.comments.services import comment_set_status
from serai.core.pagecache import cached_answer
from serai.newsroom.editions import Edition, OtherLanguages
from tests.api.conftest import article_path
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory
from tests.syndication.helpers import get

pytestmark = pytest.mark.django_db


def _thread(client, article, query: str = "") -> dict:
    response = client.get(article_path(article) + "/comments" + query)
    assert response.status_code == 200, response.content
    return response.json()


def _flatten(body: dict) -> list[int]:
    return [c["id"] for root in body["items"] for c in (root, *root["replies"])]


def test_the_thread_is_the_page_thread_in_the_same_order(client, article, clause):
    now = timezone.now()
    roots = [CommentFactory(article=article, created_at=now - timedelta(minutes=10 - i)) for i in range(4)]
    reply = CommentFactory(parent=roots[1], created_at=now)
    CommentFactory(parent=reply, created_at=now)
    comment_set_status(comment=roots[1], status=Comment.Status.REMOVED, clause=clause)
    comment_set_status(comment=roots[3], status=Comment.Status.REMOVED, clause=clause)  # no replies: gone
    CommentFactory(article=article, status=Comment.Status.PENDING)
    for order in ("newest", "oldest"):
        page = thread_page(article=article, order=order)
        expected = [c.pk for root in page.comments for c in (root, *root.shown_replies)]
        assert _flatten(_thread(client, article, f"?order={order}")) == expected


def test_a_tombstone_shows_neither_name_nor_text(client, article, clause):
    parent = CommentFactory(article=article, author_name="Timur", text="Something rude")
    CommentFactory(parent=parent)
    comment_set_status(comment=parent, status=Comment.Status.REMOVED, clause=clause)
    tombstone = _thread(client, article)["items"][0]
    assert tombstone["status"] == "removed"
    assert tombstone["author_name"] is None and tombstone["text"] is None and tombstone["text_html"] is None
    assert "Timur" not in str(_thread(client, article)) and "rude" not in str(_thread(client, article))


def test_a_comment_has_its_plain_text_and_html(client, article):
    CommentFactory(article=article, text="Line one\nhttps://example.org & more")
    comment = _thread(client, article)["items"][0]
    assert comment["text"] == "Line one\nhttps://example.org & more"
    assert "&amp; more" in comment["text_html"] and "<a " in comment["text_html"]
    assert set(comment) == {
        "id", "parent_id", "status", "author_name", "text", "text_html", "language", "created_at",
        "edited_at", "reply_count", "translation", "replies", "more_replies",
    }  # fmt: skip


def test_keyset_pages_stay_put_when_comments_arrive(client, article, settings):
    settings.SERAI_COMMENTS_PER_PAGE = 2
    now = timezone.now()
    made = [CommentFactory(article=article, created_at=now - timedelta(minutes=i)) for i in range(4)]
    first = _thread(client, article)
    CommentFactory(article=article, created_at=now + timedelta(seconds=1))
    second = _thread(client, article, f"?cursor={first['next_cursor']}")
    assert [c["id"] for c in first["items"]] == [made[0].pk, made[1].pk]
    assert [c["id"] for c in second["items"]] == [made[2].pk, made[3].pk]
    assert second["next_cursor"] is None


def test_the_whole_story_shares_one_conversation(client, article):
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    written_in_russian = CommentFactory(article=russian, language="ru")
    assert _flatten(_thread(client, article)) == [written_in_russian.pk]


def test_translations_shown_are_those_a_person_stands_behind(client, article, settings):
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    human = CommentFactory(article=russian, language="ru")
    machine = CommentFactory(article=russian, language="ru")
    CommentTranslation.objects.create(comment=human, language="en", text="Well said", origin="human")
    CommentTranslation.objects.create(comment=machine, language="en", text="Draft", origin="machine")
    by_id = {c["id"]: c for c in _thread(client, article)["items"]}
    assert by_id[human.pk]["translation"]["text"] == "Well said"
    assert by_id[human.pk]["translation"]["machine"] is False
    assert by_id[machine.pk]["translation"] is None
    settings.SERAI_SHOW_MACHINE_TRANSLATIONS = True
    by_id = {c["id"]: c for c in _thread(client, article, "?order=oldest")["items"]}
    assert by_id[machine.pk]["translation"] == {
        "language": "en", "text": "Draft", "text_html": "<p>Draft</p>", "machine": True
    }  # fmt: skip


def test_the_thread_reads_a_fixed_number_of_queries(client, article, django_assert_max_num_queries):
    for _ in range(20):
        root = CommentFactory(article=article)
        CommentFactory(parent=root)
    # The article, the thread's counters and settings, the count, the published roots, the
    # tombstones, the replies, the texts, the translations: nine, whatever the thread's size.
    with django_assert_max_num_queries(9):
        assert len(_thread(client, article, "?order=oldest")["items"]) == 20


def test_a_bad_cursor_or_order_is_a_problem(client, article):
    assert client.get(article_path(article) + "/comments?cursor=xyz").status_code == 400
    response = client.get(article_path(article) + "/comments?order=best")
    assert response.status_code == 422 and "order" in response.json()["errors"]


def test_a_repeated_read_is_served_from_the_page_cache_with_an_etag(
    article, django_capture_on_commit_callbacks, keep_connection
):
    """Through the production WSGI app: the second read is the cache's, a 304 for its ETag, and
    a new comment anywhere in the story makes a new answer."""
    CommentFactory(article=article)
    path = article_path(article) + "/comments"
    first = get(path)
    assert first.code == 200 and first.headers["Content-Type"].startswith("application/json")
    etag = first.headers["ETag"]
    again = get(path)
    assert again.body == first.body and again.headers["ETag"] == etag
    environ = RequestFactory().get(path, HTTP_IF_NONE_MATCH=etag).environ
    status, _headers, body = cached_answer(environ)
    assert status.startswith("304") and body == b""
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(article=article)
    changed = get(path)
    assert changed.headers["ETag"] != etag and len(json.loads(changed.body)["items"]) == 2


def test_an_edition_showing_only_translated_conversations_leaves_the_others_out(client, article):
    """As its page does (serai.comments.translated), with the count to match."""
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    untranslated = CommentFactory(article=russian, language="ru")
    translated_root = CommentFactory(article=russian, language="ru")
    CommentTranslation.objects.create(comment=translated_root, language="en", text="Yes", origin="human")
    own = CommentFactory(article=article, language="en")
    Edition.objects.create(language="en", other_language_comments=OtherLanguages.TRANSLATED)
    body = _thread(client, article)
    assert sorted(_flatten(body)) == sorted([translated_root.pk, own.pk])
    assert body["count"] == 2 and untranslated.pk not in _flatten(body)
