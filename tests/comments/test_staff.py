"""Comments by members of staff are published at once and marked."""

from django.test import Client

from serai.comments.models import Comment
from tests.comments.helpers import comment_block, page, post_comment
from tests.factories import UserFactory


def test_a_staff_members_comment_is_published_with_a_badge(client, article):
    editor = UserFactory(username="editor", is_staff=True)
    client.force_login(editor)
    response = post_comment(client, article, name="Serai desk", text="A correction: it opens Monday.")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.is_staff_comment and comment.user == editor
    assert comment.moderation_rule == "staff"
    block = comment_block(page(Client(), article), comment.pk)
    assert '<span class="badge">Staff</span>' in block
    assert "comment comment-staff" in block
    assert "A correction: it opens Monday." in block


def test_a_signed_in_reader_who_is_not_staff_gets_no_badge(client, article):
    client.force_login(UserFactory(username="reader"))
    post_comment(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert not comment.is_staff_comment and comment.user is None


def test_an_anonymous_comment_naming_itself_staff_gets_no_badge(client, article, post_mode):
    post_comment(client, article, name="Staff")
    comment = Comment.objects.get()
    assert not comment.is_staff_comment
    assert '<span class="badge">' not in comment_block(page(client, article), comment.pk)
