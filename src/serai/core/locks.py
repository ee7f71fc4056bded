"""Locks that make writes which count each other's rows wait for each other until they commit.

A rule such as "five comments a minute from one address" or "three votes per address" counts rows
and then writes one; two such writes at once each count without the other and both pass. SQLite
needs nothing: its write transactions run one at a time from their start (transaction_mode
IMMEDIATE). PostgreSQL runs them side by side and a transaction does not see another's rows
before it commits, so there the transaction takes an advisory lock per key, held until it ends;
the count that follows is a new statement, which under READ COMMITTED (the default, which Serai
keeps) sees every row committed while it waited.

`writing()` is the transaction those writes open: on SQLite it first queues the writer behind the
others (see there).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

# First keys of pg_advisory_xact_lock(int4, int4): what is being written.
COMMENT = 0x5E7A1
VOTE = 0x5E7A2


def needed() -> bool:
    """Whether this database needs the locks (callers may skip computing their keys when not)."""
    return connection.vendor == "postgresql"


def hold_for_transaction(kind: int, *hashes: str) -> None:
    """Wait for, then hold until this transaction ends, a lock on each hash (hexadecimal digests:
    their first 32 bits are the key; empty ones are skipped). Call inside the transaction that
    writes. The locks are taken in key order in one statement, so two writers never wait for each
    other in a circle; writers whose keys share 32 bits wait needlessly, and nothing else."""
    if not needed():
        return
    keys = sorted({int(h[:8], 16) - 2**31 for h in hashes if h})  # signed 32-bit integers
    if not keys:
        return
    with connection.cursor() as cursor:
        # The select list is evaluated after ORDER BY: the locks are taken in key order.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, key) FROM unnest(%s::integer[]) AS key ORDER BY key",
            [kind, keys],
        )


# SQLite: one queue for writers ---------------------------------------------------------------


class _WriterFiles(threading.local):
    """Each thread's descriptors of the queue's files, closed with the thread."""

    def __init__(self):
        self.by_path: dict[str, int] = {}
        self.pid = os.getpid()

    def __del__(self):
        for descriptor in self.by_path.values():
            with contextlib.suppress(OSError):
                os.close(descriptor)


_writer_files = _WriterFiles()


def _writers_path(using: str) -> str | None:
    """The file SQLite's writers queue on, beside the database; None where there is no queue to
    keep (other databases, in-memory SQLite databases)."""
    wrapper = connections[using]
    if wrapper.vendor != "sqlite" or wrapper.is_in_memory_db():
        return None
    name = str(wrapper.settings_dict["NAME"])
    return None if not name or name.startswith("file:") else name + ".writers"


@contextlib.contextmanager
def writing(using: str = DEFAULT_DB_ALIAS):
    """`transaction.atomic()` for the conversation's writes, queued behind each other on SQLite.

    Several server processes share one SQLite file, whose single write lock a transaction takes at
    BEGIN (transaction_mode IMMEDIATE). A writer that finds it taken is put to sleep by SQLite's
    busy handler for 1, 2, 5, 10… ms at a time however soon the lock is free, and under a burst of
    comments most of a writer's time went to those sleeps. Here the writer first takes an
    exclusive `flock` on a file beside the database, so the kernel wakes the next writer the moment
    the last one lets go, and SQLite's lock is then free. On other databases, and inside a
    transaction already open (which holds the lock already), this is `transaction.atomic()`.
    """
    path = None if connections[using].in_atomic_block else _writers_path(using)
    if path is None:
        with transaction.atomic(using=using):
            yield
        return
    descriptor = _writer_file(path)
    held = [True]

    def let_go() -> None:
        if held:
            held.clear()
            fcntl.flock(descriptor, fcntl.LOCK_UN)

    fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits in the kernel, without the GIL
    try:
        with transaction.atomic(using=using):
            # The first thing run once the transaction commits: what the write makes happen after
            # it (page refreshes, purges, notifications) runs without holding the next writer back.
            transaction.on_commit(let_go, using=using)
            yield
    finally:
        let_go()


def _writer_file(path: str) -> int:
    """This thread's own descriptor of the queue's file: `flock` locks belong to an open file, so
    threads sharing one descriptor would not wait for each other."""
    files = _writer_files.by_path
    if _writer_files.pid != os.getpid():  # a forked child opens its own
        files.clear()
        _writer_files.pid = os.getpid()
    if path not in files:
        files[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    return files[path]
