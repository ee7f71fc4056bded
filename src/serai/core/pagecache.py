"""Whole-page cache for anonymous readers, invalidated precisely, served before Django runs.

How it works:
- `PageCacheMiddleware` (outermost but for compression) reads the "site" generation before a
  cacheable request is handled; views add what else their page shows with
  `depend(request, "article:42")`, which reads that generation at once, before the data is
  queried. After the response is complete (every middleware has added its headers) a page marked
  cacheable is stored with those generations.
- `PageCacheApp` wraps the WSGI application: a GET whose stored page is still fresh (every
  generation unchanged, not past its expiry) is answered from memory without entering Django,
  compressed for readers who ask (`variant`, kept beside the page: serai.core.compression).
- Writers call `serai.core.freshness` after commit, which bumps generations and asks the purge
  backend (nginx, a CDN) to drop the same pages.

Pages are stored per process (a bounded LRU); freshness is shared through the generation store,
so every worker and every app server stops serving a page the moment it changes.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from email.utils import formatdate

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.cookie import parse_cookie
from django.utils.cache import patch_cache_control

from serai.core import compression, generations
from serai.core.lru import LRU

SESSION_COOKIE = "sessionid"


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    expires: float
    # What the page shows and the generations it was made with, as a hit checks them (see
    # generations.Probe).
    probe: generations.Probe
    article_id: int | None = None
    # (headers, body) for readers who named codings, by coding ("" for none acceptable), made the
    # first time one asks (see `variant`).
    variants: dict[str, tuple[list[tuple[str, str]], bytes]] = field(default_factory=dict)


class PageStore(LRU[str, Entry]):
    """Rendered pages, keyed by path and query string."""


_pages: PageStore | None = None


def pages() -> PageStore:
    global _pages
    if _pages is None:
        _pages = PageStore(settings.SERAI_PAGE_CACHE_ENTRIES)
    return _pages


def _key(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _parse_cookies(header: str) -> dict[str, str]:
    return parse_cookie(header) if header else {}


def _reader_sees_own_version(cookie_header: str, article_id: int | None) -> bool:
    """True when this reader's cookies change what this page shows (staff, own comment, vote)."""
    if not cookie_header:
        return False
    if SESSION_COOKIE + "=" in cookie_header:
        return True
    if article_id is None or "serai_" not in cookie_header:
        return False
    from serai.comments.readers import articles_named

    return article_id in articles_named(_parse_cookies(cookie_header))


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
    """Unexpired and unchanged: the check `PageCacheApp` makes inline on every hit."""
    probe = entry.probe
    return (
        time.time() < entry.expires
        and probe.store is generations.store()
        and probe.read(probe.source) == probe.expected
    )


# Django side -----------------------------------------------------------------------------


def story_key(language: str, slug: str) -> str:
    """The generation name of one article's page (its text, its thread, its votes)."""
    return f"story:{language}:{slug}"


def depend(request, name: str) -> None:
    """Record that the page being made shows `name`; read its generation now, before the data."""
    stamps = getattr(request, "_serai_page_deps", None)
    if stamps is None:
        return
    value = generations.store().read([name])
    if value is None:
        request._serai_page_deps = None  # the store is unreachable: do not cache this page
        return
    stamps[name] = value[0]


def cacheable(request, *, article_id: int | None = None) -> None:
    """Mark the page being made as the same for every anonymous reader (see the module doc)."""
    if getattr(request, "_serai_page_deps", None) is not None:
        request._serai_page_cacheable = True
        request._serai_page_article = article_id


