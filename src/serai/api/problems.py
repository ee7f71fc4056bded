"""Errors as RFC 9457 problem details (`application/problem+json`), for every 4xx and 5xx the API
answers, whatever raised it: request validation, not found, a closed thread, a vote counted
already, a crash (logged; the reader gets a problem, never Django's HTML page)."""

from __future__ import annotations

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestInvalid

from serai.comments.services import CommentsClosed
from serai.comments.votes import AlreadyVoted

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    422: "Invalid input",
    500: "Server error",
}


class Problem(Exception):
    """Raised by the API's code to answer with a problem; `errors`: field → messages."""

    def __init__(self, status: int, detail: str, *, kind: str = "", errors: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.kind, self.errors = status, detail, kind, errors


def problem_response(status: int, detail: str, *, kind: str = "", errors: dict | None = None) -> HttpResponse:
    """The problem document: `type` names the kind of problem within the API's docs."""
    body = {
        "type": f"/api/v1/problems/{kind or status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _field(location: list) -> str:
    """`["body", "payload", "email"]` → "email"; `["query", "cursor"]` → "cursor"."""
    names = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(names) or "body"


def request_invalid(request, exc: RequestInvalid) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(list(error.get("loc", []))), []).append(str(error.get("msg", "")))
    return problem_response(422, _("Some fields are missing or invalid."), kind="invalid", errors=errors)


def raised(request, exc: Problem) -> HttpResponse:
    return problem_response(exc.status, exc.detail, kind=exc.kind, errors=exc.errors)


def not_found(request, exc: Exception) -> HttpResponse:
    detail = str(exc) if isinstance(exc, Http404) and str(exc) else _("Nothing here.")
    return problem_response(404, detail, kind="not-found")


def http_error(request, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc))


def closed(request, exc: CommentsClosed) -> HttpResponse:
    return problem_response(409, " ".join(exc.messages), kind="comments-closed")


def already_voted(request, exc: AlreadyVoted) -> HttpResponse:
    return problem_response(409, " ".join(exc.messages), kind="already-voted")


def refused(request, exc: DjangoValidationError) -> HttpResponse:
    return problem_response(422, " ".join(exc.messages), kind="refused")


def forbidden(request, exc: PermissionDenied) -> HttpResponse:
    return problem_response(403, str(exc) or _("Not allowed."), kind="forbidden")


def crashed(request, exc: Exception) -> HttpResponse:
    logger.exception("API request failed: %s %s", request.method, request.path)
    return problem_response(500, _("Something went wrong on our side; try again later."), kind="server-error")


HANDLERS = [
    (RequestInvalid, request_invalid),
    (Problem, raised),
    (Http404, not_found),
    (HttpError, http_error),
    (CommentsClosed, closed),
    (AlreadyVoted, already_voted),
    (DjangoValidationError, refused),
    (PermissionDenied, forbidden),
    (Exception, crashed),
]


def register(api) -> None:
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)


def unknown_address(request, rest: str = "") -> HttpResponse:
    """Any other address under /api/v1/: a problem, not the site's HTML page."""
    return problem_response(404, _("No such address in the API."), kind="not-found")
