"""Posting, replying and voting take the article and its thread's settings from the copies each
process keeps (as the article page does): every change to the article, its section or their
conversation settings is seen by the next comment.

Transactional: the "site" generation moves after each editor's commit, as in production.
"""

import pytest

from serai.comments.models import Comment, Mode, SectionConversation, Thread
from serai.comments.selectors import published_count
from serai.core import fragments
from serai.newsroom import services as newsroom
from serai.newsroom.models import Article
from serai.newsroom.selectors import article_for_conversation
from tests.comments.helpers import SAME_ORIGIN, post_comment, vote_data, vote_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(post_mode):
    return ArticleFactory(headline="Steppe rail link opens")


def _last() -> Comment:
    return Comment.objects.order_by("-pk").first()


def test_the_kept_article_is_shared_but_each_request_gets_its_own_copy(client, article):
    assert post_comment(client, article).status_code == 303
    kept = fragments.fragments().get(f"article-id:{article.pk}", ["site"], lambda: None)
    assert kept is not None and kept.pk == article.pk
    one, two = article_for_conversation(article.pk), article_for_conversation(article.pk)
    assert one is not two and one.section is kept.section
    assert post_comment(client, article).status_code == 303
    assert published_count(article=article) == 2


def test_an_article_taken_down_after_a_comment_takes_no_more(client, article):
    assert post_comment(client, article).status_code == 303
    newsroom.article_unpublish(article=Article.objects.get(pk=article.pk))
    assert post_comment(client, article).status_code == 404
    assert client.post(vote_url(article), vote_data(article, "yes"), headers=SAME_ORIGIN).status_code == 404
    assert Comment.objects.filter(article=article).count() == 1


def test_the_sections_settings_changed_after_a_comment_apply_to_the_next(client, article):
    assert post_comment(client, article).status_code == 303
    assert _last().status == Comment.Status.PUBLISHED
    SectionConversation.objects.create(section=article.section, mode=Mode.PRE)
    assert post_comment(client, article).status_code == 303
    assert _last().status == Comment.Status.PENDING


def test_the_threads_settings_saved_after_a_comment_apply_to_the_next(client, article):
    assert post_comment(client, article).status_code == 303
    assert post_comment(client, article).status_code == 303  # the settings are kept by now
    thread = Thread.objects.get(article=article)
    thread.mode = Mode.CLOSED
    thread.save()  # as the back office saves them
    response = post_comment(client, article)
    assert response.status_code == 400
    assert "Comments on this article are closed." in response.content.decode()
    thread.mode = Mode.PRE
    thread.save()
    assert post_comment(client, article).status_code == 303
    assert _last().status == Comment.Status.PENDING


def test_the_threads_settings_are_kept_between_comments(client, article):
    """Nothing but a save moves them: a queryset update (which no part of Serai makes) is not seen
    until the thread's row is saved or the site changes."""
    assert post_comment(client, article).status_code == 303
    assert post_comment(client, article).status_code == 303
    Thread.objects.filter(article=article).update(mode=Mode.PRE)
    assert post_comment(client, article).status_code == 303
    assert _last().status == Comment.Status.PUBLISHED
    Thread.objects.get(article=article).save()
    assert post_comment(client, article).status_code == 303
    assert _last().status == Comment.Status.PENDING


def test_an_article_nobody_wrote_under_gets_its_thread_with_the_first_comment(client, article):
    assert not Thread.objects.filter(article=article).exists()
    assert client.post(vote_url(article), vote_data(article, "no"), headers=SAME_ORIGIN).status_code == 303
    assert post_comment(client, article).status_code == 303
    thread = Thread.objects.get(article=article)
    assert (published_count(article=article), thread.votes_no) == (1, 1)
