"""The API's addresses: django-ninja's operations, the OpenAPI document, and a problem for every
other address under /api/v1/.

Every operation's answer passes `_answer`: reads may be fetched by scripts on any site (they are
public, and no cookie is read, so `Access-Control-Allow-Origin: *` exposes nothing); writes sent
by a browser from another site's page are refused (see `from_another_site`); django-ninja's bare
405 is made a problem."""

import functools

from django.http import JsonResponse
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext as _

from serai.api.api import api
from serai.api.problems import problem_response, unknown_address
from serai.core.security import is_same_origin


def from_another_site(request) -> bool:
    """A browser showing another site's page sent this: its `Origin` (or `Sec-Fetch-Site`) says
    so. Apps and servers send neither and are not refused; a page of this site is not either.

    A write counts against the sender's address (the rate limit, one vote, one report), so a
    page elsewhere must not be able to make its visitors' browsers write for it, each from
    their own address: the forms refuse the same (serai.core.security.same_origin_post)."""
    if request.headers.get("Origin"):
        return not is_same_origin(request)
    fetch_site = request.headers.get("Sec-Fetch-Site")
    return bool(fetch_site) and fetch_site not in ("same-origin", "none")


def _answer(view):
    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        if request.method == "POST" and from_another_site(request):
            return problem_response(
                403, _("Writes are not accepted from pages of other sites."), kind="other-site"
            )
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").endswith("json"):
            problem = problem_response(405, _("This address does not take this method."), kind="not-allowed")
            problem["Allow"] = response.get("Allow", "")
            return problem
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return answer


def index(request):
    """Where the description is (answered here, so the address is never taken for an edition's)."""
    return JsonResponse({"openapi": request.build_absolute_uri("openapi.json")})


def _operations() -> list[URLPattern]:
    """The root, which django-ninja would send to interactive docs (there are none), is `index`."""
    patterns, _app, _namespace = api.urls
    return [
        URLPattern(p.pattern, index if p.name == "api-root" else _answer(p.callback), name=p.name)
        for p in patterns
    ]


urlpatterns = [
    path("", include((_operations(), "api"))),
    re_path(r"^.*$", unknown_address),
]
