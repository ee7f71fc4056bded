"""A reader's own comments: shown to them while pending, editable and deletable for 15 minutes."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from serai.comments import readers, services
from serai.comments.models import Comment
from serai.comments.selectors import published_count
from tests.comments.helpers import (
    SAME_ORIGIN,
    CommentFactory,
    comment_block,
    page,
    post_comment,
)

AWAITING = "Your comment is awaiting moderation. Only you can see it."


def edit_url(comment) -> str:
    return f"/en/comments/edit/{comment.pk}/"


def delete_url(comment) -> str:
    return f"/en/comments/delete/{comment.pk}/"


def age(comment, minutes: int) -> None:
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))


@pytest.fixture
def mine(client, article):
    """A comment this test client posted (pre-moderated: pending)."""
    response = post_comment(client, article, text="My own words on the rail link.")
    assert response.status_code == 303
    return Comment.objects.get(text="My own words on the rail link.")


class TestPending:
    def test_posting_redirects_to_the_article_and_sets_a_signed_cookie(self, client, article):
        response = post_comment(client, article, text="Waiting for a moderator.")
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING
        assert response.status_code == 303
        assert response["Location"] == article.get_absolute_url() + "#your-comments"
        cookie = response.cookies[readers.OWN_COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert str(comment.pk) in cookie.value and cookie.value != str(comment.pk)

    def test_the_poster_sees_their_pending_comment(self, client, article, mine):
        body = page(client, article)
        block = comment_block(body, mine.pk)
        assert AWAITING in block
        assert "My own words on the rail link." in block
        assert 'id="your-comments"' in body
        assert f'href="{"/en/comments/edit/"}{mine.pk}/"' in block

    def test_nobody_else_sees_it(self, article, mine):
        body = page(Client(), article)
        assert "My own words on the rail link." not in body
        assert AWAITING not in body
        assert "0 Comments" in body

    @pytest.mark.parametrize("forge", ["unsigned", "wrong-salt", "wrong-key", "garbage"])
    def test_a_forged_cookie_is_ignored(self, settings, article, mine, forge):
        if forge == "unsigned":
            value = f"{mine.article_id}:{mine.pk}"
        elif forge == "wrong-salt":
            value = signing.get_cookie_signer(salt=readers.OWN_COOKIE + "other").sign(
                f"{mine.article_id}:{mine.pk}"
            )
        elif forge == "wrong-key":
            real_key = settings.SECRET_KEY
            settings.SECRET_KEY = "somebody-elses-secret-key-" * 3
            value = signing.get_cookie_signer(salt=readers.OWN_COOKIE + readers.OWN_SALT).sign(
                f"{mine.article_id}:{mine.pk}"
            )
            settings.SECRET_KEY = real_key
        else:
            value = f"{mine.pk}:::,,,\x00"
        stranger = Client()
        stranger.cookies[readers.OWN_COOKIE] = value
        body = page(stranger, article)
        assert "My own words on the rail link." not in body
        assert stranger.get(edit_url(mine)).status_code == 403

    def test_a_genuine_cookie_copied_to_another_browser_works_there_too(self, client, article, mine):
        """The cookie is the reader's key; this documents it is not bound to anything else."""
        other = Client()
        other.cookies[readers.OWN_COOKIE] = client.cookies[readers.OWN_COOKIE].value
        assert AWAITING in page(other, article)

    def test_a_reply_awaiting_moderation_says_whom_it_answers(self, client, article):
        top = CommentFactory(article=article, author_name="Dana")
        post_comment(client, article, parent=top, text="A reply still waiting.")
        body = page(client, article)
        own = body.split('id="your-comments"')[1].split('<form method="post"')[0]
        assert "A reply still waiting." in own and "in reply to Dana" in own

    def test_once_published_it_appears_in_the_thread_for_everyone(self, client, article, mine):
        services.comment_set_status(comment=mine, status=Comment.Status.PUBLISHED)
        assert AWAITING not in page(client, article)
        assert "My own words on the rail link." in page(Client(), article)


