"""Reply trees: stored to any depth, shown indented up to three levels, in reading order."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from serai.comments import services
from serai.comments.models import Comment
from tests.comments.helpers import (
    CommentFactory,
    comment_block,
    comment_ids_in_order,
    indent_of,
    page,
    post_comment,
    reply_url,
)
from tests.factories import ArticleFactory


def _chain(article, depth: int, post=True) -> list[Comment]:
    """A top-level comment and `depth` replies, each answering the one before, via the service."""
    chain = []
    parent = None
    for level in range(depth + 1):
        comment = services.comment_post(
            article=article,
            parent=parent,
            author_name=f"Level {level}",
            email=f"level{level}@example.org",
            text=f"Said at level {level}, for the record.",
            ip_address=f"192.0.2.{level + 1}",
        )
        if comment.status != Comment.Status.PUBLISHED:
            comment = services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
        chain.append(comment)
        parent = comment
    return chain


class TestStorage:
    def test_replies_to_any_depth_keep_root_and_depth(self, article, post_mode):
        """Eight levels deep: every reply knows its top-level comment and how deep it is."""
        chain = _chain(article, 8)
        root = chain[0]
        for depth, comment in enumerate(chain):
            comment.refresh_from_db()
            assert comment.depth == depth
            assert comment.root_id == (root.pk if depth else None)
            assert comment.parent_id == (chain[depth - 1].pk if depth else None)

    def test_a_top_level_comment_has_no_root_and_is_stored_in_one_insert(self, article):
        """Its replies name it as their root; it names none (so storing it needs no second write)."""
        comment = services.comment_post(
            article=article,
            author_name="A",
            email="a@example.org",
            text="A first comment on the rail link.",
        )
        comment.refresh_from_db()
        assert comment.root_id is None and comment.depth == 0 and comment.parent_id is None

    def test_each_published_reply_counts_on_its_parent(self, article, post_mode):
        chain = _chain(article, 3)
        assert [Comment.objects.get(pk=c.pk).reply_count for c in chain] == [1, 1, 1, 0]

    def test_a_reply_to_a_pending_comment_is_refused(self, article):
        pending = CommentFactory(article=article, status=Comment.Status.PENDING)
        with pytest.raises(services.ValidationError):
            services.comment_post(
                article=article,
                parent=pending,
                author_name="B",
                email="b@example.org",
                text="Replying too early to this.",
            )

    def test_a_reply_to_a_comment_on_another_article_is_refused(self, article):
        elsewhere = CommentFactory(article=ArticleFactory())
        with pytest.raises(services.ValidationError):
            services.comment_post(
                article=article,
                parent=elsewhere,
                author_name="B",
                email="b@example.org",
                text="Replying across articles here.",
            )


class TestPage:
    def test_indent_stops_at_three_levels_and_deeper_replies_say_whom_they_answer(
        self, client, article, post_mode
    ):
        chain = _chain(article, 6)
        body = page(client, article)
        assert [indent_of(body, c.pk) for c in chain] == [0, 1, 2, 3, 3, 3, 3]
        for depth, comment in enumerate(chain):
            block = comment_block(body, comment.pk)
            if depth > 3:
                assert f'<span class="in-reply-to">in reply to Level {depth - 1}</span>' in block
            else:
                assert "in reply to" not in block
        # The list items carry the same indent for the style sheet.
        assert re.findall(r'<li class="reply" data-indent="(\d)">', body) == [
            "1",
            "2",
            "3",
            "3",
            "3",
            "3",
        ]

    def test_the_indent_limit_is_a_setting(self, client, article, post_mode, settings):
        chain = _chain(article, 3)
        settings.SERAI_REPLY_INDENT_LEVELS = 1
        body = page(client, article)
        assert [indent_of(body, c.pk) for c in chain] == [0, 1, 1, 1]
        assert "in reply to Level 1" in comment_block(body, chain[2].pk)

    def test_each_reply_comes_after_its_parent_and_siblings_keep_their_time_order(self, client, article):
        """A, then A1 and everything under A1, then A2; B's replies stay under B."""
        start = timezone.now() - timedelta(hours=2)

        def at(minutes, **kwargs):
            return CommentFactory(article=article, created_at=start + timedelta(minutes=minutes), **kwargs)

        a = at(0)
        b = at(1)
        a1 = at(2, parent=a)
        b1 = at(3, parent=b)
        a2 = at(4, parent=a)
        a1x = at(5, parent=a1)
        a1y = at(6, parent=a1)
        a1xi = at(7, parent=a1x)
        a2x = at(8, parent=a2)
        body = page(client, article, "?order=oldest")
        assert comment_ids_in_order(body) == [c.pk for c in (a, a1, a1x, a1xi, a1y, a2, a2x, b, b1)]
        body = page(client, article, "?order=newest")
        assert comment_ids_in_order(body) == [c.pk for c in (b, b1, a, a1, a1x, a1xi, a1y, a2, a2x)]

    def test_pending_replies_are_not_shown_to_others(self, client, article):
        a = CommentFactory(article=article)
        hidden = CommentFactory(parent=a, status=Comment.Status.PENDING, text="Not yet approved text.")
        body = page(client, article)
        assert f'id="comment-{hidden.pk}"' not in body
        assert "Not yet approved text." not in body


