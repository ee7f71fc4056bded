"""Generation counters: the shared memory of what changed, read on every cached page.

A cached page records the generations of what it shows ("site", "story:en:slug") when it was made;
it is fresh while they are unchanged. Writers bump generations after their transaction commits.

The interface (`store()` gives the one in use): `read(names)` → their values, or None when they
cannot be known (then nothing cached is trusted); `probe(names, stamps)` → the check a cache hit
makes; `value(name)`; `bump(names)`; `set(name, value)`. Two stores:
- `MmapGenerations` (one host, the default): a small file in var/ mapped into every worker's
  memory. Reading is a memory access, so a cache hit needs no system call and no network.
- `RedisGenerations` (several app servers, `serai.core.coherence`): plain counters in Redis,
  kept in each process's memory while Redis's server-assisted client-side caching says they are
  unchanged. The protocol is in docs/architecture.md.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import mmap
import operator
import os
import struct
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

SLOTS = 1 << 16
SLOT = struct.Struct("<q")  # the file's format, whatever the host
NEXT_DUE = "next-due"


class Probe(NamedTuple):
    """How a cached page checks that what it shows is unchanged, made once per page and store:
    `probe.read(probe.source) == probe.expected` (every cache hit makes this check)."""

    store: object  # the store that made it: a page made before the store was replaced is stale
    read: Callable
    source: object
    expected: object


class _LittleEndianCells:
    """The counters by index where machine integers are big-endian, one `struct` read each:
    what the memoryview gives on little-endian hosts, more slowly."""

    def __init__(self, buffer):
        self._buffer = buffer

    def __getitem__(self, index: int) -> int:
        return SLOT.unpack_from(self._buffer, index * SLOT.size)[0]


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
        # The counters by index. Where machine integers are little-endian, as the file's are, a
        # memoryview reads them with no unpacking (a cache hit's check).
        self._cells = (
            memoryview(self._map).cast("q") if sys.byteorder == "little" else _LittleEndianCells(self._map)
        )
        self._lock_path = str(self.path) + ".lock"
        self._lock_fd: int | None = None
        self._lock_pid = 0
        self._thread_lock = threading.Lock()

    @contextlib.contextmanager
    def _writing(self):
        """Writers of this host one at a time: the threads of this process by a lock, processes by
        `flock` on a file kept open per process (opened again in a forked child: a lock taken on an
        open file the parent shares would not keep the two apart)."""
        with self._thread_lock:
            if self._lock_pid != os.getpid():
                self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
                self._lock_pid = os.getpid()
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    @staticmethod
    @functools.lru_cache(maxsize=SLOTS)  # a hit reads two or three names: remembered, not hashed
    def _index(name: str) -> int:
        return zlib.crc32(name.encode()) % SLOTS

    def _offset(self, name: str) -> int:
        return self._index(name) * SLOT.size

    def read(self, names) -> list[int] | None:
        cells, index = self._cells, self._index
        return [cells[index(n)] for n in names]

    def probe(self, names, stamps) -> Probe:
        """See `Probe`: here, the counters' slots read at once by one `itemgetter` (no Python)."""
        indices = [self._index(n) for n in names]
        if not indices:
            return Probe(self, tuple, (), ())
        # itemgetter of one index returns the value itself, of several a tuple.
        expected = tuple(stamps) if len(indices) > 1 else stamps[0]
        return Probe(self, operator.itemgetter(*indices), self._cells, expected)

    def value(self, name: str) -> int:
        return self._cells[self._index(name)]

    def bump(self, names) -> None:
        with self._writing():
            for name in set(names):
                offset = self._offset(name)
                SLOT.pack_into(self._map, offset, SLOT.unpack_from(self._map, offset)[0] + 1)

    def set(self, name: str, value: int) -> None:
        with self._writing():
            SLOT.pack_into(self._map, self._offset(name), value)


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

                from serai.core.cache import ResilientRedisCache
                from serai.core.coherence import RedisGenerations

                cache = caches["default"]
                if isinstance(cache, ResilientRedisCache):
                    _store = RedisGenerations(cache, mirror=settings.SERAI_PAGE_CACHE_MIRROR)
                else:
                    _store = MmapGenerations(Path(settings.SERAI_PAGE_CACHE_DIR) / "generations")
    return _store


def reset_store() -> None:
    """Forget the chosen store (tests switch settings)."""
    global _store
    old, _store = _store, None
    if old is not None and hasattr(old, "close"):
        old.close()
