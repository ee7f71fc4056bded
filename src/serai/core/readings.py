"""Reads of pages counted in memory and written to the database in the background ("most read").

Counting is one dictionary increment in the process that served the page, cached or not: no
cookie, no address, nothing about the reader is looked at or kept, only which page was read.
Every SERAI_READS_FLUSH_SECONDS a daemon thread hands what was counted to the functions apps
registered (`register_flush`: the newsroom adds the counts to its daily table), and once more when
the process exits. Increments racing a flush may be lost: "most read" is a ranking, not a ledger.
The thread starts with the first read counted, so commands that serve nothing start none;
SERAI_READS_FLUSH_SECONDS=0 starts none at all (the tests call `flush()` themselves).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable

from django.conf import settings

logger = logging.getLogger(__name__)

_counts: dict[int, int] = {}
_flushers: list[Callable[[dict[int, int]], None]] = []
_started: list[threading.Thread] = []
_start_lock = threading.Lock()
_at_exit: list = []


def count(key: int) -> None:
    """One more read of the page counted under `key` (an article's id); starts the flusher."""
    _counts[key] = _counts.get(key, 0) + 1
    if not _started:
        _start()


def register_flush(flush: Callable[[dict[int, int]], None]) -> None:
    """`flush(counts)` stores {key: reads since the last flush} (from an app's ready())."""
    if flush not in _flushers:
        _flushers.append(flush)


def reset() -> None:
    """Forget what was counted, and that no flusher was wanted (tests)."""
    take()
    if _started and _started[0] is None:
        _started.clear()


def take() -> dict[int, int]:
    """What was counted since the last call, forgotten here."""
    global _counts
    taken, _counts = _counts, {}
    return taken


def flush() -> None:
    """Hand what was counted to the registered functions; a failure is logged and those counts
    are dropped (the next flush carries on with new ones)."""
    taken = take()
    if not taken:
        return
    for store in _flushers:
        try:
            store(taken)
        except Exception:
            logger.exception("Could not store %d pages' read counts", len(taken))


def _start() -> None:
    with _start_lock:
        if _started:
            return
        if settings.SERAI_READS_FLUSH_SECONDS <= 0:  # no thread: counts wait for `flush()` (tests)
            _started.append(None)
            return
        thread = threading.Thread(target=_run, name="serai-read-counts", daemon=True)
        _started.append(thread)
        if not _at_exit:
            _at_exit.append(atexit.register(flush))
        thread.start()


def _run() -> None:
    pause = threading.Event()
    while settings.SERAI_READS_FLUSH_SECONDS > 0:  # set to 0 meanwhile (tests): the thread ends
        pause.wait(settings.SERAI_READS_FLUSH_SECONDS)
        try:
            flush()
        finally:
            _close_connection()
    _started.clear()


def _close_connection() -> None:
    """The flusher's database connection is its own; closed between flushes, so none is held."""
    from django.db import connections

    connections.close_all()
