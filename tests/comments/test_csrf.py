"""Token-less forms on cacheable pages: only requests from our own pages may change anything."""

import pytest
from django.test import Client

from serai.comments.models import ArticleVote, Comment
from tests.comments.helpers import comment_data, post_comment, post_url, vote_data, vote_url

REFUSED = "This form was sent from another site, so it was refused."
ARTICLE_URL = "http://testserver/en/section/article/"


def _send(client, article, endpoint, headers, mine=None):
    if endpoint == "comment":
        return client.post(post_url(article), comment_data(article), headers=headers)
    if endpoint == "vote":
        return client.post(vote_url(article), vote_data(article, "yes"), headers=headers)
    if endpoint == "edit":
        return client.post(
            f"/en/comments/edit/{mine.pk}/", {"text": "Changed by a stranger."}, headers=headers
        )
    return client.post(f"/en/comments/delete/{mine.pk}/", headers=headers)


def _nothing_changed(mine):
    assert Comment.objects.count() == 1
    mine.refresh_from_db()
    assert mine.text == "The original words." and mine.status == Comment.Status.PENDING
    assert not ArticleVote.objects.exists()


@pytest.fixture
def mine(client, article):
    post_comment(client, article, text="The original words.")
    return Comment.objects.get()


ENDPOINTS = ["comment", "vote", "edit", "delete"]
CROSS_SITE = {
    "foreign-origin": {"Origin": "https://evil.example"},
    "other-scheme": {"Origin": "https://testserver"},
    "other-port": {"Origin": "http://testserver:8080"},
    "lookalike-host": {"Origin": "http://testserver.evil.example"},
    "cross-site-fetch": {"Sec-Fetch-Site": "cross-site"},
    "same-site-fetch": {"Sec-Fetch-Site": "same-site"},
    "foreign-referer": {"Referer": "https://evil.example/en/section/article/"},
    "no-headers": {},
    "null-origin": {"Origin": "null"},
    "foreign-origin-same-referer": {"Origin": "https://evil.example", "Referer": ARTICLE_URL},
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", CROSS_SITE)
def test_cross_site_posts_are_refused_with_a_message(client, article, mine, endpoint, case):
    response = _send(client, article, endpoint, CROSS_SITE[case], mine)
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    _nothing_changed(mine)


SAME_SITE = {
    "origin": {"Origin": "http://testserver"},
    "origin-upper-case": {"Origin": "HTTP://TESTSERVER"},
    "fetch-same-origin": {"Sec-Fetch-Site": "same-origin"},
    "referer-only": {"Referer": ARTICLE_URL},
    "null-origin-with-our-referer": {"Origin": "null", "Referer": ARTICLE_URL},
}


@pytest.mark.parametrize("case", SAME_SITE)
def test_posts_from_our_own_pages_are_accepted(client, article, mine, case):
    assert _send(client, article, "comment", SAME_SITE[case]).status_code == 303
    assert _send(client, article, "vote", SAME_SITE[case]).status_code == 303
    assert Comment.objects.count() == 2 and ArticleVote.objects.count() == 1


@pytest.mark.parametrize("endpoint", ["edit", "delete"])
def test_the_author_may_edit_and_delete_with_a_same_origin_referer_only(client, article, mine, endpoint):
    assert _send(client, article, endpoint, {"Referer": ARTICLE_URL}, mine).status_code == 303


def test_a_trusted_origin_is_accepted(client, article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.serai.example"]
    response = _send(client, article, "comment", {"Origin": "https://www.serai.example"})
    assert response.status_code == 303


def test_the_forms_need_no_csrf_token_from_a_cached_page(article):
    """Django's CSRF check would refuse a token-less form; these views rely on Origin instead."""
    strict = Client(enforce_csrf_checks=True)
    assert _send(strict, article, "comment", {"Origin": "http://testserver"}).status_code == 303
    assert _send(strict, article, "vote", {"Origin": "http://testserver"}).status_code == 303
    assert _send(strict, article, "comment", {"Origin": "https://evil.example"}).status_code == 403


@pytest.mark.parametrize("url", ["/en/comments/{a}/post/", "/en/comments/{a}/vote/"])
def test_get_on_a_posting_endpoint_changes_nothing(client, article, url):
    assert client.get(url.format(a=article.pk)).status_code == 405
    assert not Comment.objects.exists() and not ArticleVote.objects.exists()
