"""Security headers on every answer, for its own request: made by Django or by the page cache.

`security_headers(kind(path), secure)` is the one definition: `SecurityHeadersMiddleware` adds them to
what Django makes, outside the page cache, and the page cache's hit path (`serai.core.pagecache`)
adds them to what it serves, so a stored page never replays the headers of the request that
first made it (a page first made over HTTP carries Strict-Transport-Security over HTTPS).
The values follow Django's settings as Django's SecurityMiddleware reads them (HSTS, nosniff,
referrer policy, cross-origin opener policy); that middleware, outside this one, then finds them
set and keeps them, and still redirects to HTTPS when SECURE_SSL_REDIRECT asks.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# No inline script anywhere on reader pages; styles and scripts only from our own origin.
READER_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# Django's admin sets a few style attributes of its own.
ADMIN_CSP = READER_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# Uploaded files are only ever images: served alone, they may not run script, load anything else or
# be framed, even if a browser were tricked into reading one as a page.
MEDIA_CSP = (
    "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

# Every cache hit asks for its headers: what they depend on is read from the settings once (and
# again when a test changes them), not on every answer.
_made: dict[tuple[str, bool], list[tuple[str, str]]] = {}
_read: dict[str, object] = {}


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    _made.clear()
    _read.clear()


def _setting(name: str):
    try:
        return _read[name]
    except KeyError:
        value = _read[name] = getattr(settings, name)
        return value


def is_secure(environ: dict) -> bool:
    """What `HttpRequest.is_secure()` answers for this WSGI environ (SECURE_PROXY_SSL_HEADER)."""
    header = _read.get("SECURE_PROXY_SSL_HEADER", _read)  # _read itself: not read yet
    if header is _read:
        header = _setting("SECURE_PROXY_SSL_HEADER")
    if header:
        name, secure_value = header
        value = environ.get(name)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def redirects_to_https() -> bool:
    return bool(_setting("SECURE_SSL_REDIRECT"))


def kind(path: str) -> str:
    """Which headers a path's answers take: "admin", "media" or "reader"."""
    if path.startswith("/" + _setting("SERAI_ADMIN_PATH")):
        return "admin"
    media = _setting("MEDIA_URL")
    if media.startswith("/") and path.startswith(media):
        return "media"
    return "reader"


def security_headers(kind_of_path: str, secure: bool) -> list[tuple[str, str]]:
    """The security headers an answer to a path of that `kind` over HTTPS or HTTP carries."""
    made = _made.get((kind_of_path, secure))
    if made is None:
        made = _made[(kind_of_path, secure)] = _make(kind_of_path, secure)
    return made


def _make(kind: str, secure: bool) -> list[tuple[str, str]]:
    csp = {"admin": ADMIN_CSP, "media": MEDIA_CSP}.get(kind, READER_CSP)
    headers = [
        ("Content-Security-Policy", csp),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        policy = policy if isinstance(policy, str) else ",".join(policy)
        headers.append(("Referrer-Policy", policy))
    if secure and settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    return headers


class SecurityHeadersMiddleware:
    """Adds `security_headers` to everything Django answers (a view may set its own first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in security_headers(kind(request.path), request.is_secure()):
            response.headers.setdefault(name, value)
        return response
