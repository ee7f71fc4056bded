"""Whole-page cache for anonymous readers, invalidated precisely, served before Django runs.

How it works:
- `PageCacheMiddleware` opens a `PageRecord` on each cacheable request and reads the "site"
  generation before the request is handled; views add what else their page shows with
  `depend(request, "story:en:slug")`, which reads that generation at once, before the data is
  queried. A page the view marked `cacheable` is stored with those generations once Django's
  inner middleware is done with it.
- `PageCacheApp` wraps the WSGI application and asks `cached_answer(environ)` first: a GET whose
  stored page is still fresh (every generation unchanged, not past its expiry) is answered from
  memory without entering Django. Security headers are not stored with the page: they are added
  to every answer for its own request (`serai.core.middleware.security_headers`), so a page first
  made over HTTP carries Strict-Transport-Security when it is served over HTTPS.
- Writers call `serai.core.freshness.changed` after commit, which bumps generations and asks the
  purge backend (nginx, a CDN) to drop the same pages.

Apps register what the cache must know about them: `register_own_version(prefix, function)` for
cookies that make a page a reader's own (their pending comment, their vote).

Pages are stored per process (a bounded LRU); freshness is shared through the generation store
(`serai.core.generations`), so every worker and app server stops serving a page once it changes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils.cache import patch_cache_control

from serai.core import compression, generations, readings
from serai.core.freshness import due_check
from serai.core.lru import LRU
from serai.core.middleware import is_secure, kind, redirects_to_https, security_headers
from serai.core.purge import surrogate_key

SESSION_COOKIE = "sessionid"
NOT_MODIFIED_HEADERS = {"ETag", "Cache-Control", "Last-Modified", "Vary"}


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    expires: float
    # What the page shows and the generations it was made with, as a hit checks them.
    probe: generations.Probe
    article_id: int | None = None
    read_key: int | None = None  # what a read of it counts as (serai.core.readings), if anything
    kind: str = "reader"  # which security headers its answers take (serai.core.middleware.kind)
    # (headers, body) for readers who named codings, by coding ("" for none acceptable), made the
    # first time one asks (see `variant`).
    variants: dict[str, tuple[list[tuple[str, str]], bytes]] = field(default_factory=dict)


@dataclass
class PageRecord:
    """What the page being made shows (generation name → value read), and whether it may be
    shared; kept on the request as `request.serai_page`."""

    deps: dict[str, object] | None = field(default_factory=dict)  # None: do not cache this page
    cacheable: bool = False
    article_id: int | None = None
    read_key: int | None = None
    next_due: float = 0.0


_pages: LRU[str, Entry] | None = None


def pages() -> LRU[str, Entry]:
    """Rendered pages of this process, keyed by path and query string."""
    global _pages
    if _pages is None:
        _pages = LRU(settings.SERAI_PAGE_CACHE_ENTRIES)
    return _pages


def page_key(path: str, query: str | None) -> str:
    return f"{path}?{query}" if query else path


# What apps register ---------------------------------------------------------------------------

_own_versions: list[tuple[str, Callable[[dict[str, str]], set[int]]]] = []


def register_own_version(cookie_prefix: str, articles_named: Callable[[dict[str, str]], set[int]]) -> None:
    """Cookies whose names start with `cookie_prefix` may make an article's page the reader's
    own: `articles_named(cookies)` names those articles (forged or expired cookies name none)."""
    if (cookie_prefix, articles_named) not in _own_versions:
        _own_versions.append((cookie_prefix, articles_named))


def reader_sees_own_version(cookie_header: str | None, article_id: int | None) -> bool:
    """True when this reader's cookies change what this page shows (staff, own comment, vote)."""
    if not cookie_header:
        return False
    if SESSION_COOKIE + "=" in cookie_header:
        return True
    if article_id is None:
        return False
    cookies = None
    for prefix, articles_named in _own_versions:
        if prefix in cookie_header:
            cookies = cookies if cookies is not None else parse_cookie(cookie_header)
            if article_id in articles_named(cookies):
                return True
    return False


