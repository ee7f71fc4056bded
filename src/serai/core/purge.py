"""Telling caches in front of Serai (nginx, Varnish, a CDN) to drop pages that changed.

A backend is any object with `purge(items)`: the addresses of the pages that changed, or, for a
backend whose `by_keys` is true, their surrogate keys (the generation names the pages declared,
sent with each page in an `xkey` header when SERAI_SURROGATE_KEYS is on: `surrogate_key`). Choose it with
SERAI_PURGE_BACKEND:
- "dummy" (default): remembers what it was asked, synchronously, for tests and single-server setups;
- "nginx": for each path, a GET to SERAI_PURGE_URL + path carrying `X-Serai-Purge: 1`; the nginx
  configuration in docs/deploy.md bypasses its cache for such requests (from loopback only) and
  stores the fresh response, so the next reader gets the new page. nginx keeps two copies of a
  page, plain and gzip-compressed (for browsers, which all take gzip), so each path is asked for
  twice, once as `Accept-Encoding: identity` (the plain copy) and once as `Accept-Encoding: gzip`;
- "varnish": for each changed key, a `PURGE` to SERAI_PURGE_URL carrying `xkey: <key>`; the VCL
  in docs/deploy.md drops every object tagged with it (the xkey vmod), whatever its address.

The nginx backend never makes a request thread wait for nginx: nginx answers a purge by asking an
app server for the fresh page, and a request thread waiting for that answer is a thread that
cannot give it (with as many writers as threads, every purge used to time out). `purge()` queues
the paths and returns; one background thread per process sends them over a keep-alive
connection. A path already waiting in the queue is sent once, however often it is queued.
"""

from __future__ import annotations

import atexit
import http.client
import logging
import os
import threading
import time
import weakref
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from serai.core.server import default_threads, threads_per_worker

logger = logging.getLogger(__name__)


class DummyPurger:
    def __init__(self):
        self.purged: list[str] = []

    def purge(self, paths) -> None:
        self.purged.extend(paths)
        del self.purged[:-1000]

    def flush(self, timeout: float | None = None) -> bool:
        return True


class _Waiter:
    """Lets a caller wait until the paths it queued have been sent (or given up on)."""

    def __init__(self, count: int):
        self.left = count
        self.done = threading.Event()

    def one_done(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.done.set()


def _threads_per_process() -> int:
    try:
        return threads_per_worker()
    except ImproperlyConfigured:
        return default_threads()  # `serai serve` refuses such a value; under another server, the default


_live_purgers: weakref.WeakSet = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for purger_ in list(_live_purgers):
        purger_._reset()


def _flush_at_exit() -> None:
    for purger_ in list(_live_purgers):
        purger_.flush(2.0)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_flush_at_exit)