class TestEdit:
    def test_the_edit_form_shows_the_text_and_the_counter(self, client, mine):
        response = client.get(edit_url(mine))
        assert response.status_code == 200
        body = response.content.decode()
        assert "My own words on the rail link.</textarea>" in body
        assert f"{1500 - len('My own words on the rail link.')} / 1500" in body

    def test_editing_a_pending_comment_keeps_it_pending(self, client, article, mine):
        response = client.post(edit_url(mine), {"text": "Corrected: my own words."}, headers=SAME_ORIGIN)
        assert response.status_code == 303
        assert response["Location"] == article.get_absolute_url() + f"#comment-{mine.pk}"
        mine.refresh_from_db()
        assert mine.text == "Corrected: my own words."
        assert mine.text_html == "<p>Corrected: my own words.</p>"
        assert mine.edited_at is not None
        assert mine.status == Comment.Status.PENDING

    def test_editing_a_published_comment_sends_it_back_to_moderation(self, client, article, mine):
        services.comment_set_status(comment=mine, status=Comment.Status.PUBLISHED)
        assert published_count(article=article) == 1
        client.post(edit_url(mine), {"text": "Now with something else in it."}, headers=SAME_ORIGIN)
        mine.refresh_from_db()
        assert mine.status == Comment.Status.PENDING
        assert published_count(article=article) == 0
        assert "Now with something else in it." not in page(Client(), article)
        assert "Now with something else in it." in page(client, article)

    def test_in_a_post_moderated_thread_the_edit_shows_at_once_marked_edited(
        self, client, article, post_mode
    ):
        post_comment(client, article, text="First version of my comment.")
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PUBLISHED
        client.post(edit_url(comment), {"text": "Second version of my comment."}, headers=SAME_ORIGIN)
        block = comment_block(page(Client(), article), comment.pk)
        assert "Second version of my comment." in block
        assert '<span class="edited">edited</span>' in block

    def test_an_edit_over_the_limit_is_refused_with_the_text_kept(self, client, mine):
        text = "🇰🇿" * 1501
        response = client.post(edit_url(mine), {"text": text}, headers=SAME_ORIGIN)
        assert response.status_code == 400
        assert text in response.content.decode()
        mine.refresh_from_db()
        assert mine.text == "My own words on the rail link."

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_after_15_minutes_editing_is_refused(self, client, mine, method):
        age(mine, 16)
        response = getattr(client, method)(edit_url(mine), {"text": "Too late."}, headers=SAME_ORIGIN)
        assert response.status_code == 403
        assert "only in the first 15 minutes" in response.content.decode()
        mine.refresh_from_db()
        assert mine.text == "My own words on the rail link."

    def test_at_14_minutes_editing_still_works(self, client, mine):
        age(mine, 14)
        client.post(edit_url(mine), {"text": "Just in time."}, headers=SAME_ORIGIN)
        mine.refresh_from_db()
        assert mine.text == "Just in time."

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_someone_elses_comment_cannot_be_edited(self, client, article, method):
        theirs = CommentFactory(article=article, text="Not yours to change.")
        response = getattr(client, method)(edit_url(theirs), {"text": "Hijacked."}, headers=SAME_ORIGIN)
        assert response.status_code == 403
        theirs.refresh_from_db()
        assert theirs.text == "Not yours to change."

    def test_the_service_refuses_late_edits_too(self, mine):
        age(mine, 20)
        mine.refresh_from_db()
        with pytest.raises(services.PermissionDenied):
            services.comment_edit(comment=mine, text="Too late.")

    def test_the_author_of_a_published_comment_is_offered_edit_within_15_minutes(
        self, client, article, post_mode
    ):
        post_comment(client, article, text="Published at once, then a typo spotted.")
        comment = Comment.objects.get()
        assert edit_url(comment) in comment_block(page(client, article), comment.pk)


class TestDelete:
    def test_the_delete_page_asks_first(self, client, mine):
        response = client.get(delete_url(mine))
        assert response.status_code == 200
        assert "Delete your comment?" in response.content.decode()
        assert Comment.objects.get(pk=mine.pk).status == Comment.Status.PENDING

    def test_deleting_a_comment_without_replies_removes_it(self, client, article, mine):
        services.comment_set_status(comment=mine, status=Comment.Status.PUBLISHED)
        response = client.post(delete_url(mine), headers=SAME_ORIGIN)
        assert response.status_code == 303
        assert response["Location"] == article.get_absolute_url() + "#comments"
        mine.refresh_from_db()
        assert mine.status == Comment.Status.REMOVED
        assert mine.moderation_rule == "withdrawn"
        body = page(client, article)
        assert f'id="comment-{mine.pk}"' not in body
        assert "0 Comments" in body

    def test_deleting_a_comment_with_replies_leaves_a_tombstone(self, client, article, mine):
        services.comment_set_status(comment=mine, status=Comment.Status.PUBLISHED)
        reply = CommentFactory(parent=mine, text="An answer that stays.")
        client.post(delete_url(mine), headers=SAME_ORIGIN)
        body = page(Client(), article)
        assert "This comment was withdrawn." in comment_block(body, mine.pk)
        assert "My own words on the rail link." not in body
        assert "An answer that stays." in comment_block(body, reply.pk)

    def test_deleting_a_pending_comment_takes_it_off_the_readers_page(self, client, article, mine):
        client.post(delete_url(mine), headers=SAME_ORIGIN)
        assert "My own words on the rail link." not in page(client, article)

    def test_after_15_minutes_deleting_is_refused(self, client, mine):
        age(mine, 16)
        response = client.post(delete_url(mine), headers=SAME_ORIGIN)
        assert response.status_code == 403
        assert "only in the first 15 minutes" in response.content.decode()
        assert Comment.objects.get(pk=mine.pk).status == Comment.Status.PENDING

    def test_after_15_minutes_the_delete_page_is_not_offered(self, client, mine):
        age(mine, 16)
        assert client.get(delete_url(mine)).status_code == 403

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_someone_elses_comment_cannot_be_deleted(self, client, article, method):
        theirs = CommentFactory(article=article)
        response = getattr(client, method)(delete_url(theirs), headers=SAME_ORIGIN)
        assert response.status_code == 403
        assert Comment.objects.get(pk=theirs.pk).status == Comment.Status.PUBLISHED