def story_key(language: str, slug: str) -> str:
    """The generation name of one article's page (its text, its thread, its votes)."""
    return f"story:{language}:{slug}"


# The hit path ---------------------------------------------------------------------------------


def variant(entry: Entry, coding: str | None) -> tuple[list[tuple[str, str]], bytes]:
    """The stored page's headers and body for a reader whose request named codings: compressed in
    `coding` when that is smaller, always with `Vary: Accept-Encoding` (see serai.core.compression).
    Made once per page, process and coding; two threads making the same one at once both succeed."""
    key = coding or ""
    made = entry.variants.get(key)
    if made is None:
        made = entry.variants[key] = _make_variant(entry, coding)
    return made


def _make_variant(entry: Entry, coding: str | None) -> tuple[list[tuple[str, str]], bytes]:
    named = {name.lower(): value for name, value in entry.headers}
    if not compression.compressible(named.get("content-type")) or len(entry.body) < compression.MIN_BYTES:
        return entry.headers, entry.body  # the same whatever the reader accepts: no Vary
    vary = [v.strip() for v in named.get("vary", "").split(",") if v.strip()]
    headers = [(name, value) for name, value in entry.headers if name.lower() != "vary"]
    headers.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
    body = compression.compress_stored(entry.body, coding) if coding else entry.body
    if len(body) >= len(entry.body):
        return headers, entry.body
    replaced = {"content-length": str(len(body)), "etag": compression.weak(entry.etag)}
    headers = [(name, replaced.get(name.lower(), value)) for name, value in headers]
    headers.append(("Content-Encoding", coding))
    return headers, body


def is_fresh(entry: Entry) -> bool:
    """Unexpired, made with the store in use, and every generation it shows unchanged."""
    probe = entry.probe
    return (
        time.time() < entry.expires
        and probe.store is generations.store()
        and probe.read(probe.source) == probe.expected
    )


_allowed_hosts: dict[str, bool] = {}


def host_allowed(host: str) -> bool:
    """The Host check Django makes, remembered per host name."""
    allowed = _allowed_hosts.get(host)
    if allowed is None:
        domain, _port = split_domain_port(host)
        allowed = bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
        if len(_allowed_hosts) < 1000:
            _allowed_hosts[host] = allowed
    return allowed


_enabled: list[bool] = []  # SERAI_PAGE_CACHE, read once (again when a test changes it)


def enabled() -> bool:
    if not _enabled:
        _enabled.append(bool(settings.SERAI_PAGE_CACHE))
    return _enabled[0]


@receiver(setting_changed)
def _settings_changed(setting, **kwargs) -> None:
    if setting == "ALLOWED_HOSTS":
        _allowed_hosts.clear()
    elif setting == "SERAI_PAGE_CACHE":
        _enabled.clear()


