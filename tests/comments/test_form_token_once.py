"""The "sent too fast" check holds per submission: one form token serves one comment per address,
whatever the rate limit allows."""

import pytest

from serai.comments.models import Comment
from tests.comments.helpers import SAME_ORIGIN, comment_data, post_url


@pytest.mark.usefixtures("post_mode")
def test_ten_comments_sent_with_one_token_publish_one(client, article):
    token = comment_data(article)["token"]
    for n in range(10):
        data = comment_data(article, text=f"Comment {n} sent with the same form, on the rail link.")
        data["token"] = token
        assert client.post(post_url(article), data, headers=SAME_ORIGIN).status_code == 303
    published = Comment.objects.filter(status=Comment.Status.PUBLISHED)
    held = Comment.objects.filter(status=Comment.Status.PENDING, moderation_rule="token-reused")
    assert (published.count(), held.count()) == (1, 9)


@pytest.mark.usefixtures("post_mode")
def test_readers_at_other_addresses_may_send_the_same_cached_form(client, article):
    """A page served from a cache gives every reader the same token."""
    token = comment_data(article)["token"]
    for n, address in enumerate(["192.0.2.10", "192.0.2.11", "2001:db8:7::1"]):
        data = {**comment_data(article, text=f"Reader {n} on the rail link, in own words."), "token": token}
        client.post(post_url(article), data, headers=SAME_ORIGIN, REMOTE_ADDR=address)
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 3


def test_each_form_given_out_has_its_own_token(client, article):
    first, second = comment_data(article)["token"], comment_data(article)["token"]
    assert first != second
