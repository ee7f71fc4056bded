"""Cross-site request protection for the readers' forms on cacheable pages.

A cached page cannot carry a per-reader CSRF token, so the anonymous forms (comment, reply, vote,
report) are protected the way OWASP describes for token-less endpoints: the browser's own
`Origin` header (or `Sec-Fetch-Site`, or failing both the `Referer`) must name this site. Forms
for staff keep Django's usual CSRF tokens.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(request) -> bool:
    """True when the request comes from a page of this site."""
    allowed = {f"{request.scheme}://{request.get_host()}".lower()}
    allowed.update(o.lower() for o in settings.CSRF_TRUSTED_ORIGINS)
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin.lower() in allowed
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in allowed
    return False


def same_origin_post(view):
    """Accept state-changing requests only from this site's own pages."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS") and not is_same_origin(request):
            return HttpResponseForbidden(
                _(
                    "This form was sent from another site, so it was refused. "
                    "Open the article on our site and send it from there."
                )
            )
        return view(request, *args, **kwargs)

    return wrapper
