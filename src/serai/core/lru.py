"""A bounded, thread-safe least-recently-used store, for what each process keeps in memory."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most `size` entries; reading one makes it the last to go."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[K, V] = OrderedDict()  # oldest first
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        # Without the lock: each OrderedDict operation is atomic, and an entry dropped by another
        # thread between the two is simply not moved.
        value = self.entries.get(key)
        if value is not None:
            try:
                self.entries.move_to_end(key)
            except KeyError:
                return value  # dropped by another thread meanwhile: nothing to move
        return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def discard(self, key: K) -> None:
        with self._lock:
            self.entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()

    def __len__(self) -> int:
        return len(self.entries)
