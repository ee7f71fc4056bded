"""Generation counters: the shared memory of what changed, read on every cached page.

A cached page records the generations of what it shows ("site", "article:42") when it was made;
it is fresh while they are unchanged. Writers bump generations after their transaction commits.

Two stores:
- `MmapGenerations` (one host, the default): a small file in var/ mapped into every worker's
  memory. Reading is a memory access, so a cache hit needs no system call and no network.
- `CacheGenerations` (several hosts): counters in the shared cache (Redis). If it cannot be
  reached, reads return None and callers treat every page as a miss instead of failing.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import secrets
import struct
import threading
import time
import zlib
from pathlib import Path

from serai.core.cache import BACKOFF_SECONDS

logger = logging.getLogger(__name__)

SLOTS = 1 << 16
SLOT = struct.Struct("<q")
NEXT_DUE = "next-due"


class MmapGenerations:
    """Counters in a memory-mapped file shared by the processes of one host.

    Names hash into 65,536 slots; two names sharing a slot only cause an extra re-render.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size < SLOTS * SLOT.size:
                os.ftruncate(fd, SLOTS * SLOT.size)
            self._map = mmap.mmap(fd, SLOTS * SLOT.size)
        finally:
            os.close(fd)
        self._lock_path = str(self.path) + ".lock"

    @staticmethod
    def _offset(name: str) -> int:
        return (zlib.crc32(name.encode()) % SLOTS) * SLOT.size

    def read(self, names) -> list[int] | None:
        return [SLOT.unpack_from(self._map, self._offset(n))[0] for n in names]

    def value(self, name: str) -> int:
        return SLOT.unpack_from(self._map, self._offset(name))[0]

    def bump(self, names) -> None:
        with open(self._lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for name in set(names):
                offset = self._offset(name)
                SLOT.pack_into(self._map, offset, SLOT.unpack_from(self._map, offset)[0] + 1)

    def set(self, name: str, value: int) -> None:
        with open(self._lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            SLOT.pack_into(self._map, self._offset(name), value)


class CacheGenerations:
    """Counters in the shared Redis behind Django's cache, for several app servers.

    Every value read carries the store's epoch, a random number written once: if Redis restarts
    empty, the epoch changes, so counters starting again from zero never match old pages.

    A cache hit reads the epoch and the page's counters with one MGET on a connection kept by this
    process (no client object or pool bookkeeping per call). If Redis cannot be reached, reads
    return None (callers render uncached) and further reads wait BACKOFF_SECONDS before trying
    again, so readers do not each wait for a connection timeout.
    """

    PREFIX = "serai:gen:"
    EPOCH = "serai:gen-epoch"
    KEYS_REMEMBERED = 4096

    def __init__(self, cache):
        self.cache = cache
        self._epoch_key = cache.make_key(self.EPOCH)
        self._keys: dict[str, str] = {}
        self._client = None
        self._pid = os.getpid()
        self._idle: list = []
        self._down_until = 0.0

    # Connections ------------------------------------------------------------------------------

    def client(self):
        """This process's Redis client (on the cache's connection pool), for writes."""
        if self._client is None:
            self._client = self.cache._cache.get_client(write=True)
        return self._client

    def _command(self, *args):
        """One command on an idle connection of this process; a connection that failed is closed."""
        if self._pid != os.getpid():
            # A forked worker must not share its parent's sockets (the parent keeps using them).
            self._pid, self._idle, self._client = os.getpid(), [], None
        try:
            connection = self._idle.pop()
        except IndexError:
            pool = self.client().connection_pool
            connection = pool.connection_class(**pool.connection_kwargs)
        try:
            connection.send_command(*args)
            reply = connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        self._idle.append(connection)
        return reply

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= self.KEYS_REMEMBERED:
                self._keys.clear()
            key = self._keys[name] = self.cache.make_key(self.PREFIX + name)
        return key

    def _unavailable(self, exc: BaseException) -> None:
        if time.monotonic() >= self._down_until:
            logger.warning("Page cache generations unavailable (%s); serving uncached pages.", exc)
        self._down_until = time.monotonic() + BACKOFF_SECONDS

    # The store --------------------------------------------------------------------------------

    def read(self, names) -> list[tuple[int, int]] | None:
        if self._down_until and time.monotonic() < self._down_until:
            return None
        keys = [self._key(n) for n in names]
        try:
            values = self._command("MGET", self._epoch_key, *keys)
            epoch = values[0]
            if epoch is None:
                # Redis is empty (first start, restart, flush): a new epoch, and nothing cached so
                # far can be trusted. NX: of several servers starting one, the first one wins.
                self._command("SET", self._epoch_key, secrets.randbits(62), "NX")
                return None
            epoch = int(epoch)
            return [(epoch, 0 if v is None else int(v)) for v in values[1:]]
        except Exception as exc:  # an unreachable store means "unknown", never an error page
            self._unavailable(exc)
            return None

    def value(self, name: str) -> int:
        if self._down_until and time.monotonic() < self._down_until:
            return 0
        try:
            return int(self._command("GET", self._key(name)) or 0)
        except Exception as exc:
            self._unavailable(exc)
            return 0

    def bump(self, names) -> None:
        # Tried even while reads are backing off: a change that is not recorded leaves other
        # servers' copies of the page looking fresh once Redis answers again.
        names = list(dict.fromkeys(names))
        try:
            pipe = self.client().pipeline(transaction=False)
            for name in names:
                pipe.incr(self._key(name))  # INCR creates a missing counter at 0
            pipe.execute()
        except Exception as exc:
            self._unavailable(exc)
            logger.warning("Could not record a change in the shared cache (%s): %s", ", ".join(names), exc)

    def set(self, name: str, value: int) -> None:
        try:
            self._command("SET", self._key(name), int(value))
        except Exception as exc:
            self._unavailable(exc)
            logger.warning("Could not record %s in the shared cache: %s", name, exc)


_store = None
_store_lock = threading.Lock()


def store():
    """The generation store this deployment uses, chosen once per process."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                from django.conf import settings
                from django.core.cache import caches

                cache = caches["default"]
                if "redis" in type(cache).__module__.lower() or "redis" in type(cache).__name__.lower():
                    _store = CacheGenerations(cache)
                else:
                    _store = MmapGenerations(Path(settings.SERAI_PAGE_CACHE_DIR) / "generations")
    return _store


def reset_store() -> None:
    """Forget the chosen store (tests switch settings)."""
    global _store
    _store = None
