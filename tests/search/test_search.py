"""The search page: ranked results of one edition's published articles, highlighted safely, in
pages, on SQLite (FTS5) and PostgreSQL (full-text search) alike."""

from __future__ import annotations

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from serai.newsroom import services as newsroom
from serai.search import selectors
from serai.search.models import Entry
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def found(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def headlines(response) -> list[str]:
    tree = lxml_html.fromstring(response.content)
    return [h.text_content() for h in tree.xpath('//li[@class="search-result"]/h2')]


def test_headline_match_ranks_above_body_match(client):
    """A word in the headline weighs more than the same word in the body."""
    ArticleFactory(headline="Council meets", body="The pipeline was discussed at length.")
    ArticleFactory(headline="Pipeline reaches the villages", body="Water at last.")
    assert headlines(found(client, "pipeline")) == ["Pipeline reaches the villages", "Council meets"]


def test_each_edition_searches_its_own_articles(client):
    ArticleFactory(language="en", headline="Harvest report")
    ArticleFactory(language="ru", headline="Harvest отчёт")
    assert headlines(found(client, "harvest", "en")) == ["Harvest report"]
    assert headlines(found(client, "harvest", "ru")) == ["Harvest отчёт"]
    assert headlines(found(client, "harvest", "kk")) == []


def test_only_articles_readers_can_see_are_found(client, monkeypatch):
    ArticleFactory(headline="Visible wheat")
    ArticleFactory(headline="Draft wheat", draft=True)
    ArticleFactory(headline="Archived wheat", archived=True)
    scheduled = ArticleFactory(headline="Scheduled wheat", scheduled=True)
    assert headlines(found(client, "wheat")) == ["Visible wheat"]
    # The scheduled article's time comes: it is found without anything being indexed again.
    later = scheduled.published_at + timezone.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert sorted(headlines(found(client, "wheat"))) == ["Scheduled wheat", "Visible wheat"]


def test_edits_unpublishing_and_deletion_keep_the_index_in_step(client):
    article = ArticleFactory(headline="Bridge opens")
    assert headlines(found(client, "bridge")) == ["Bridge opens"]
    article.headline = "Tunnel opens"
    article.save()
    assert headlines(found(client, "bridge")) == []
    assert headlines(found(client, "tunnel")) == ["Tunnel opens"]
    newsroom.article_unpublish(article=article)
    assert headlines(found(client, "tunnel")) == []
    newsroom.article_publish(article=article)
    assert headlines(found(client, "tunnel")) == ["Tunnel opens"]
    article.delete()
    assert headlines(found(client, "tunnel")) == []
    assert not Entry.objects.exists()


def test_authors_are_searched_and_renaming_one_reindexes(client):
    author = AuthorFactory(name="Aigerim Sultan")
    ArticleFactory(headline="Budget day", authors=[author])
    assert headlines(found(client, "sultan")) == ["Budget day"]
    author.name = "Aigerim Bekova"
    author.save()
    assert headlines(found(client, "sultan")) == []
    assert headlines(found(client, "bekova")) == ["Budget day"]


def test_matched_words_are_marked_and_the_article_text_escaped(client):
    ArticleFactory(
        headline="Herders <script>alert(1)</script> return",
        body="Before. The herders came down from the <b>pastures</b> & <img src=x onerror=alert(2)>.",
    )
    response = found(client, "herders")
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body and "<b>pastures" not in body
    tree = lxml_html.fromstring(response.content)
    result = tree.xpath('//li[@class="search-result"]')[0]
    marks = [m.text_content().lower() for m in result.xpath(".//mark")]
    assert "herders" in marks
    assert "<script>alert(1)</script>" in result.xpath(".//h2")[0].text_content()
    assert not result.xpath(".//script | .//img | .//b")


def test_a_query_of_punctuation_or_nothing_is_the_empty_state(client, django_assert_num_queries):
    ArticleFactory(headline="Anything")
    for query in ["", "   ", '"', "*", "-", "()", 'NEAR(a b) OR "', "AND OR NOT", "^"]:
        response = found(client, query)
        assert response.status_code == 200
        assert not lxml_html.fromstring(response.content).xpath('//li[@class="search-result"]')
    assert b"Type a word" in found(client, "*?!").content
    assert b"No article matches" in found(client, "nothingmatchesthis").content


def test_fts_operators_typed_by_a_reader_are_words(client):
    ArticleFactory(headline="Trade AND tariffs")
    ArticleFactory(headline="Trade policy")
    for query in [
        "trade NOT",
        "trade AND",
        "OR trade",
        "NEAR(trade)",
        "trade*",
        "{title}: trade",
        "trade + ^",
    ]:
        found(client, query)  # answered, never a syntax error
    assert headlines(found(client, "trade and tariffs")) == ["Trade AND tariffs"]
    assert sorted(headlines(found(client, "trade"))) == ["Trade AND tariffs", "Trade policy"]
    assert headlines(found(client, '"trade and tariffs"')) == ["Trade AND tariffs"]
    assert headlines(found(client, "title:trade")) == []  # no column filter: "title" is a word


def test_results_come_in_pages(client):
    """Headline matches first, newest first; twenty to a page; a next link while there are more."""
    hours = timezone.timedelta(hours=1)
    for i in range(45):
        ArticleFactory(headline=f"Railway story {i}", published_at=timezone.now() - (45 - i) * hours)
    body_match = ArticleFactory(headline="Newest of all", body="The railway again.")
    first = found(client, "railway")
    assert headlines(first) == [f"Railway story {i}" for i in range(44, 24, -1)]
    assert b'rel="next" href="?q=railway&amp;page=2"' in first.content
    assert b'rel="prev"' not in first.content
    second = found(client, "railway", page="2")
    third = found(client, "railway", page="3")
    assert headlines(second) == [f"Railway story {i}" for i in range(24, 4, -1)]
    assert headlines(third) == [f"Railway story {i}" for i in range(4, -1, -1)] + [body_match.headline]
    assert b'rel="next"' not in third.content and b'rel="prev" href="?q=railway&amp;page=2"' in third.content
    past = found(client, "railway", page="9")
    assert headlines(past) == [] and b"No more articles match" in past.content
    # Not a page number: the first page; past the deepest page offered: the deepest.
    for page in ["0", "-1", "abc", "٣", "1e3", "", "9" * 40]:
        assert headlines(found(client, "railway", page=page)) == headlines(first), page
    assert found(client, "railway", page="51").content == found(client, "railway", page="50").content


@pytest.mark.parametrize("count", [3, 30])
def test_queries_do_not_grow_with_the_number_of_articles(client, count, django_assert_max_num_queries):
    for i in range(count):
        ArticleFactory(headline=f"Solar farm {i}", authors=[AuthorFactory(), AuthorFactory()])
    client.get("/en/search/", {"q": "warm up"})
    with django_assert_max_num_queries(7):
        response = found(client, "solar farm")
    assert len(headlines(response)) == min(count, selectors.PAGE_SIZE)
    with django_assert_max_num_queries(7):
        found(client, "solar", page="40")


def test_results_page_is_never_stored_and_not_indexed_by_robots(client):
    ArticleFactory(headline="Clinic opens")
    response = found(client, "clinic")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b'<meta name="robots" content="noindex">' in response.content
    assert found(client, "clinic")["Cache-Control"] == response["Cache-Control"]


def test_masthead_links_to_the_search_page(client):
    response = client.get("/ru/")
    assert b'href="/ru/search/"' in response.content


def test_reindex_command_builds_the_index_again(client):
    from django.core.management import call_command

    ArticleFactory(headline="Market prices")
    Entry.objects.all().delete()
    assert headlines(found(client, "market")) == []
    call_command("reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert headlines(found(client, "market")) == ["Market prices"]


@pytest.mark.parametrize(
    "language, headline, queries",
    [
        ("ru", "Водопровод дошёл до восточных районов", ["районы", "водопровода", "Восточных районов"]),
        ("en", "Council publishes its budgets", ["budget", "publishing budgets", "COUNCIL"]),
        ("kk", "Жайылымдағы құдықтар кеуіп қалды", ["құдықтар", "жайылымдағы"]),
        ("uz", "Yaylovdagi quduqlar qurib qoldi", ["quduqlar", "yaylovdagi"]),
    ],
)
def test_words_are_found_in_other_forms(client, language, headline, queries):
    """Case never matters; PostgreSQL stems English and Russian, SQLite stems English and matches
    Cyrillic words by their stem as a prefix."""
    ArticleFactory(language=language, headline=headline)
    for query in queries:
        assert headlines(found(client, query, language)) == [headline], query


def test_a_reader_typing_is_parsed_into_words_and_phrases():
    from serai.search.query import fts5, parse

    terms = parse('water "eastern  districts" NEAR( -x "unclosed')
    assert terms.words == ("water", "NEAR(", "-x")
    assert terms.phrases == ("eastern districts", "unclosed")
    assert fts5(terms) == '"eastern districts" AND "unclosed" AND "water" AND "NEAR(" AND "-x"'
    assert not parse('*** "" -- ()')
    assert fts5(parse("районы")) == '"район"*'


@pytest.mark.django_db(transaction=True)
def test_kept_results_follow_every_change(client, django_assert_max_num_queries):
    """Outside a test's transaction, a search's results are kept in the process; any article's
    change makes them afresh on the next search."""
    article = ArticleFactory(headline="Ferry timetable")
    assert headlines(found(client, "ferry")) == ["Ferry timetable"]
    with django_assert_max_num_queries(0):
        assert headlines(found(client, "ferry")) == ["Ferry timetable"]
    article.headline = "Ferry timetable changes"
    article.save()
    assert headlines(found(client, "ferry")) == ["Ferry timetable changes"]
    newsroom.article_unpublish(article=article)
    assert headlines(found(client, "ferry")) == []


def test_a_search_is_stored_nowhere(client):
    """Neither a table nor a cookie keeps what a reader searched for."""
    from django.apps import apps
    from django.db import models

    ArticleFactory(headline="Zebra crossing")
    response = found(client, "zebra crossingword42")
    assert not response.cookies
    for model in apps.get_models():
        text_fields = [
            f.name for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))
        ]
        for name in text_fields:
            assert not model.objects.filter(**{f"{name}__contains": "crossingword42"}).exists(), model