class TestReplyWithoutJavaScript:
    def test_reply_is_a_link_to_the_reply_page(self, client, article):
        comment = CommentFactory(article=article, author_name="Dana")
        block = comment_block(page(client, article), comment.pk)
        assert f'<a class="reply-link" href="/en/comments/{article.pk}/reply/{comment.pk}/"' in block

    def test_the_reply_page_shows_the_comment_and_a_form_with_the_parent_set(self, client, article):
        comment = CommentFactory(article=article, author_name="Dana", text="Trains at last!")
        response = client.get(reply_url(article, comment))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Trains at last!" in body
        assert "Replying to Dana" in body
        assert f'<input type="hidden" name="parent" value="{comment.pk}"' in body
        assert f'action="/en/comments/{article.pk}/post/"' in body
        assert 'name="token"' in body
        assert "Post reply" in body

    def test_posting_the_reply_form_creates_a_reply(self, client, article, post_mode):
        top = CommentFactory(article=article, author_name="Dana")
        middle = CommentFactory(parent=top)
        response = post_comment(client, article, parent=middle, text="I agree with both of you.")
        assert response.status_code == 303
        reply = Comment.objects.get(text="I agree with both of you.")
        assert (reply.parent_id, reply.root_id, reply.depth) == (middle.pk, top.pk, 2)
        assert response["Location"] == article.get_absolute_url() + f"#comment-{reply.pk}"
        body = page(client, article)
        ids = comment_ids_in_order(body)
        assert ids.index(top.pk) < ids.index(middle.pk) < ids.index(reply.pk)

    def test_the_reply_page_does_not_offer_to_edit_someone_elses_comment(self, client, article):
        comment = CommentFactory(article=article)
        body = client.get(reply_url(article, comment)).content.decode()
        assert f"/en/comments/edit/{comment.pk}/" not in body
        assert f"/en/comments/delete/{comment.pk}/" not in body

    def test_there_is_no_reply_page_for_a_comment_not_published(self, client, article):
        pending = CommentFactory(article=article, status=Comment.Status.PENDING)
        assert client.get(reply_url(article, pending)).status_code == 404

    def test_there_is_no_reply_page_for_a_comment_of_another_article(self, client, article):
        elsewhere = CommentFactory(article=ArticleFactory())
        assert client.get(reply_url(article, elsewhere)).status_code == 404

    @pytest.mark.parametrize("parent", ["pending", "other-article", "missing"])
    def test_posting_a_reply_to_an_unavailable_comment_is_refused(self, client, article, parent):
        target = {
            "pending": lambda: CommentFactory(article=article, status=Comment.Status.PENDING).pk,
            "other-article": lambda: CommentFactory(article=ArticleFactory()).pk,
            "missing": lambda: 999_999,
        }[parent]()
        response = post_comment(client, article, parent=target)
        assert response.status_code == 400
        assert "not available any more" in response.content.decode()
        assert not Comment.objects.filter(parent_id=target).exists()

    @pytest.mark.parametrize(
        "value",
        ["abc", "1.5", "1e3", "-3", "0", "99999999999999999999999"],
    )
    def test_a_tampered_parent_field_is_refused_without_an_error_page(self, client, article, value):
        response = post_comment(client, article, parent=value)
        assert response.status_code == 400
        assert not Comment.objects.exists()
