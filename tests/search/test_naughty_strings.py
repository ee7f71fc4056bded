"""Every line of the Big List of Naughty Strings as a reader's query, and as an article's
headline, standfirst and body: every search page answers 200, parses, shows the text as it was
written (escaped, our <mark> the only markup added) and runs nothing."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from serai.search.query import MAX_LENGTH
from serai.search.text import clean
from tests.comments.helpers import unsafe_markup
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.security.payloads import blns_lines

pytestmark = pytest.mark.django_db

LINES = blns_lines()
BATCH = 40  # two pages of results per batch
# The only elements a result may hold: ours, whatever the article's text.
RESULT_TAGS = {"li", "p", "h2", "a", "mark", "span", "time"}


def page(client, query: str, number: int = 1):
    response = client.get("/en/search/", {"q": query, "page": str(number)})
    assert response.status_code == 200, query
    body = response.content.decode()
    assert unsafe_markup(body) == [], query
    return lxml_html.fromstring(body)


def results(tree) -> list:
    return tree.xpath('//li[@class="search-result"]')


def test_every_line_as_a_query(client):
    ArticleFactory(headline="The council's budget", body="Water, roads and schools.")
    for line in LINES:
        tree = page(client, line)
        assert tree.xpath('//input[@name="q"]/@value') in ([clean(line)[:MAX_LENGTH]], []), line
        for result in results(tree):
            assert {e.tag for e in result.iter()} <= RESULT_TAGS, line


@pytest.mark.parametrize("start", range(0, len(LINES), BATCH))
def test_every_line_as_article_text(client, start):
    batch = [line.replace("\x00", "") for line in LINES[start : start + BATCH]]
    section = SectionFactory()
    author = AuthorFactory(name="Naughty Writer")
    for line in batch:
        ArticleFactory(
            headline=line[:200],
            standfirst=line[:600],
            body=f"Naughty {line}",
            section=section,
            authors=[author],
        )
    shown = []
    first = page(client, "naughty")
    pages = [first, page(client, "naughty", 2)] if first.xpath('//a[@rel="next"]') else [first]
    for tree in pages:
        for result in results(tree):
            assert {e.tag for e in result.iter()} <= RESULT_TAGS
            shown.append(result.xpath(".//h2")[0].text_content())
            assert "naughty" in [m.text_content().lower() for m in result.xpath(".//mark")]
    assert sorted(shown) == sorted(clean(line[:200]) for line in batch)
    for line in batch:  # the line itself as the query, over text holding it
        for result in results(page(client, line)):
            assert {e.tag for e in result.iter()} <= RESULT_TAGS, line
