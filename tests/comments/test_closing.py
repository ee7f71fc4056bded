"""Closing and moderation mode: decided by the article, else its section, else the site."""

from datetime import timedelta

import pytest
from django.utils import timezone

from serai.comments import services
from serai.comments.models import Comment, Mode, SectionConversation, Thread
from tests.comments.helpers import CommentFactory, comment_block, page, post_comment, reply_url
from tests.factories import ArticleFactory

CLOSED = "Comments on this article are closed."


def close_by(how, article, settings):
    if how == "site":
        settings.SERAI_COMMENTS_MODE = "closed"
    elif how == "article":
        Thread.objects.update_or_create(article=article, defaults={"mode": Mode.CLOSED})
    elif how == "section":
        SectionConversation.objects.create(section=article.section, mode=Mode.CLOSED)
    elif how == "article-days":
        Thread.objects.update_or_create(article=article, defaults={"close_after_days": 7})
    elif how == "section-days":
        SectionConversation.objects.create(section=article.section, close_after_days=7)
    elif how == "site-days":
        settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = 7


HOW = ["site", "article", "section", "article-days", "section-days", "site-days"]


@pytest.fixture
def old_article(db):
    """Published ten days ago."""
    return ArticleFactory(published_at=timezone.now() - timedelta(days=10))


class TestClosed:
    @pytest.mark.parametrize("how", HOW)
    def test_the_page_says_comments_are_closed_and_shows_no_form(self, client, old_article, settings, how):
        CommentFactory(article=old_article, text="Said before it closed.")
        close_by(how, old_article, settings)
        body = page(client, old_article)
        assert CLOSED in body
        assert 'id="comment-form"' not in body
        assert 'name="text"' not in body
        assert "reply-link" not in body
        # What was said before stays.
        assert "Said before it closed." in body

    @pytest.mark.parametrize("how", HOW)
    def test_posting_is_refused_with_a_clear_message(self, client, old_article, settings, how):
        close_by(how, old_article, settings)
        response = post_comment(client, old_article, text="Too late to the party.")
        assert response.status_code == 400
        assert CLOSED in response.content.decode()
        assert not Comment.objects.exists()

    def test_the_json_variant_says_so_too(self, client, old_article, settings):
        close_by("site", old_article, settings)
        response = post_comment(
            client,
            old_article,
            headers={"Origin": "http://testserver", "Accept": "application/json"},
        )
        assert response.status_code == 400
        assert response.json()["errors"]["__all__"][0]["message"] == CLOSED

    def test_replies_are_refused_and_the_reply_page_is_gone(self, client, old_article, settings):
        top = CommentFactory(article=old_article)
        close_by("article", old_article, settings)
        assert client.get(reply_url(old_article, top)).status_code == 404
        response = post_comment(client, old_article, parent=top)
        assert response.status_code == 400
        assert Comment.objects.filter(parent=top).count() == 0

    def test_the_service_refuses_too(self, old_article, settings):
        close_by("section", old_article, settings)
        with pytest.raises(services.CommentsClosed):
            services.comment_post(
                article=old_article,
                author_name="A",
                email="a@example.org",
                text="Straight to the service.",
            )

    def test_an_archived_article_is_closed(self, client, db):
        archived = ArticleFactory(archived=True)
        assert CLOSED in page(client, archived)
        assert post_comment(client, archived).status_code == 400

    @pytest.mark.parametrize("days, closed", [(9, True), (11, False)])
    def test_close_after_days_counts_from_publication(self, client, old_article, days, closed):
        Thread.objects.create(article=old_article, close_after_days=days)
        assert (CLOSED in page(client, old_article)) is closed


class TestModes:
    def test_pre_moderation_holds_a_comment(self, client, article):
        post_comment(client, article)
        assert Comment.objects.get().status == Comment.Status.PENDING

    def test_post_moderation_publishes_at_once(self, client, article, post_mode):
        response = post_comment(client, article, text="Out there straight away.")
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PUBLISHED
        assert comment.published_at is not None
        assert response["Location"] == article.get_absolute_url() + f"#comment-{comment.pk}"
        from django.test import Client

        assert "Out there straight away." in comment_block(page(Client(), article), comment.pk)

    @pytest.mark.parametrize(
        "site, section, thread, expected",
        [
            # The article's own setting wins over its section's and the site's...
            ("pre", "closed", "post", "post"),
            ("closed", "pre", "post", "post"),
            ("post", "post", "closed", "closed"),
            ("post", "post", "pre", "pre"),
            # ...the section's over the site's...
            ("post", "pre", "inherit", "pre"),
            ("pre", "post", "inherit", "post"),
            ("post", "closed", "inherit", "closed"),
            ("closed", "post", "inherit", "post"),
            # ...and the site decides when neither says.
            ("post", "inherit", "inherit", "post"),
            ("pre", "inherit", "inherit", "pre"),
            ("closed", "inherit", "inherit", "closed"),
            ("post", None, None, "post"),
        ],
    )
    def test_article_overrides_section_overrides_site(
        self, article, settings, site, section, thread, expected
    ):
        settings.SERAI_COMMENTS_MODE = site
        if section is not None:
            SectionConversation.objects.create(section=article.section, mode=section)
        if thread is not None:
            Thread.objects.create(article=article, mode=thread)
        article.refresh_from_db()
        assert services.thread_mode(article=article) == expected

    @pytest.mark.parametrize(
        "site, section, thread, closed",
        [
            (7, None, 30, False),  # the article keeps its conversation open longer
            (30, 7, None, True),  # the section closes sooner than the site
            (7, 30, None, False),  # the section keeps it open longer than the site
            (None, 30, 7, True),  # the article closes sooner than its section
            (7, None, 0, False),  # 0 on the article: never closes
            (None, None, None, False),
        ],
    )
    def test_close_after_days_article_over_section_over_site(
        self, old_article, settings, site, section, thread, closed
    ):
        settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = site
        if section is not None:
            SectionConversation.objects.create(section=old_article.section, close_after_days=section)
        if thread is not None:
            Thread.objects.create(article=old_article, close_after_days=thread)
        old_article.refresh_from_db()
        assert (services.thread_mode(article=old_article) == Mode.CLOSED) is closed

    def test_an_article_set_to_post_moderation_publishes_in_a_pre_moderated_section(self, client, article):
        SectionConversation.objects.create(section=article.section, mode=Mode.PRE)
        Thread.objects.create(article=article, mode=Mode.POST)
        post_comment(client, article)
        assert Comment.objects.get().status == Comment.Status.PUBLISHED

    def test_a_section_set_to_pre_moderation_holds_on_a_post_moderated_site(self, client, article, post_mode):
        SectionConversation.objects.create(section=article.section, mode=Mode.PRE)
        post_comment(client, article)
        assert Comment.objects.get().status == Comment.Status.PENDING
