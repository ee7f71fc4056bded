"""Old addresses of an imported site answered with a permanent redirect to the new ones.

Only requests Serai would answer with "not found" (or send to an edition's address that does not
exist either) are looked up (one indexed query), plus the
site's root with WordPress's query forms (`/?p=123`, `/?page_id=7`), which Serai answers with the
edition's home otherwise. Pages served from the page cache never reach here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import override

from serai.imports.models import LegacyAddress

QUERY_FORMS = ("p", "page_id")


def _candidates(request) -> list[str]:
    if request.path == "/":
        return [f"/?{key}={request.GET[key]}" for key in QUERY_FORMS if request.GET.get(key, "").isdigit()]
    path = request.path
    other = path[:-1] if path.endswith("/") else path + "/"
    query = request.META.get("QUERY_STRING", "")
    return [f"{path}?{query}", path, other] if query else [path, other]


def _redirect(request):
    candidates = [c for c in _candidates(request) if len(c) <= 500]
    if not candidates:
        return None
    found = (
        LegacyAddress.objects.filter(path__in=candidates)
        .select_related("article__section", "section", "author", "page")
        .first()
    )
    if found is None or found.target is None:
        return None
    with override(found.language):
        return HttpResponsePermanentRedirect(found.target.get_absolute_url())


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path == "/" and any(key in request.GET for key in QUERY_FORMS):
            redirect = _redirect(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404 or _to_an_edition(request, response):
            return _redirect(request) or response
        return response


def _to_an_edition(request, response) -> bool:
    """The language middleware's redirect of an address without an edition to the same address
    in the reader's edition ("/category/news/" → "/en/category/news/"): an old address, maybe."""
    if response.status_code != 302:
        return False
    location = response.get("Location", "")
    return any(location == f"/{code}{request.get_full_path()}" for code, _name in settings.LANGUAGES)
