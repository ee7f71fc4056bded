"""The error page is answered once, even when it cannot be made from its template."""

import logging

import pytest
from django.templatetags.static import StaticNode
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_static(monkeypatch):
    """Static files as after a release whose collectstatic did not run: every address raises."""

    def handle_simple(path):
        raise ValueError(f"Missing staticfiles manifest entry for '{path}'")

    monkeypatch.setattr(StaticNode, "handle_simple", staticmethod(handle_simple))


def test_broken_static_files_give_one_bare_error_page(broken_static, caplog):
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert 'href="/"' in body and "<link" not in body and "<script" not in body
    # One bare page, said once in the log: not a retry by every middleware around the view.
    bare = [r for r in caplog.records if "error page could not be made" in r.getMessage()]
    assert len(bare) == 1


def test_the_bare_page_speaks_the_readers_language(broken_static):
    response = Client(raise_request_exception=False).get("/ru/")
    assert response.status_code == 500
    assert 'lang="ru"' in response.content.decode()
    assert "Something went wrong on our side" not in response.content.decode()


def test_the_usual_error_page_is_kept_when_it_can_be_made(monkeypatch):
    article = ArticleFactory()

    def fail(*args, **kwargs):
        raise RuntimeError("a fault in a view")

    monkeypatch.setattr("serai.newsroom.views.fragments", fail)
    response = Client(raise_request_exception=False).get(article.get_absolute_url())
    assert response.status_code == 500
    assert "serai/site" in response.content.decode()  # the styled page, with its stylesheet
