"""Writing through the API: the same forms, services and moderation pipeline as the page."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client

from serai.comments.forms import issue_form_token
from serai.comments.models import ArticleVote, Comment, Thread
from serai.comments.services import comment_set_status
from serai.moderation.models import Report
from tests.api.conftest import API, article_path, comment_body, old_token, post_json
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _post(client, article, **fields):
    return post_json(client, article_path(article) + "/comments", comment_body(article, **fields))


def test_a_comment_waits_for_a_moderator_then_shows_on_the_page(
    client, article, django_capture_on_commit_callbacks
):
    response = _post(client, article, text="The timetable is the real news here.")
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.status == Comment.Status.PENDING and comment.email == "aigerim@example.org"
    assert "The timetable" not in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    assert "The timetable is the real news here." in client.get(article.get_absolute_url()).content.decode()


def test_in_post_moderation_a_comment_shows_at_once_on_page_and_api(client, article, post_mode):
    response = _post(client, article, text="Finally a train to the coast.")
    assert response.json() == {
        "id": response.json()["id"],
        "status": "published",
        "message": "Thank you. Your comment is published.",
    }
    assert "Finally a train to the coast." in client.get(article.get_absolute_url()).content.decode()
    thread = client.get(article_path(article) + "/comments").json()
    assert thread["items"][0]["text"] == "Finally a train to the coast."


def test_a_reply_names_its_parent(client, article, post_mode):
    parent = CommentFactory(article=article)
    response = _post(client, article, parent_id=parent.pk)
    reply = Comment.objects.get(pk=response.json()["id"])
    assert reply.parent_id == parent.pk and reply.depth == 1


def test_a_reply_to_a_comment_not_shown_is_refused(client, article):
    hidden = CommentFactory(article=article, status=Comment.Status.PENDING)
    other_story = CommentFactory(article=ArticleFactory())
    for parent in (hidden.pk, other_story.pk, 10**12):
        response = _post(client, article, parent_id=parent)
        assert response.status_code == 422
        assert "not available" in response.json()["errors"]["body"][0]


def test_the_form_checks_run(client, article, settings):
    settings.SERAI_COMMENT_MAX_LENGTH = 20
    response = _post(client, article, text="x" * 21, email="not an address", author_name="  ")
    assert response.status_code == 422
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert set(problem["errors"]) == {"text", "email", "author_name"}
    assert problem["title"] and problem["status"] == 422 and problem["type"].startswith("/api/v1/problems/")


def test_unknown_fields_are_refused_not_ignored(client, article):
    response = _post(client, article, website="http://spam.example", is_staff=True)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"website", "is_staff"}
    assert not Comment.objects.exists()


def test_missing_fields_and_bodies_that_are_not_json_are_problems(client, article):
    path = article_path(article) + "/comments"
    assert post_json(client, path, {"text": "hi"}).status_code == 422
    response = client.post(path, "{not json", content_type="application/json")
    assert response.status_code in (400, 422) and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "token, rule",
    [
        ("forged", "form-token"),
        (None, "too-fast"),  # a token fetched just now: nobody writes a comment in a second
    ],
)
def test_the_form_token_rule_holds_what_it_holds_on_the_page(client, article, post_mode, token, rule):
    token = token if token is not None else issue_form_token(article.pk)
    response = _post(client, article, token=token)
    assert response.json()["status"] == "pending"
    assert Comment.objects.get().moderation_rule == rule


def test_a_token_serves_one_comment(client, article, post_mode):
    token = old_token(article)
    assert _post(client, article, token=token).json()["status"] == "published"
    assert _post(client, article, token=token).json()["status"] == "pending"


def test_the_token_endpoint_gives_a_token_nobody_else_is_given(client, article):
    response = client.get(article_path(article) + "/comments/token")
    assert "no-store" in response["Cache-Control"]
    data = signing.loads(response.json()["token"], salt="serai.comments.form")
    assert data["a"] == article.pk


def test_the_rate_limit_holds_comments_as_on_the_page(client, article, post_mode, settings):
    settings.SERAI_RATE_LIMIT = 2
    statuses = [_post(client, article).json()["status"] for _ in range(3)]
    assert statuses == ["published", "published", "pending"]
    assert Comment.objects.order_by("pk").last().moderation_rule == "rate-limit"


def test_a_closed_thread_takes_no_comment(client, article):
    Thread.objects.create(article=article, mode="closed")
    response = _post(client, article)
    assert response.status_code == 409
    assert response.json()["type"] == "/api/v1/problems/comments-closed"
    assert client.get(article_path(article)).json()["comments_open"] is False


def test_a_vote_counts_once_per_address(client, article):
    path = article_path(article) + "/vote"
    first = post_json(client, path, {"answer": "yes", "token": old_token(article)})
    assert first.status_code == 200 and first.json() == {"liked_percent": 100, "total": 1}
    again = post_json(client, path, {"answer": "no", "token": old_token(article)})
    assert again.status_code == 409 and again.json()["type"] == "/api/v1/problems/already-voted"
    assert ArticleVote.objects.count() == 1


def test_a_vote_needs_a_token_of_this_article_and_a_yes_or_no(client, article):
    path = article_path(article) + "/vote"
    other = ArticleFactory()
    assert post_json(client, path, {"answer": "yes", "token": old_token(other)}).status_code == 422
    assert post_json(client, path, {"answer": "maybe", "token": old_token(article)}).status_code == 422
    assert not ArticleVote.objects.exists()


def test_a_report_goes_to_the_moderators_once(client, article, clause):
    comment = CommentFactory(article=article)
    path = f"{API}/comments/{comment.pk}/report"
    body = {"clause_id": clause.pk, "note": "Name-calling", "token": old_token(article)}
    assert post_json(client, path, body).status_code == 202
    assert post_json(client, path, body).status_code == 202
    report = Report.objects.get()
    assert report.clause == clause and report.note == "Name-calling"


def test_a_report_from_another_edition_of_the_story(client, article, clause):
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    comment = CommentFactory(article=article)
    body = {"clause_id": clause.pk, "token": old_token(russian)}
    assert post_json(client, f"{API}/comments/{comment.pk}/report", body).status_code == 202


def test_a_report_needs_a_reason(client, article):
    comment = CommentFactory(article=article)
    path = f"{API}/comments/{comment.pk}/report"
    response = post_json(client, path, {"token": old_token(article)})
    assert response.status_code == 422 and "note" in response.json()["errors"]
    assert post_json(client, path, {"token": "x", "note": "spam"}).status_code == 422
    hidden = CommentFactory(article=article, status=Comment.Status.PENDING)
    body = {"note": "spam", "token": old_token(article)}
    assert post_json(client, f"{API}/comments/{hidden.pk}/report", body).status_code == 404
    assert not Report.objects.exists()


def test_no_cookie_is_set_and_no_csrf_token_is_needed(article, post_mode):
    strict = Client(enforce_csrf_checks=True)
    response = _post(strict, article)
    assert response.status_code == 201 and not response.cookies


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 201),  # an app or a server: no browser headers
        ({"Origin": "http://testserver"}, 201),  # a page of this site
        ({"Sec-Fetch-Site": "same-origin"}, 201),
        ({"Origin": "https://elsewhere.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
    ],
)
def test_a_page_of_another_site_cannot_write_through_its_visitors(
    client, article, post_mode, headers, status
):
    body = comment_body(article)
    response = client.post(
        article_path(article) + "/comments", body, content_type="application/json", headers=headers
    )
    assert response.status_code == status
    assert Comment.objects.count() == (1 if status == 201 else 0)
    if status == 403:
        assert response.json()["type"] == "/api/v1/problems/other-site"


def test_reads_may_be_fetched_from_any_site_and_writes_say_nothing_of_it(client, article, post_mode):
    assert client.get(article_path(article))["Access-Control-Allow-Origin"] == "*"
    assert not _post(client, article).has_header("Access-Control-Allow-Origin")
