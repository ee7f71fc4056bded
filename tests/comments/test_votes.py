"""'Do you like this article?': one answer per reader, a few per address, the result shown after."""

import json

import pytest
from django.test import Client

from serai.comments import readers
from serai.comments.models import ArticleVote, Thread
from tests.comments.helpers import JSON, SAME_ORIGIN, page, vote_data, vote_url
from tests.factories import ArticleFactory


def vote(client, article, answer="yes", headers=SAME_ORIGIN, **extra):
    return client.post(vote_url(article), vote_data(article, answer), headers=headers, **extra)


def totals(article) -> tuple[int, int]:
    thread = Thread.objects.get(article=article)
    return thread.votes_yes, thread.votes_no


def test_a_plain_post_redirects_to_the_feedback_box_and_the_result_shows_afterwards(client, article):
    Client().post(vote_url(article), vote_data(article, "no"), headers=SAME_ORIGIN, REMOTE_ADDR="192.0.2.9")
    response = vote(client, article, "yes")
    assert response.status_code == 303
    assert response["Location"] == article.get_absolute_url() + "#feedback"
    assert totals(article) == (1, 1)
    body = page(client, article)
    assert "50% of readers liked this" in body
    assert "You answered Yes." in body
    assert 'name="liked"' not in body


def test_before_voting_the_reader_sees_the_question_not_the_result(client, article):
    vote(Client(), article, "yes")
    body = page(client, article)
    assert "Do you like this article?" in body
    assert 'name="liked" value="yes"' in body and 'name="liked" value="no"' in body
    assert f'action="{vote_url(article)}"' in body
    assert "100% of readers liked this" not in body


def test_the_json_variant_returns_the_percentage(client, article):
    vote(Client(), article, "no", REMOTE_ADDR="192.0.2.10")
    vote(Client(), article, "no", REMOTE_ADDR="192.0.2.11")
    response = vote(client, article, "yes", headers=JSON)
    assert response.status_code == 200
    assert json.loads(response.content) == {"ok": True, "error": None, "percent": 33, "total": 3}
    assert readers.VOTE_COOKIE in response.cookies


def test_a_second_vote_by_the_same_reader_is_refused_and_changes_nothing(client, article):
    vote(client, article, "yes")
    response = vote(client, article, "no")
    assert response.status_code == 409
    assert "already answered" in response.content.decode()
    assert totals(article) == (1, 0)
    response = vote(client, article, "no", headers=JSON)
    assert response.status_code == 409
    data = json.loads(response.content)
    assert data["ok"] is False and data["percent"] == 100 and data["total"] == 1
    assert ArticleVote.objects.count() == 1


def test_the_same_reader_can_answer_for_different_articles(client, article):
    other = ArticleFactory()
    assert vote(client, article, "yes").status_code == 303
    assert vote(client, other, "no").status_code == 303
    assert totals(article) == (1, 0) and totals(other) == (0, 1)
    assert "You answered Yes." in page(client, article)
    assert "You answered No." in page(client, other)


def test_votes_from_one_address_are_capped(article, settings):
    """Fresh cookies each time (a reader clearing them): the address allows only a few votes."""
    settings.SERAI_VOTES_PER_ADDRESS = 3
    statuses = [vote(Client(), article, "yes", REMOTE_ADDR="203.0.113.5").status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 409, 409]
    assert totals(article) == (3, 0)
    # Another address still counts.
    assert vote(Client(), article, "no", REMOTE_ADDR="203.0.113.6").status_code == 303
    assert totals(article) == (3, 1)


def test_a_refused_vote_says_why(article, settings):
    settings.SERAI_VOTES_PER_ADDRESS = 1
    vote(Client(), article, REMOTE_ADDR="203.0.113.5")
    response = vote(Client(), article, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 409
    assert "already been counted" in response.content.decode()


@pytest.mark.parametrize("answer", ["maybe", "", "YES", "1", "<script>"])
def test_an_invalid_answer_is_a_400(client, article, answer):
    response = vote(client, article, answer)
    assert response.status_code == 400
    assert "Choose Yes or No." in response.content.decode()
    assert not ArticleVote.objects.exists()


def test_a_missing_answer_is_a_400(client, article):
    assert client.post(vote_url(article), {}, headers=SAME_ORIGIN).status_code == 400


def test_votes_on_an_unpublished_article_are_not_found(client, db):
    draft = ArticleFactory(draft=True)
    assert vote(client, draft).status_code == 404


def test_a_forged_vote_cookie_does_not_stop_a_reader_voting(client, article):
    client.cookies[readers.VOTE_COOKIE] = f"{'a' * 32}|{article.pk}:y"
    assert vote(client, article, "no").status_code == 303
    assert totals(article) == (0, 1)
