"""The newsroom's reads: editions, sections, authors, articles, keyset-paginated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from serai.api import cursors
from tests.api.conftest import API, article_path
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_editions_list_every_language_with_its_own_name(client):
    body = client.get(f"{API}/editions").json()
    assert [e["language"] for e in body] == ["en", "ru", "kk", "ky", "tg", "tk", "uz"]
    assert body[1]["name"] == "Русский" and body[1]["url"] == "/ru/"


def test_sections_are_named_in_the_edition_language(client):
    SectionFactory(slug="economy", name="Economy", translated_names={"ru": "Экономика"})
    body = client.get(f"{API}/ru/sections").json()
    assert {"slug": "economy", "name": "Экономика", "description": "", "url": "/ru/economy/"} in body


def test_an_author(client):
    AuthorFactory(slug="dana", name="Dana Seitova", bio="Covers transport.")
    body = client.get(f"{API}/en/authors/dana").json()
    assert body == {
        "slug": "dana", "name": "Dana Seitova", "bio": "Covers transport.", "url": "/en/authors/dana/"
    }  # fmt: skip


def test_an_unknown_author_or_edition_is_a_404_problem(client):
    for path in (f"{API}/en/authors/nobody", f"{API}/xx/sections", f"{API}/en/articles/a/b"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def _newest_first(n: int, **fields) -> list:
    now = timezone.now()
    return [ArticleFactory(published_at=now - timedelta(minutes=i), **fields) for i in range(n)]


def test_articles_are_listed_newest_first_in_keyset_pages(client):
    made = _newest_first(5)
    ArticleFactory(language="ru")  # another edition's
    ArticleFactory(draft=True)
    first = client.get(f"{API}/en/articles?limit=2").json()
    assert [a["id"] for a in first["items"]] == [made[0].pk, made[1].pk]
    second = client.get(f"{API}/en/articles?limit=2&cursor={first['next_cursor']}").json()
    third = client.get(f"{API}/en/articles?limit=2&cursor={second['next_cursor']}").json()
    assert [a["id"] for a in second["items"] + third["items"]] == [a.pk for a in made[2:]]
    assert third["next_cursor"] is None


def test_a_page_of_articles_stays_put_when_newer_ones_are_published(client):
    """Keyset, not offset: what comes after a cursor does not shift when articles are added."""
    made = _newest_first(4)
    first = client.get(f"{API}/en/articles?limit=2").json()
    ArticleFactory(published_at=timezone.now())
    ArticleFactory(published_at=timezone.now())
    second = client.get(f"{API}/en/articles?limit=2&cursor={first['next_cursor']}").json()
    assert [a["id"] for a in second["items"]] == [made[2].pk, made[3].pk]


def test_articles_by_section_and_by_author(client):
    economy = SectionFactory(slug="economy")
    dana = AuthorFactory(slug="dana")
    in_economy = ArticleFactory(section=economy)
    by_dana = ArticleFactory(authors=[dana])
    in_section = client.get(f"{API}/en/articles?section=economy").json()["items"]
    by_author = client.get(f"{API}/en/articles?author=dana").json()["items"]
    assert [a["id"] for a in in_section] == [in_economy.pk]
    assert [a["id"] for a in by_author] == [by_dana.pk]


@pytest.mark.parametrize("cursor", ["zzz", "!!", cursors.encode_position("not~a~position"), "a" * 150])
def test_a_cursor_not_ours_is_a_400_problem(client, cursor):
    response = client.get(f"{API}/en/articles", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["type"] == "/api/v1/problems/bad-cursor"


def test_the_listing_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _newest_first(30)
    with django_assert_max_num_queries(3):
        assert len(client.get(f"{API}/en/articles?limit=50").json()["items"]) == 30


def test_an_article_with_its_editions(client):
    original = ArticleFactory(slug="rail")
    ArticleFactory(language="ru", slug="rail-ru", translation_of=original, section=original.section)
    body = client.get(article_path(original)).json()
    assert "First paragraph.</p>" in body["body_html"]
    assert [e["language"] for e in body["editions"]] == ["en", "ru"]
    assert body["comments_open"] is True and body["story"] == original.pk


def test_an_article_under_another_section_is_not_found_there(client):
    article = ArticleFactory()
    response = client.get(f"{API}/en/articles/elsewhere/{article.slug}")
    assert response.status_code == 404
    assert article.get_absolute_url() in response.json()["detail"]


def test_a_problem_speaks_the_edition_language(client):
    response = client.get(f"{API}/ru/articles?cursor=zzz")
    assert response.json()["detail"] == "Этот курсор выдан не этим API."


def test_an_article_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """The article itself is kept per process, as its page keeps it; its bylines, editions and
    conversation settings are a few queries whatever the story."""
    original = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
    for language in ("ru", "kk", "uz"):
        ArticleFactory(language=language, translation_of=original, section=original.section)
    with django_assert_max_num_queries(6):
        assert len(client.get(article_path(original)).json()["editions"]) == 4
