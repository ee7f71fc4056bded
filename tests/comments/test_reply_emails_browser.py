"""The links in reply emails, opened in a real browser with JavaScript off: the page changes
nothing until its button is pressed, and the button works."""

import pytest

from serai.comments import notifications
from serai.comments.models import Comment
from serai.comments.services import email_is_confirmed
from tests.moderation.factories import article_with_thread, post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opening_then_pressing_the_confirm_and_stop_buttons(page_nojs, live_server):
    comment = post(article_with_thread("post"), email="reader@example.org", notify_replies=True)
    page = page_nojs
    page.goto(f"{live_server.url}/en/moderation/confirm/{notifications.confirm_token(comment)}/")
    assert not email_is_confirmed("reader@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, email me replies").click()
    assert "your address is confirmed" in page.content()
    assert email_is_confirmed("reader@example.org")

    page.goto(f"{live_server.url}/en/moderation/stop/{notifications.stop_token(comment)}/")
    assert Comment.objects.get(pk=comment.pk).notify_replies
    with page.expect_navigation():
        page.get_by_role("button", name="Stop reply emails").click()
    assert "no more reply emails" in page.content()
    assert not Comment.objects.get(pk=comment.pk).notify_replies
    assert page.foreign_requests == []
