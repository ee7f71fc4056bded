"""Most read: article reads counted in memory (Django's path and the page cache's hit path alike,
nothing about the reader kept), written in the background as daily counts, ranked per edition."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.core import readings
from serai.newsroom.models import ArticleReads
from serai.newsroom.readership import record_reads
from serai.newsroom.selectors import most_read_since
from tests.factories import ArticleFactory
from tests.syndication.helpers import get

pytestmark = pytest.mark.django_db


def reads_of(article) -> int:
    return sum(ArticleReads.objects.filter(article=article).values_list("count", flat=True))


def test_reads_are_counted_in_memory_then_added_to_the_days_row(client):
    article = ArticleFactory()
    for _ in range(3):
        response = client.get(article.get_absolute_url())
        assert not response.cookies  # counting sets no cookie
    client.head(article.get_absolute_url())  # not a read
    client.get(article.get_absolute_url() + "?preview=1")  # anonymous: the public page, a read
    assert reads_of(article) == 0  # nothing written on the reader's request
    readings.flush()
    assert reads_of(article) == 4
    client.get(article.get_absolute_url())
    readings.flush()
    (row,) = ArticleReads.objects.filter(article=article)
    assert row.count == 5 and row.day == timezone.now().date()


def test_staff_previews_and_lists_are_not_counted(editor_client):
    article = ArticleFactory()
    editor_client.get(article.get_absolute_url() + "?preview=1")
    editor_client.get("/en/")
    assert readings.take() == {}


@pytest.mark.django_db(transaction=True)
def test_a_cached_read_is_counted_without_the_database(settings):
    settings.SERAI_PAGE_CACHE = True
    article = ArticleFactory()
    assert get(article.get_absolute_url()).code == 200
    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):
            assert get(article.get_absolute_url()).code == 200
    assert len(queries) == 0
    assert readings.take() == {article.pk: 5}


def test_counts_of_deleted_articles_are_dropped_and_rows_accumulate():
    kept, gone = ArticleFactory(), ArticleFactory()
    gone_id = gone.pk
    gone.delete()
    record_reads({kept.pk: 2, gone_id: 7})
    record_reads({kept.pk: 3})
    assert reads_of(kept) == 5
    assert not ArticleReads.objects.filter(article_id=gone_id).exists()


def test_a_failing_store_loses_only_that_flush(caplog):
    calls = []

    def broken(counts):
        calls.append(counts)
        raise RuntimeError("disk full")

    readings.register_flush(broken)
    try:
        readings.count(41)
        readings.flush()
        assert calls == [{41: 1}]
        assert "Could not store" in caplog.text
        assert readings.take() == {}
    finally:
        readings._flushers.remove(broken)


def test_most_read_of_the_week_in_one_query(django_assert_num_queries):
    today = timezone.now().date()
    popular, steady, quiet = ArticleFactory(), ArticleFactory(), ArticleFactory()
    old_hit = ArticleFactory()
    russian = ArticleFactory(language="ru")
    record_reads({popular.pk: 50, steady.pk: 20, quiet.pk: 1, russian.pk: 99})
    record_reads({steady.pk: 40}, day=today - timezone.timedelta(days=6))
    record_reads({old_hit.pk: 500}, day=today - timezone.timedelta(days=7))
    with django_assert_num_queries(1):
        found = most_read_since(language="en")
        assert [a.section.slug for a in found]
    assert found == [steady, popular, quiet]
    assert [a.recent_reads for a in found] == [60, 50, 1]
    assert most_read_since(language="ru") == [russian]


def test_home_shows_most_read(client):
    first, second = ArticleFactory(headline="Read by many"), ArticleFactory(headline="Read by some")
    record_reads({first.pk: 9, second.pk: 4})
    html = client.get("/en/").content.decode()
    block = html.index('aria-labelledby="most-read"')
    assert block < html.index("Read by many", block) < html.index("Read by some", block)


@pytest.mark.django_db(transaction=True)
def test_the_front_page_follows_the_reads_at_most_every_refresh_interval(settings):
    settings.SERAI_PAGE_CACHE = True
    settings.SERAI_MOST_READ_REFRESH_SECONDS = 0
    article = ArticleFactory(headline="Suddenly popular")
    assert 'aria-labelledby="most-read"' not in get("/en/").text
    get(article.get_absolute_url())
    readings.flush()
    assert 'aria-labelledby="most-read"' in get("/en/").text
    settings.SERAI_MOST_READ_REFRESH_SECONDS = 3600
    kept = get("/en/")
    readings.count(article.pk)
    readings.flush()  # within the interval: the front page is kept
    assert get("/en/").headers["ETag"] == kept.headers["ETag"]


def test_the_background_thread_flushes_and_ends_when_turned_off(settings):
    flushed = threading.Event()
    readings.register_flush(lambda counts: flushed.set())
    settings.SERAI_READS_FLUSH_SECONDS = 0.01
    readings.reset()
    readings._started.clear()
    try:
        readings.count(7)
        assert flushed.wait(10)
    finally:
        settings.SERAI_READS_FLUSH_SECONDS = 0
        readings._flushers.pop()
    (thread,) = readings._started or [None]
    if thread is not None:
        thread.join(10)
    assert not readings._started
