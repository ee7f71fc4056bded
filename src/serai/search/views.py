import hashlib
import threading

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from serai.core.fragments import FragmentStore, fragments
from serai.search import selectors
from serai.search.query import MAX_LENGTH
from serai.search.text import clean

KEPT_PAGES = 300  # results pages kept per process (about 30 KB each)


def results(request):
    """The edition's search page: the form, and the results of `q` when there is one.

    Never stored by the page cache, nginx or a browser (a reader's words stay out of every shared
    cache and log of ours); the results of the same words are kept in this process while no
    article changes, as other pages' parts are (`docs/search.md`)."""
    query = clean(request.GET.get("q", ""))[:MAX_LENGTH]
    page, language = _page(request.GET.get("page")), get_language()

    def make() -> str:
        found = selectors.search(language=language, query=query, page=page)
        return render_to_string("search/results.html", {"found": found}, request)

    key = hashlib.blake2b(f"{language}\0{page}\0{query}".encode(), digest_size=16).hexdigest()
    response = HttpResponse(kept().get(f"search:{key}", ["site"], make))
    add_never_cache_headers(response)
    return response


def _page(value: str | None) -> int:
    """The page asked for; anything that is not a page number is the first page."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 6 else 1


_kept: tuple[FragmentStore, FragmentStore] | None = None
_kept_lock = threading.Lock()


def kept() -> FragmentStore:
    """The results pages kept in this process: a store of their own, so that a stream of
    different searches never pushes the articles' parts out of the fragments' store; forgotten
    whenever that store is (tests, settings changes)."""
    global _kept
    with _kept_lock:
        if _kept is None or _kept[0] is not fragments():
            _kept = (fragments(), FragmentStore(KEPT_PAGES))
        return _kept[1]
