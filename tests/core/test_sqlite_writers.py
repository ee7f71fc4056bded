"""Write transactions on a SQLite file queue on a lock beside it, not in SQLite's busy handler."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler

from serai.core.db.sqlite3 import base as base_module
from serai.core.db.sqlite3.base import DatabaseWrapper


@pytest.fixture
def file_db(tmp_path, django_db_blocker):
    """Two connections (as two server threads) to one SQLite file, with Serai's settings."""
    options = {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    config = {"ENGINE": "serai.core.db.sqlite3", "NAME": str(tmp_path / "db.sqlite3"), "OPTIONS": options}
    handler = ConnectionHandler({"default": dict(config), "b": dict(config)})
    a, b = handler["default"], handler["b"]
    for connection in (a, b):
        connection.inc_thread_sharing()  # each is used by one test thread at a time
    # Connections of their own, to a file of their own, outside the test database.
    with django_db_blocker.unblock():
        with a.cursor() as cursor:
            cursor.execute("CREATE TABLE t (n integer)")
        yield a, b, tmp_path / "db.sqlite3.writers"
        for connection in (a, b):
            connection.close()


class atomic:  # noqa: N801 (what transaction.atomic does for these connections kept out of Django's list)
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)

    def __exit__(self, kind, error, trace):
        if kind is None:
            self.connection.commit()
        else:
            self.connection.rollback()
        self.connection.set_autocommit(True)


def test_serai_uses_it_for_sqlite():
    assert isinstance(connections["default"], DatabaseWrapper) or connections["default"].vendor != "sqlite"


def test_a_writer_waits_for_the_one_before_and_goes_the_moment_it_commits(file_db):
    a, b, lock_file = file_db
    entered, release, order = threading.Event(), threading.Event(), []

    def first():
        with atomic(a):
            a.cursor().execute("INSERT INTO t VALUES (1)")
            entered.set()
            release.wait(5)
            order.append("first commits")
        a.close()

    def second():
        entered.wait(5)
        with atomic(b):
            order.append("second begins")
            b.cursor().execute("INSERT INTO t VALUES (2)")
        b.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    entered.wait(5)
    time.sleep(0.2)
    assert order == []  # the second writer is waiting for the first
    probe = os.open(lock_file, os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):  # the first writer holds the file lock
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        release.set()
        for thread in threads:
            thread.join(10)
        assert order == ["first commits", "second begins"]
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # and nobody holds it afterwards
    finally:
        os.close(probe)
    with a.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone()[0] == 2


def test_a_rolled_back_transaction_lets_go_too(file_db):
    a, b, _lock = file_db
    with pytest.raises(RuntimeError), atomic(a):
        a.cursor().execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("boom")
    done = threading.Event()

    def writer():
        with atomic(b):
            b.cursor().execute("INSERT INTO t VALUES (2)")
        b.close()
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert done.wait(5)
    thread.join()


def _unsaved_frames(connection) -> int:
    """Pages in the write-ahead log not yet copied into the database (a PASSIVE checkpoint's
    answer is (busy, frames in the log, frames checkpointed); asking it checkpoints, so ask on a
    connection of its own and only once)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _busy, log, done = cursor.fetchone()
    return log - done


def test_sqlite_checkpoints_only_past_the_backstop(file_db):
    a, _b, _lock = file_db
    with a.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == base_module.BACKSTOP_PAGES


def test_a_writer_checkpoints_every_so_many_commits_after_letting_go_of_the_lock(
    file_db, monkeypatch
):
    a, b, lock_file = file_db
    monkeypatch.setattr(base_module, "CHECKPOINT_EVERY", 3)
    a.ensure_connection()
    seen = []  # for each checkpoint: was the writers' lock free while it ran?

    def trace(statement):
        if "wal_checkpoint" in statement:
            probe = os.open(lock_file, os.O_RDWR)
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(probe, fcntl.LOCK_UN)
                seen.append("lock free")
            except BlockingIOError:
                seen.append("lock held")
            finally:
                os.close(probe)

    a.connection.set_trace_callback(trace)
    for n in range(2):
        with atomic(a):
            a.cursor().execute("INSERT INTO t VALUES (%s)", [n])
    assert seen == []
    assert _frames_in_log_file(lock_file.with_name("db.sqlite3-wal")) > 0
    with atomic(a):
        a.cursor().execute("INSERT INTO t VALUES (3)")
    assert seen == ["lock free"]
    a.connection.set_trace_callback(None)
    assert _unsaved_frames(b) == 0  # the third commit's checkpoint copied everything


def _frames_in_log_file(wal) -> int:
    """The log's size in frames, read from the file (a checkpoint does not shrink it; before the
    first checkpoint it is exactly the frames written)."""
    header, frame = 32, 24 + 4096
    size = wal.stat().st_size if wal.exists() else 0
    return max(0, (size - header) // frame)