def cached_answer(environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """The answer to this request from the page store, or None when Django must make it.

    Every cache hit runs this, and its Python is most of what a hit costs: it makes a handful of
    calls and no allocation beyond the answer's header list. A stored page is served only to a GET
    or HEAD for an allowed host, from a reader whose cookies do not make the page their own, while
    the page is fresh (`is_fresh`); compressed for readers who ask (`variant`), 304 when the
    reader holds it already, always with the security headers its own request deserves.
    """
    method = environ.get("REQUEST_METHOD")
    if (method != "GET" and method != "HEAD") or not enabled():
        return None
    entry = pages().get(page_key(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING")))
    if entry is None or not host_allowed(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")):
        return None
    cookies = environ.get("HTTP_COOKIE")
    if (cookies and reader_sees_own_version(cookies, entry.article_id)) or not is_fresh(entry):
        return None
    secure = is_secure(environ)
    if not secure and redirects_to_https():
        return None  # Django's SecurityMiddleware sends the reader to HTTPS
    accept = environ.get("HTTP_ACCEPT_ENCODING")
    if accept and compression.enabled():
        headers, body = variant(entry, compression.preferred(accept))
    else:
        headers, body = entry.headers, entry.body
    if entry.read_key is not None and method == "GET":
        readings.count(entry.read_key)
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and compression.etag_matches(if_none_match, entry.etag):
        kept = [h for h in headers if h[0] in NOT_MODIFIED_HEADERS]
        return "304 Not Modified", kept + security_headers(entry.kind, secure), b""
    return entry.status, headers + security_headers(entry.kind, secure), b"" if method == "HEAD" else body


class PageCacheApp:
    """Answers fresh cached pages before Django (`cached_answer`); the rest goes to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = cached_answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]


# Django side ----------------------------------------------------------------------------------


def depend(request, name: str) -> None:
    """Record that the page being made shows `name`; read its generation now, before the data."""
    record = getattr(request, "serai_page", None)
    if record is None or record.deps is None:
        return
    value = generations.store().read([name])
    if value is None:
        record.deps = None  # the store is unreachable: do not cache this page
        return
    record.deps[name] = value[0]


def cacheable(request, *, article_id: int | None = None) -> None:
    """Mark the page being made as the same for every anonymous reader (see the module doc)."""
    record = getattr(request, "serai_page", None)
    if record is not None and record.deps is not None:
        record.cacheable = True
        record.article_id = article_id


def count_read(request, key: int) -> None:
    """Count a read of the page being made under `key` (serai.core.readings), and every later
    read of it served from the store (nothing about the reader is looked at)."""
    if request.method == "GET":
        readings.count(key)
    record = getattr(request, "serai_page", None)
    if record is not None:
        record.read_key = key


class PageCacheMiddleware:
    """Opens the dependency record, stores cacheable pages, sets their cache headers. Placed
    inside the security headers' middleware, so stored pages carry none of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SERAI_PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and SESSION_COOKIE not in request.COOKIES
        ):
            request.serai_page = self._open()
        response = self.get_response(request)
        record = getattr(request, "serai_page", None)
        if (
            record is not None
            and record.cacheable
            and record.deps is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not reader_sees_own_version(request.META.get("HTTP_COOKIE"), record.article_id)
        ):
            self._store(request, response, record)
        elif not response.has_header("Cache-Control"):
            # Anything not made for every reader stays out of shared caches (nginx, CDNs).
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _open() -> PageRecord:
        """A record with the "site" generation read, after a due scheduled article is published."""
        store = generations.store()
        next_due = store.value(generations.NEXT_DUE) / 1000
        if next_due and next_due <= time.time():
            due_check()
            next_due = store.value(generations.NEXT_DUE) / 1000
        record = PageRecord(next_due=next_due)
        site = store.read(["site"])
        if site is None:
            record.deps = None
        else:
            record.deps["site"] = site[0]
        return record

    @staticmethod
    def _store(request, response, record: PageRecord) -> None:
        body = response.content
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        now = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = formatdate(now, usegmt=True)
        if response.has_header("Vary"):
            # Cookies are handled here (see reader_sees_own_version), not by shared caches.
            vary = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
            if vary:
                response["Vary"] = ", ".join(vary)
            else:
                del response["Vary"]
        expires = now + settings.SERAI_PAGE_CACHE_SECONDS
        shared = settings.SERAI_SHARED_CACHE_SECONDS
        if record.next_due and record.next_due > now:
            # A scheduled article is due then: every cache must rebuild this page by that time.
            expires = min(expires, record.next_due)
            shared = max(0, min(shared, int(record.next_due - now)))
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
        if settings.SERAI_SURROGATE_KEYS:
            # What the page shows, for caches in front that purge by key (serai.core.purge).
            response["xkey"] = " ".join(surrogate_key(name) for name in record.deps)
        entry = Entry(
            status=f"{response.status_code} {response.reason_phrase}",
            headers=[(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
            body=body,
            etag=etag,
            expires=expires,
            probe=generations.store().probe(tuple(record.deps), list(record.deps.values())),
            article_id=record.article_id,
            read_key=record.read_key,
            kind=kind(request.path),
        )
        pages().put(page_key(request.path, request.META.get("QUERY_STRING")), entry)
