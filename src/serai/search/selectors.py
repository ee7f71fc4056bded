"""Reads for the search page: one edition's articles matching a reader's words."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from serai.newsroom.models import Article
from serai.search import query as search_query
from serai.search.backends import backend
from serai.search.text import Matcher, highlighted, snippet

PAGE_SIZE = 20
MAX_PAGES = 50  # deeper pages are not offered: nobody reads them, and each costs more


@dataclass
class Result:
    article: Article
    headline: SafeString
    standfirst: SafeString
    snippet: SafeString  # from the body; empty when the body does not hold the reader's words


@dataclass
class Results:
    query: str
    searched: bool = False  # the query had words to look for
    results: list[Result] = field(default_factory=list)
    number: int = 1
    has_next: bool = False

    @property
    def start(self) -> int:
        """The place of the page's first result in the whole list."""
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.has_next else None


def search(*, language: str, query: str, page: int = 1) -> Results:
    """One page of one edition's published articles matching `query` (the backend says in which
    order), with the reader's words marked.

    A query without words gives no results and asks nothing of the database. Otherwise four
    queries whatever the number of articles: the backend's one, then the page's articles with
    their sections, bylines and photos. The page reads one result more than it shows, to know
    whether there is a next one; the matches are never counted (see `backends`)."""
    terms = search_query.parse(query)
    found = Results(query=query, searched=bool(terms))
    if not terms:
        return found
    found.number = max(1, min(page, MAX_PAGES))
    hits = backend().page(
        language=language, terms=terms, offset=(found.number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1
    )
    found.has_next = len(hits) > PAGE_SIZE and found.number < MAX_PAGES
    hits = hits[:PAGE_SIZE]
    articles = Article.objects.for_listing().in_bulk([h.article_id for h in hits])
    matcher = Matcher(terms)
    found.results = [
        Result(
            article=articles[h.article_id],
            headline=highlighted(h.title, matcher),
            standfirst=highlighted(h.standfirst, matcher),
            snippet=snippet(h.body, matcher),
        )
        for h in hits
        if h.article_id in articles
    ]
    return found
