"""Parts of pages that change far less often than the pages around them, kept ready per process.

An article page changes with every comment, but its story (headline, byline, photos, body, editions)
only when an editor changes something. When a page has to be made again, after a new comment, the
story's HTML is taken from here instead of being queried and rendered again: a miss renders only
what changed. The same holds for the list of sections every page's masthead shows.

A fragment is stored with the generations it depends on (see `serai.core.generations`), read before
it is made, and used while they are unchanged: an editor's change bumps "site" after its commit, and
every worker and app server makes the fragment afresh on its next use. With the generation store
unreachable, fragments are made on every use (never served stale).

`SERAI_FRAGMENT_CACHE=false` turns this off (and the comments' HTML kept by
`serai.comments.rendering`): every page is then made from the database alone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.db import connection

from serai.core import generations
from serai.core.freshness import due_check
from serai.core.lru import LRU

T = TypeVar("T")


class FragmentStore:
    """Values kept with the generations they were made at, in a bounded LRU."""

    def __init__(self, size: int):
        self._entries: LRU[str, tuple[list, object, float]] = LRU(size)

    def get(self, key: str, deps: Sequence[str], make: Callable[[], T], *, max_age: float | None = None) -> T:
        """The value stored under `key` while `deps` are unchanged (and, with `max_age`, for at
        most that many seconds); else `make()`, stored."""
        if not settings.SERAI_FRAGMENT_CACHE or connection.in_atomic_block:
            # Inside a transaction the data may hold writes nobody else sees yet (or ever, if it
            # rolls back), and the generations move only after it commits: nothing kept is used
            # or made there.
            return make()
        stamps = generations.store().read([*deps, generations.NEXT_DUE])
        if stamps is None:  # the store cannot say what changed: trust nothing kept
            return make()
        if _is_past(stamps.pop()):
            # A scheduled article has come due: start afresh, as the page cache does.
            due_check()
            stamps = generations.store().read(list(deps))
            if stamps is None:
                return make()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamps and (max_age is None or time.time() < entry[2] + max_age):
            return entry[1]
        # Made outside any lock (it queries the database). Stored with the generations read
        # before the data: a change committed meanwhile makes this entry stale at once.
        made_at = time.time()
        value = make()
        self._entries.put(key, (stamps, value, made_at))
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def _is_past(stamp) -> bool:
    """True when the "next due" time (ms since the epoch; 0 for none) has passed."""
    due = stamp[-1] if isinstance(stamp, tuple) else stamp
    return bool(due) and due <= time.time() * 1000


_store: FragmentStore | None = None
_store_lock = threading.Lock()


def fragments() -> FragmentStore:
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                _store = FragmentStore(settings.SERAI_FRAGMENT_CACHE_ENTRIES)
    return _store


def reset() -> None:
    """Forget every fragment (tests; settings changes)."""
    global _store
    _store = None
