"""Telling caches in front of Serai (nginx, a CDN) to drop pages that changed.

A backend is any object with `purge(paths)`. Choose it with SERAI_PURGE_BACKEND:
- "dummy" (default): remembers what it was asked, for tests and single-server setups;
- "nginx": for each path, a GET to SERAI_PURGE_URL + path carrying `X-Serai-Purge: 1`; the nginx
  configuration in docs/deploy.md bypasses its cache for such requests (from loopback only) and
  stores the fresh response, so the next reader gets the new page.
"""

from __future__ import annotations

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)


class DummyPurger:
    def __init__(self):
        self.purged: list[str] = []

    def purge(self, paths) -> None:
        self.purged.extend(paths)
        del self.purged[:-1000]


class NginxPurger:
    """Refreshes nginx's proxy cache entry for each path through its bypass header."""

    def __init__(self, base_url: str, timeout: float = 2.0):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout

    def purge(self, paths) -> None:
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            for path in dict.fromkeys(paths):
                connection.request("GET", path, headers={"X-Serai-Purge": "1", "Host": self.host})
                connection.getresponse().read()
            connection.close()
        except OSError as exc:
            # A cache that cannot be told stays stale only until its s-maxage runs out.
            logger.warning("Could not purge %d pages from nginx: %s", len(paths), exc)


_purger = None


def purger():
    global _purger
    if _purger is None:
        backend = settings.SERAI_PURGE_BACKEND
        if backend == "nginx":
            _purger = NginxPurger(settings.SERAI_PURGE_URL)
        elif backend == "dummy":
            _purger = DummyPurger()
        else:
            from django.utils.module_loading import import_string

            _purger = import_string(backend)()
    return _purger


def reset_purger() -> None:
    global _purger
    _purger = None
