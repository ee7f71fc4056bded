from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from serai.search import selectors
from serai.search.query import MAX_LENGTH
from serai.search.text import clean


def results(request):
    """The edition's search page: the form, and the results of `q` when there is one.

    Never stored by the page cache, nginx or a browser: a reader's words stay out of every cache
    and log of ours, and the page is made for each search (`docs/search.md`)."""
    query = clean(request.GET.get("q", ""))[:MAX_LENGTH]
    found = selectors.search(language=get_language(), query=query, page=_page(request.GET.get("page")))
    response = render(request, "search/results.html", {"found": found})
    add_never_cache_headers(response)
    return response


def _page(value: str | None) -> int:
    """The page asked for; anything that is not a page number is the first page."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 6 else 1
