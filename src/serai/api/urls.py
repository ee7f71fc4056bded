"""The API's addresses: django-ninja's operations (their 405 answers made problems too), the
OpenAPI document, and a problem for every other address under /api/v1/."""

import functools

from django.http import JsonResponse
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext as _

from serai.api.api import api
from serai.api.problems import problem_response, unknown_address


def _problem_when_not_allowed(view):
    """django-ninja answers a method an address does not take with a bare text 405."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").endswith("json"):
            problem = problem_response(405, _("This address does not take this method."), kind="not-allowed")
            problem["Allow"] = response.get("Allow", "")
            return problem
        return response

    return answer


def index(request):
    """Where the description is (answered here, so the address is never taken for an edition's)."""
    return JsonResponse({"openapi": request.build_absolute_uri("openapi.json")})


def _operations() -> list[URLPattern]:
    """The root, which django-ninja would send to interactive docs (there are none), is `index`."""
    patterns, _app, _namespace = api.urls
    return [
        URLPattern(
            p.pattern, index if p.name == "api-root" else _problem_when_not_allowed(p.callback), name=p.name
        )
        for p in patterns
    ]


urlpatterns = [
    path("", include((_operations(), "api"))),
    re_path(r"^.*$", unknown_address),
]