class PageCacheMiddleware:
    """Outermost middleware: opens the dependency record, stores cacheable pages, sets headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        candidate = (
            settings.SERAI_PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and SESSION_COOKIE not in request.COOKIES
        )
        if candidate:
            request._serai_page_deps = {}
            depend(request, "site")
            next_due = generations.store().value(generations.NEXT_DUE) / 1000
            if next_due and next_due <= time.time():
                from serai.core.freshness import due_articles_check

                due_articles_check()
                depend(request, "site")
                next_due = generations.store().value(generations.NEXT_DUE) / 1000
            request._serai_page_next_due = next_due
        response = self.get_response(request)
        deps = getattr(request, "_serai_page_deps", None)
        if (
            getattr(request, "_serai_page_cacheable", False)
            and deps is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _reader_sees_own_version(request.META.get("HTTP_COOKIE", ""), request._serai_page_article)
        ):
            self._store(request, response, deps, request._serai_page_article)
        elif not response.has_header("Cache-Control"):
            # Anything not made for every reader stays out of shared caches (nginx, CDNs).
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _store(self, request, response, deps, article_id) -> None:
        body = response.content
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        now = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = formatdate(now, usegmt=True)
        if response.has_header("Vary"):
            # Cookies are handled here (see _reader_sees_own_version), not by shared caches.
            vary = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
            if vary:
                response["Vary"] = ", ".join(vary)
            else:
                del response["Vary"]
        expires = now + settings.SERAI_PAGE_CACHE_SECONDS
        shared = settings.SERAI_SHARED_CACHE_SECONDS
        next_due = getattr(request, "_serai_page_next_due", 0)
        if next_due and next_due > now:
            # A scheduled article is due then: every cache must rebuild this page by that time.
            expires = min(expires, next_due)
            shared = max(0, min(shared, int(next_due - now)))
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
        headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
        entry = Entry(
            status=f"{response.status_code} {response.reason_phrase}",
            headers=headers,
            body=body,
            etag=etag,
            expires=expires,
            probe=generations.store().probe(tuple(deps), list(deps.values())),
            article_id=article_id,
        )
        pages().put(_key(request.path, request.META.get("QUERY_STRING", "")), entry)


# WSGI side -------------------------------------------------------------------------------

NOT_MODIFIED_HEADERS = {"ETag", "Cache-Control", "Last-Modified", "Content-Security-Policy", "Vary"}
_allowed_hosts: dict[str, bool] = {}


def _host_allowed(host: str) -> bool:
    """The same Host check Django makes, remembered per host name."""
    allowed = _allowed_hosts.get(host)
    if allowed is None:
        from django.http.request import split_domain_port, validate_host

        domain, _port = split_domain_port(host)
        allowed = bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
        if len(_allowed_hosts) < 1000:
            _allowed_hosts[host] = allowed
    return allowed


_enabled: bool | None = None  # settings.SERAI_PAGE_CACHE, read once (again when a test changes it)


@receiver(setting_changed)
def _forget_enabled(setting, **kwargs) -> None:
    global _enabled
    if setting == "SERAI_PAGE_CACHE":
        _enabled = None


class PageCacheApp:
    """Answers fresh cached pages before Django; everything else goes to Django.

    Every cache hit runs this, and its Python is what a hit costs beyond the server's own work.
    A Python call costs more than most of what a hit does, so the usual hit (a page without
    cookies of its reader's own, no compression asked) makes none: the page store's dict is
    read directly, and the generations are checked by the page's `Probe`.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        global _enabled
        if _enabled is None:
            _enabled = bool(settings.SERAI_PAGE_CACHE)
        method = environ.get("REQUEST_METHOD")
        if _enabled and (method == "GET" or method == "HEAD"):
            path = environ.get("PATH_INFO", "")
            query = environ.get("QUERY_STRING")
            key = f"{path}?{query}" if query else path
            # The store's dict, read here without a call (see LRU.get); `_pages or …` would call
            # the store's __len__.
            entries = (_pages if _pages is not None else pages()).entries
            entry = entries.get(key)
            if entry is not None:
                try:
                    entries.move_to_end(key)
                except KeyError:
                    pass  # dropped by another thread meanwhile
                host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
                cookies = environ.get("HTTP_COOKIE")
                probe = entry.probe
                if (
                    (_allowed_hosts.get(host) or _host_allowed(host))
                    and not (cookies and _reader_sees_own_version(cookies, entry.article_id))
                    and time.time() < entry.expires
                    and probe.store is generations._store  # the module's store, read without a call
                    and probe.read(probe.source) == probe.expected
                ):
                    accept = environ.get("HTTP_ACCEPT_ENCODING")
                    if accept and (compression._enabled or compression.enabled()):
                        # What `variant` does, with no call once the page's copy for this coding
                        # exists (every browser names codings).
                        codings = compression._choices.get(accept)  # acceptable()'s memory
                        if codings is None:
                            codings = compression.acceptable(accept)
                        coding = codings[0] if codings else ""
                        made = entry.variants.get(coding)
                        headers, body = made if made is not None else variant(entry, coding or None)
                    else:
                        headers, body = entry.headers, entry.body
                    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
                    if if_none_match and compression.etag_matches(if_none_match, entry.etag):
                        start_response(
                            "304 Not Modified", [h for h in headers if h[0] in NOT_MODIFIED_HEADERS]
                        )
                        return [b""]
                    start_response(entry.status, headers)
                    return [b""] if method == "HEAD" else [body]
        return self.application(environ, start_response)
