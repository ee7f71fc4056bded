"""Caches that degrade to "no cache" instead of failing a request: Redis when it is unreachable,
and the shared disk cache of a single host when its files cannot be written.

Django's RedisCache raises on a connection error, which would turn a cache outage into error
pages. The Redis backend here logs, answers as if the key were missing (or the write had failed),
and stops trying for a couple of seconds so readers do not each wait for a connection timeout; it
recovers by itself when Redis returns.
"""

from __future__ import annotations

import logging
import sqlite3
import time

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
BACKOFF_SECONDS = 2.0


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        params = {**params}
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        params["OPTIONS"] = options
        super().__init__(server, params)
        # Where writes go (the first server named), for the page-cache generations' own
        # connections (serai.core.coherence).
        self.location = (server.split(",") if isinstance(server, str) else list(server))[0].strip()

    def _guard(self, operation, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return operation(*args, **kwargs)
        except Exception as exc:  # redis.exceptions.ConnectionError, TimeoutError, OSError
            import redis

            if not isinstance(
                exc, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
            ):
                raise
            self._down_until = time.monotonic() + BACKOFF_SECONDS
            logger.warning("Redis cache unavailable (%s); carrying on without it.", exc)
            return default

    def is_down(self) -> bool:
        """True while Redis is known to be unreachable (callers must not trust empty answers)."""
        return time.monotonic() < self._down_until

    def get(self, key, default=None, version=None):
        return self._guard(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set_many, list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # During an outage, answer "added": callers use add() as "am I the first?" (send this
        # email, take this slot), and doing a thing twice beats never doing it.
        return self._guard(super().add, True, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._guard(super().incr, None, key, delta, version)

    def delete(self, key, version=None):
        return self._guard(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard(super().delete_many, None, keys, version)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, False, key, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, False, key, timeout, version)

    def clear(self):
        # Processes that keep page-cache generations in memory hear of the flush from Redis itself.
        return self._guard(super().clear, None)


def _unwritten() -> None:
    logger.warning("Disk cache could not be written (busy or refused); carrying on without it.")


class SharedDiskCache(DjangoCache):
    """diskcache's Django cache: SQLite files that every process of one host shares, the default
    in production without Redis (see settings.CACHES).

    Never waits without end: diskcache retries a write whose database is busy, or refuses to be
    written (a folder created by another user, a full disk), for as long as it fails when asked to
    retry, which is its default for writes. Here each operation waits up to DATABASE_TIMEOUT (one
    second) for the write lock, then, like ResilientRedisCache during an outage, answers as if the
    key were missing or the write had failed, and logs it; nothing is raised into a request.

    Connections stay open between requests: Django closes every cache a request used when it
    ends, and opening one again costs a connection and its pragmas per shard.
    """

    def __init__(self, directory, params):
        super().__init__(directory, {"DATABASE_TIMEOUT": 1.0, **params})

    def _guard(self, operation, default, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            logger.warning("Disk cache unavailable (%s); carrying on without it.", exc)
            return default

    def get(self, key, default=None, version=None, read=False, expire_time=False, tag=False, retry=False):
        return self._guard(super().get, default, key, default, version, read, expire_time, tag, False)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, read=False, tag=None, retry=False):
        done = self._guard(super().set, False, key, value, timeout, version, read, tag, False)
        if done is False:
            _unwritten()
        return done

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, read=False, tag=None, retry=False):
        added = self._guard(super().add, True, key, value, timeout, version, read, tag, False)
        if added is False and not self.has_key(key, version):
            # Not there, yet not added: the write failed. Answer "added", as ResilientRedisCache
            # does: callers use add() as "am I the first?" (send this email, take this slot), and
            # doing a thing twice beats never doing it.
            _unwritten()
            return True
        return added

    def incr(self, key, delta=1, version=None, default=None, retry=False):
        value = self._guard(super().incr, None, key, delta, version, default, False)
        if value is None:
            _unwritten()
        return value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, retry=False):
        return self._guard(super().touch, False, key, timeout, version, False)

    def delete(self, key, version=None, retry=False):
        return self._guard(super().delete, False, key, version, False)

    def close(self, **kwargs):
        """Kept open (see the class); diskcache reconnects by itself in a forked process."""
