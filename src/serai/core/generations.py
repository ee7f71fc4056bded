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
import zlib
from pathlib import Path

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
    """Counters in Django's shared cache (Redis), for several app servers.

    Every value read carries the store's epoch, a random number written once: if Redis restarts
    empty, the epoch changes, so counters starting again from zero never match old pages.
    """

    PREFIX = "serai:gen:"
    EPOCH = "serai:gen-epoch"

    def __init__(self, cache):
        self.cache = cache

    def read(self, names) -> list[tuple[int, int]] | None:
        keys = [self.PREFIX + n for n in names]
        try:
            found = self.cache.get_many([self.EPOCH, *keys])
        except Exception:  # an unreachable cache means "unknown", never an error page
            logger.warning("Page cache generations unavailable; serving uncached pages.")
            return None
        if found is None or getattr(self.cache, "is_down", lambda: False)():
            return None
        epoch = found.get(self.EPOCH)
        if epoch is None:
            self.cache.add(self.EPOCH, secrets.randbits(62), timeout=None)
            return None  # a new epoch: nothing cached so far can be trusted
        return [(int(epoch), int(found.get(k, 0))) for k in keys]

    def value(self, name: str) -> int:
        try:
            return int(self.cache.get(self.PREFIX + name) or 0)
        except Exception:
            return 0

    def bump(self, names) -> None:
        for name in set(names):
            key = self.PREFIX + name
            try:
                self.cache.add(key, 0, timeout=None)
                self.cache.incr(key)
            except Exception:
                logger.warning("Could not record a change in the shared cache (%s).", name)

    def set(self, name: str, value: int) -> None:
        try:
            self.cache.set(self.PREFIX + name, value, timeout=None)
        except Exception:
            logger.warning("Could not record %s in the shared cache.", name)


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
