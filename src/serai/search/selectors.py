"""Reads for the search page: one edition's articles matching a reader's words, best first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from serai.newsroom.models import Article
from serai.search import query as search_query
from serai.search.backends import backend
from serai.search.text import START, highlighted

PAGE_SIZE = 20
MAX_PAGES = 50  # deeper pages are not offered: nobody reads them, and each costs more


@dataclass
class Result:
    article: Article
    headline: SafeString
    standfirst: SafeString
    snippet: SafeString  # from the body; empty when only the headline, standfirst or byline matched


@dataclass
class Results:
    query: str
    results: list[Result] = field(default_factory=list)
    total: int = 0
    number: int = 1

    @property
    def searched(self) -> bool:
        return bool(search_query.parse(self.query))

    @property
    def start(self) -> int:
        """The place of the page's first result in the whole list."""
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGES, -(-self.total // PAGE_SIZE))

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def search(*, language: str, query: str, page: int = 1) -> Results:
    """One page of one edition's published articles matching `query`, best first.

    A page past the last gives the last; a query without words gives no results and asks nothing
    of the database. A bounded number of queries whatever the number of articles: the backend's
    one or two (asked again, with a count, for a page past the last), then the page's articles
    with their sections, bylines and photos."""
    terms = search_query.parse(query)
    found = Results(query=query)
    if not terms:
        return found
    number = max(1, min(page, MAX_PAGES))
    search_backend = backend()
    total, hits = search_backend.page(
        language=language, terms=terms, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    if not hits and total:
        number = min(number, -(-total // PAGE_SIZE), MAX_PAGES)
        total, hits = search_backend.page(
            language=language, terms=terms, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    articles = Article.objects.for_listing().in_bulk([h.article_id for h in hits])
    found.total, found.number = total, number
    found.results = [
        Result(
            article=articles[h.article_id],
            headline=highlighted(h.title),
            standfirst=highlighted(h.standfirst),
            snippet=highlighted(h.snippet) if START in h.snippet else SafeString(""),
        )
        for h in hits
        if h.article_id in articles
    ]
    return found
