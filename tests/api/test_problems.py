"""Whatever a client sends, the answer is never a 500, and every error is an RFC 9457 problem."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, article_path

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _assert_problem(response, status: int | None = None):
    assert response["Content-Type"] == PROBLEM, (response.status_code, response.content[:200])
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == response.status_code and 400 <= response.status_code < 500
    if status is not None:
        assert response.status_code == status


@pytest.mark.parametrize(
    "body",
    [[], "x", 5, None, {"author_name": 5, "email": [], "text": None, "token": {}}, {"answer": "yes"}],
)
@pytest.mark.parametrize("write", ["/comments", "/vote", "report"])
def test_bodies_of_the_wrong_shape_are_problems(client, article, body, write):
    path = f"{API}/comments/1/report" if write == "report" else article_path(article) + write
    _assert_problem(client.post(path, body, content_type="application/json"))


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"", b"{" * 5000, b'{"text": "\x00"}'])
def test_bodies_that_are_not_json_are_problems(client, article, raw):
    _assert_problem(client.post(article_path(article) + "/comments", raw, content_type="application/json"))


def test_a_form_encoded_body_is_a_problem(client, article):
    response = client.post(
        article_path(article) + "/comments", "a=b", content_type="application/x-www-form-urlencoded"
    )
    _assert_problem(response, 400)


@pytest.mark.parametrize(
    "path, status",
    [
        ("/en/articles?limit=abc", 422),
        ("/en/articles?limit=0", 422),
        ("/en/articles?limit=51", 422),
        ("/en/articles/%C3%A9/x", 422),
        ("/en/articles/a%00/b", 422),
        ("/en/articles?section=%00", 422),
        ("/EN/sections", 422),
        ("/xx/sections", 404),
        ("/editions/", 404),
        ("/en/articles/a/b/c/d/e", 404),
        ("/comments/0/report", 405),
    ],
)
def test_odd_addresses_are_problems(client, path, status):
    _assert_problem(client.get(API + path), status)


@pytest.mark.parametrize("query", ["?root=-1", "?root=99999999999999999999", "?order=", "?cursor=%00"])
def test_odd_thread_queries_are_problems(client, article, query):
    _assert_problem(client.get(article_path(article) + "/comments" + query))


def test_a_method_an_address_does_not_take_is_a_problem_naming_those_it_takes(client):
    response = client.put(f"{API}/editions")
    _assert_problem(response, 405)
    assert response["Allow"] == "GET"


def test_the_api_root_names_the_document(client):
    response = client.get(f"{API}/")
    assert response.status_code == 200
    assert response.json()["openapi"].endswith("/api/v1/openapi.json")
