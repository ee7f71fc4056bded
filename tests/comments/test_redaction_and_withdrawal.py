"""A moderator's redaction reaches every reader; an author's withdrawal erases their words for good."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from serai.comments import services
from serai.comments.models import Comment
from serai.desk import services as desk
from tests.comments.helpers import SAME_ORIGIN, CommentFactory, comment_block, page, post_comment

PHONE = "Call me on +7 701 555 0199 about the flat."


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("chief", "chief@newsroom.example", "pw"))
    return client


def test_a_redaction_in_the_admin_reaches_the_cached_page(admin_client, client, article, post_mode):
    comment = CommentFactory(article=article, text=PHONE)
    CommentFactory(article=article)  # a page with other comments kept as they were
    assert PHONE in page(client, article)  # the page is now cached
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = admin_client.post(url, {"redaction": "Call me on [number removed] about the flat."})
    assert response.status_code == 302
    body = page(client, article)
    assert "+7 701 555 0199" not in body
    assert "Call me on [number removed] about the flat." in comment_block(body, comment.pk)
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.text == "Call me on [number removed] about the flat." and "555" not in stored.text_html


def test_the_stored_text_is_read_only_in_the_admin(admin_client, article):
    comment = CommentFactory(article=article, text=PHONE)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="text"' not in form and 'name="redaction"' in form
    admin_client.post(url, {"text": "Rewritten behind the readers' backs.", "redaction": ""})
    assert Comment.objects.get(pk=comment.pk).text == PHONE


def test_withdrawing_erases_the_words_name_and_email_and_keeps_a_tombstone(client, article):
    post_comment(client, article, text=PHONE, name="Aigerim", email="aigerim@example.org")
    comment = Comment.objects.get()
    comment = services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    CommentFactory(parent=comment, text="A reply that keeps the tombstone up.")
    response = client.post(f"/en/comments/delete/{comment.pk}/", headers=SAME_ORIGIN)
    assert response.status_code == 303
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.text, stored.text_html, stored.email, stored.author_name) == ("", "", "", "")
    assert stored.status == Comment.Status.REMOVED and stored.is_withdrawn
    body = page(client, article)
    assert "This comment was withdrawn." in comment_block(body, comment.pk)
    assert "555 0199" not in body and "Aigerim" not in body


def test_a_withdrawn_comment_cannot_be_restored(client, article):
    post_comment(client, article, text="Words I take back.")
    comment = Comment.objects.get()
    services.comment_withdraw(comment=comment)
    with pytest.raises(ValidationError):
        services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    moderator = User.objects.create_superuser("mod", "mod@newsroom.example", "pw")
    with pytest.raises(ValidationError):
        desk.comment_approve(comment=comment, moderator=moderator)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED
