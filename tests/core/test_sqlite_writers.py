"""SQLite shared by several workers: WAL, a busy timeout, and write transactions one at a time,
each taking the write lock as it begins (Django's own backend, configured in settings)."""

import threading
import time

import pytest
from django.db.utils import ConnectionHandler

from serai import settings as project_settings


@pytest.fixture
def file_db(tmp_path, django_db_blocker):
    """Two connections (as two server threads) to one SQLite file, with Serai's settings."""
    config = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": dict(project_settings.SQLITE_OPTIONS),
    }
    handler = ConnectionHandler({"default": dict(config), "b": dict(config)})
    a, b = handler["default"], handler["b"]
    for connection in (a, b):
        connection.inc_thread_sharing()  # each is used by one test thread at a time
    # Connections of their own, to a file of their own, outside the test database.
    with django_db_blocker.unblock():
        with a.cursor() as cursor:
            cursor.execute("CREATE TABLE t (n integer)")
        yield a, b
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


def test_sqlite_runs_with_a_write_ahead_log_and_a_busy_timeout(file_db):
    a, _b = file_db
    with a.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL: safe with WAL, one sync per checkpoint


def test_a_writer_waits_for_the_one_before_and_goes_once_it_commits(file_db):
    """The second transaction takes the write lock as it begins, so it waits at BEGIN, before
    reading anything, and goes on as soon as the first commits."""
    a, b = file_db
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
    release.set()
    for thread in threads:
        thread.join(10)
    assert order == ["first commits", "second begins"]
    with a.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone()[0] == 2


def test_a_rolled_back_transaction_lets_go_too(file_db):
    a, b = file_db
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
