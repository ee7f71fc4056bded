"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Django's RedisCache raises on a connection error, which would turn a cache outage into error
pages. This backend logs, answers as if the key were missing (or the write had failed), and stops
trying for a couple of seconds so readers do not each wait for a connection timeout; it recovers
by itself when Redis returns.
"""

from __future__ import annotations

import logging
import time

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
        result = self._guard(super().clear, None)
        # Processes that keep page-cache generations in memory must forget them too.
        from serai.core.generations import CacheGenerations

        CacheGenerations.announce_cleared(self)
        return result
