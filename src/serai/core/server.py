"""How many processes and threads serve the site.

One answer for `serai serve`, which starts granian with them, and for the code that sizes itself by
them (the purger lets all but one thread of a process wait for nginx).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def default_workers() -> int:
    # One worker per core, at least two, so a slow request never blocks every reader.
    return max(2, os.cpu_count() or 1)


def default_threads() -> int:
    """Threads per worker. On SQLite every request is CPU work in its own process, and a comment's
    write transaction holds the database's one write lock while it waits for the interpreter lock
    between statements: with four threads per worker the lock was held 2.7 ms per comment against
    1.2 ms with one, and posting fell by a fifth to a third (docs/performance.md). Two keep a
    thread free while another waits (a purge, the writers' queue, a slow upload). PostgreSQL and
    Redis answer over the network, and four threads per worker overlap those waits."""
    return 2 if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else 4


def count(value: str) -> int:
    """A number of workers or threads: a whole number, 1 or more (ValueError otherwise)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"a whole number, 1 or more, is needed (not {value!r})")
    return number


def _count_from_environment(name: str) -> int | None:
    """`count` of an environment variable; None when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None  # unset, or left empty in .env: the default
    try:
        return count(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, 1 or more (it is {value!r}).") from None


def workers() -> int:
    """Worker processes: SERAI_WORKERS when set, else one per core (at least two)."""
    return _count_from_environment("SERAI_WORKERS") or default_workers()


def threads_per_worker() -> int:
    """Threads per worker process: SERAI_THREADS when set (`serai serve` sets it for the workers it
    starts; an operator running the WSGI application under another server sets it to match),
    else the default for the database."""
    return _count_from_environment("SERAI_THREADS") or default_threads()
