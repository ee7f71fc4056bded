"""What posting a comment asks of the database: the counting rules' questions in one statement and
the writes; not the article nor the thread's settings (each process keeps them, as the article page
does), no ban lookup (bans are kept in memory) and no second load of the article to refresh its page.

Transactional, so the comment commits and what runs after the commit runs, as in production.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments import invalidation
from serai.comments.models import Comment, Thread
from serai.comments.selectors import published_count
from serai.core import generations, purge
from serai.core.pagecache import story_key
from serai.moderation.models import Ban
from tests.comments.helpers import SAME_ORIGIN, comment_data, post_comment, post_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Before the text hash, the ban copy and the article handed to the refresh, posting asked 11:
# article, thread, ban, the duplicate rule's texts and its flood count, BEGIN, INSERT, two UPDATEs,
# COMMIT, and the article again after the commit. Then 8: the article with its thread joined, the
# duplicate rule's two questions, BEGIN, INSERT, two UPDATEs, COMMIT. Now 7: the thread alone (the
# article is kept per process), the duplicate rule's questions asked together in one statement.
# Now 6, through the ORM: the thread, BEGIN, the counting rules' counts (one aggregate), the INSERT
# (a top-level comment no longer names itself as its root: no UPDATE after it), the counters, COMMIT.
# Then 5: the thread's settings are kept per process while nobody changes them. Now 4: the
# number of published comments is counted when the thread's block is made, not kept on the
# thread's row (whose UPDATE cost about a sixth of a comment). Still 4 with one conversation per
# story: the comment's story is its article's original, known from the kept article, and the
# editions' pages refreshed after the commit are kept per process. PostgreSQL adds one: the lock
# that makes one commenter's comments wait for each other before the rate limit and the duplicate
# rule count them (SQLite's write transaction already does).
POSTING_QUERIES = 4


def posting_queries() -> int:
    return POSTING_QUERIES + (connection.vendor == "postgresql")


@pytest.fixture
def article(post_mode):
    article = ArticleFactory(headline="Steppe rail link opens")
    Thread.objects.get_or_create(article=article)
    Ban.objects.create(ip_hash="f" * 64)  # a ban in force: still no query for it
    return article


def _sql(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries]


def test_posting_a_comment_asks_the_database_four_times_five_on_postgresql(client, article):
    assert post_comment(client, article).status_code == 303  # bans and word lists loaded once
    before = generations.store().value(story_key(article.language, article.slug))
    purged_before = len(purge.purger().purged)
    with CaptureQueriesContext(connection) as queries:
        response = post_comment(client, article)
    assert response.status_code == 303
    sql = _sql(queries)
    assert len(sql) == posting_queries(), "\n".join(sql)
    assert not any('FROM "newsroom_article"' in s for s in sql)  # kept since the first comment
    assert not any('FROM "comments_thread"' in s for s in sql)
    assert not any("moderation_ban" in s for s in sql)
    # The page was still refreshed: its generation moved and its address was purged.
    assert generations.store().value(story_key(article.language, article.slug)) == before + 1
    assert article.get_absolute_url() in purge.purger().purged[purged_before:]
    assert Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED).count() == 2


def test_the_first_comment_on_an_article_creates_its_thread(client, post_mode):
    article = ArticleFactory()
    assert not Thread.objects.filter(article=article).exists()
    response = client.post(post_url(article), comment_data(article), headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert published_count(article=article) == 1


def test_a_duplicate_is_still_held_when_posted(client, article):
    text = "The same words, posted twice by one reader."
    assert post_comment(client, article, text=text).status_code == 303
    again = "  the SAME words,\nposted twice by one reader."
    assert post_comment(client, article, text=again).status_code == 303
    second = Comment.objects.order_by("-pk").first()
    assert (second.status, second.moderation_rule) == (Comment.Status.PENDING, "duplicate")


def test_thread_changed_with_the_article_at_hand_loads_nothing(article, django_assert_num_queries):
    key = story_key(article.language, article.slug)
    before = generations.store().value(key)
    # The pages of the story's editions (they share its conversation) and the lists that count its
    # comments are read once per process while the site is unchanged: the editions (one query),
    # the lists (the editions with their authors and topics: three) the first time, none after.
    with django_assert_num_queries(4):
        invalidation.thread_changed(sender=Comment, article_id=article.pk, article=article)
    with django_assert_num_queries(0):
        invalidation.thread_changed(sender=Comment, article_id=article.pk, article=article)
    with django_assert_num_queries(1):  # senders with only the id: the article is loaded
        invalidation.thread_changed(sender=Comment, article_id=article.pk)
    assert generations.store().value(key) == before + 3
    authors = [author.get_absolute_url() for author in article.authors.all()]
    lists = ["/en/", article.section.get_absolute_url(), *authors]
    assert purge.purger().purged[-3 * (1 + len(lists)) :] == [article.get_absolute_url(), *lists] * 3