class NginxPurger:
    """Refreshes nginx's proxy cache entry for each path through its bypass header.

    `purge(paths)` queues and returns at once (or, with `wait` > 0, waits at most that long for
    its own paths to be sent: the next reader then gets the fresh page, while a burst of writers
    still cannot stall each other). A failed path is retried up to ATTEMPTS times in all, then
    logged ("Could not purge …") and dropped: nginx's copy stays stale until a later purge or its
    s-maxage. `flush(timeout)` waits until the queue is empty (tests, shutdown).
    """

    ATTEMPTS = 3
    RETRY_PAUSE = 0.2
    by_keys = False
    # nginx's copies of a page, by the Accept-Encoding its configuration asks Serai with (the
    # `$serai_encoding` map of docs/deploy.md): the plain page, and the page for browsers.
    COPIES = ("", "gzip")

    def __init__(self, base_url: str, timeout: float = 10.0, wait: float = 0.0, copies=COPIES):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.wait = wait
        self.copies = tuple(copies)
        self.sent = 0
        self.failed = 0
        self._reset()
        _live_purgers.add(self)

    def _reset(self) -> None:
        """A fresh queue and no thread: at start, and in a forked child (the parent's thread and
        connection stay the parent's; a lock held at the fork would never be released here)."""
        self._pid = os.getpid()
        self._cond = threading.Condition(threading.Lock())
        # path -> [attempts made, waiters, rank]: the rank is the path's place in the list it came
        # in (a story's pages first, then the lists and feeds showing it), and the lowest rank
        # waiting goes first, so a burst of changes never holds a page back behind its lists.
        self._pending: dict[str, list] = {}
        self._in_flight = 0
        self._thread: threading.Thread | None = None
        self._connection: http.client.HTTPConnection | None = None
        # How many requests of this process may wait for their purges at once: one fewer than
        # the server's threads per process (`serai serve --threads`, SERAI_THREADS).
        self._waiting = threading.BoundedSemaphore(max(1, _threads_per_process() - 1))

    # Callers ----------------------------------------------------------------------------------

    def purge(self, paths) -> None:
        paths = list(dict.fromkeys(paths))
        if not paths:
            return
        if self._pid != os.getpid():  # forked without the fork hook running (it always does in CPython)
            self._reset()
        waiter = _Waiter(len(paths)) if self.wait > 0 else None
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="serai-purge", daemon=True)
                self._thread.start()
            for rank, path in enumerate(paths):
                entry = self._pending.get(path)
                if entry is None:
                    entry = self._pending[path] = [0, [], rank]
                entry[2] = min(entry[2], rank)
                if waiter is not None:
                    entry[1].append(waiter)
            self._cond.notify_all()
        if waiter is not None:
            # nginx answers a purge by asking an app server for the page: if every thread of this
            # process were waiting for a purge, none would be left to answer. One always stays free.
            if self._waiting.acquire(blocking=False):
                try:
                    waiter.done.wait(self.wait)
                finally:
                    self._waiting.release()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued path has been sent or given up on; False if time ran out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending or self._in_flight:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    # The thread -------------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                self._serve_one()
            except Exception:  # never let the thread die: later purges must still go out
                logger.warning("The purge thread hit an unexpected error; carrying on.", exc_info=True)
                time.sleep(self.RETRY_PAUSE)

    def _serve_one(self) -> None:
        with self._cond:
            while not self._pending:
                self._cond.wait()
            # The lowest rank first; among equals, the one waiting longest (dicts keep their order).
            path = min(self._pending, key=lambda p: self._pending[p][2])
            attempts, waiters, rank = self._pending.pop(path)
            self._in_flight += 1
        error = None
        try:
            self._send(path)
        except Exception as exc:
            error = exc
        with self._cond:
            self._in_flight -= 1
            if error is None:
                self.sent += 1
            elif attempts + 1 < self.ATTEMPTS:
                # Back in the queue, merged with a newer request for the same path if one came.
                entry = self._pending.setdefault(path, [0, [], rank])
                entry[0] = max(entry[0], attempts + 1)
                entry[2] = min(entry[2], rank)
                entry[1].extend(waiters)
                waiters = []
            else:
                self.failed += 1
                logger.warning(
                    "Could not purge %s from nginx after %d attempts: %s", path, self.ATTEMPTS, error
                )
            for waiter in waiters:
                waiter.one_done()
            self._cond.notify_all()
        if error is not None:
            time.sleep(self.RETRY_PAUSE)

    def _send(self, path: str) -> None:
        """Refresh each of nginx's copies of `path`, one after the other on the kept connection."""
        for encoding in self.copies:
            headers = {"X-Serai-Purge": "1", "Host": self.host}
            if encoding:
                headers["Accept-Encoding"] = encoding
            self._request(path, headers)

    # How a purge is asked: nginx refreshes its entry on a GET carrying the bypass header.
    METHOD = "GET"

    def _request(self, path: str, headers: dict) -> None:
        """One purge request on the kept connection; a connection nginx closed is reopened once."""
        for fresh in (self._connection is None, True):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self._connection.request(self.METHOD, path, headers=headers)
                response = self._connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self._connection.close()
                self._connection = None
                if fresh:
                    raise
                continue  # a kept connection nginx had closed (keepalive_timeout): once more, anew
            if response.will_close:
                self._connection.close()
                self._connection = None
            if response.status >= 500 or (self.by_keys and response.status >= 400):
                raise OSError(f"The cache in front answered {response.status}")
            return


def surrogate_key(name: str) -> str:
    """A generation name as a surrogate key: header-safe, without the spaces that separate keys."""
    return quote(name, safe=":-_.")


class VarnishPurger(NginxPurger):
    """Drops every object Varnish tagged with a changed key (`xkey` vmod), on the same queue and
    background thread as the nginx purges: a writer never waits for Varnish. Items are keys."""

    METHOD = "PURGE"
    COPIES = ("",)  # Varnish keeps its compressed and plain variants under one key
    by_keys = True

    def _send(self, key: str) -> None:
        self._request("/", {"xkey": surrogate_key(key), "Host": self.host})


_purger = None


def purger():
    global _purger
    if _purger is None:
        backend = settings.SERAI_PURGE_BACKEND
        if backend == "nginx":
            _purger = NginxPurger(settings.SERAI_PURGE_URL, wait=settings.SERAI_PURGE_WAIT)
        elif backend == "varnish":
            _purger = VarnishPurger(settings.SERAI_PURGE_URL)
        elif backend == "dummy":
            _purger = DummyPurger()
        else:
            from django.utils.module_loading import import_string

            _purger = import_string(backend)()
    return _purger


def reset_purger() -> None:
    global _purger
    _purger = None
