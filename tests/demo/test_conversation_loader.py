"""The demo's conversation loader on its own, under settings the full demo run does not try."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from serai.comments.models import ArticleVote, Comment
from serai.demo.conversation import FEATURED, DemoConversation
from serai.demo.loader import DemoLoader
from serai.moderation import words
from serai.moderation.models import Decision
from serai.moderation.roles import moderators_group
from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    words.forget()
    yield
    cache.clear()
    words.forget()


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", is_staff=True)
    user.groups.add(moderators_group())
    return user


def featured_on(article) -> DemoConversation:
    return DemoConversation(
        article=article.slug,
        comments=FEATURED.comments,
        votes=FEATURED.votes,
        suspect_terms=FEATURED.suspect_terms,
    )


def test_a_recent_article_gets_the_whole_conversation_squeezed_into_its_life(moderator):
    article = ArticleFactory(published_at=timezone.now() - timezone.timedelta(hours=3))
    loader = DemoLoader()
    loader.load_conversation(featured_on(article), moderator)
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    assert published.count() == 17
    now = timezone.now()
    for comment in Comment.objects.filter(article=article):
        assert article.published_at < comment.created_at < now
        if comment.published_at:
            assert comment.created_at < comment.published_at <= now
    for reply in published.exclude(parent=None):
        assert reply.created_at > reply.parent.published_at
    assert loader.created["comment"] == 19 and loader.created["article vote"] == 11


def test_comments_closed_site_wide_leave_the_article_alone(moderator, settings):
    settings.SERAI_COMMENTS_MODE = "closed"
    article = ArticleFactory()
    loader = DemoLoader()
    loader.load_conversation(featured_on(article), moderator)
    assert not Comment.objects.exists()
    assert not ArticleVote.objects.exists() and not Decision.objects.exists()
    assert not loader.created
    assert loader.skipped == [f"the comments on en/{article.slug} (comments on it are closed)"]


def test_an_article_readers_already_commented_on_is_left_alone(moderator):
    from serai.comments.services import comment_post

    article = ArticleFactory()
    comment_post(article=article, author_name="A reader", email="reader@example.org",
                 text="First!", form_age=60.0)  # fmt: skip
    loader = DemoLoader()
    loader.load_conversation(featured_on(article), moderator)
    assert Comment.objects.count() == 1
    assert loader.skipped == [f"the comments on en/{article.slug} (readers have commented on it already)"]
