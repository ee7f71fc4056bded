"""Thread counters follow every status change, and the heading reads "N Comment(s)"."""

import re

import pytest

from serai.comments import services
from serai.comments.models import Comment, Thread
from serai.comments.selectors import published_count
from tests.comments.helpers import CommentFactory, page, post_comment
from tests.factories import ArticleFactory

PUBLISHED, PENDING, REJECTED, REMOVED = (
    Comment.Status.PUBLISHED,
    Comment.Status.PENDING,
    Comment.Status.REJECTED,
    Comment.Status.REMOVED,
)


def heading(body: str) -> str:
    return re.search(r'<h2 id="comments-title"[^>]*>([^<]*)</h2>', body).group(1)


def test_the_count_follows_publish_reject_and_back(article, clause):
    comment = CommentFactory(article=article, status=PENDING)
    assert published_count(article=article) == 0
    services.comment_set_status(comment=comment, status=PUBLISHED)
    assert published_count(article=article) == 1
    services.comment_set_status(comment=comment, status=REJECTED, clause=clause)
    assert published_count(article=article) == 0
    services.comment_set_status(comment=comment, status=PUBLISHED)
    assert published_count(article=article) == 1
    services.comment_set_status(comment=comment, status=PUBLISHED)
    assert published_count(article=article) == 1, "publishing twice counts once"
    services.comment_set_status(comment=comment, status=REMOVED)
    services.comment_set_status(comment=comment, status=REJECTED)
    assert published_count(article=article) == 0, "moving between hidden states changes nothing"


def test_only_published_comments_and_replies_count(article, clause):
    top = CommentFactory(article=article)
    CommentFactory(parent=top)
    CommentFactory(article=article, status=PENDING)
    CommentFactory(article=article, status=REJECTED, clause=clause)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    CommentFactory(article=ArticleFactory())
    assert published_count(article=article) == 2
    assert Comment.objects.get(pk=top.pk).reply_count == 1


def test_a_pre_moderated_post_counts_only_once_approved(client, article):
    post_comment(client, article)
    assert published_count(article=article) == 0
    services.comment_set_status(comment=Comment.objects.get(), status=PUBLISHED)
    assert published_count(article=article) == 1


def test_a_post_moderated_post_counts_at_once(client, article, post_mode):
    post_comment(client, article)
    assert published_count(article=article) == 1


def test_removing_a_reply_lowers_the_parents_reply_count(article):
    top = CommentFactory(article=article)
    reply = CommentFactory(parent=top)
    services.comment_set_status(comment=reply, status=REMOVED)
    assert Comment.objects.get(pk=top.pk).reply_count == 0
    assert published_count(article=article) == 1


@pytest.mark.parametrize(
    "published, expected",
    [
        (0, "0 Comments"),
        (1, "1 Comment"),
        (2, "2 Comments"),
        (21, "21 Comments"),
    ],
)
def test_the_heading_uses_the_english_plural(client, article, published, expected):
    for _ in range(published):
        CommentFactory(article=article)
    CommentFactory(article=article, status=PENDING)
    assert heading(page(client, article)) == expected


def test_the_heading_follows_status_changes(client, article, clause):
    comment = CommentFactory(article=article)
    CommentFactory(article=article)
    assert heading(page(client, article)) == "2 Comments"
    services.comment_set_status(comment=comment, status=REJECTED, clause=clause)
    assert heading(page(client, article)) == "1 Comment"
    services.comment_set_status(comment=comment, status=PUBLISHED)
    assert heading(page(client, article)) == "2 Comments"


def test_an_article_nobody_commented_on_reads_0_comments_and_has_no_thread_yet(client, article):
    assert heading(page(client, article)) == "0 Comments"
    assert "No comments yet. Start the conversation." in page(client, article)
    assert not Thread.objects.exists()
