"""SQLite's writers queue on a file lock (`serai.core.locks.writing`): a second writer waits in the
kernel until the first commits, instead of sleeping in SQLite's busy handler."""

import threading

import pytest
from django.db import connection, connections, transaction

from serai.core import locks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue_file(monkeypatch, tmp_path):
    """The test database lives in memory (no queue): give it a queue file, as a file database has."""
    path = str(tmp_path / "db.sqlite3.writers")
    monkeypatch.setattr(locks, "_writers_path", lambda using: path)
    return path


def _in_thread(target):
    def run():
        try:
            target()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_writer_goes_only_once_the_first_has_committed(queue_file):
    inside, release = threading.Event(), threading.Event()
    order: list[str] = []

    def first():
        with locks.writing():
            order.append("first in")
            inside.set()
            release.wait(10)
            order.append("first out")

    def second():
        inside.wait(10)
        with locks.writing():
            order.append("second in")

    one, two = _in_thread(first), _in_thread(second)
    assert inside.wait(10)
    two.join(0.3)  # time enough for a lock that does not hold to let it in
    assert order == ["first in"]
    release.set()
    one.join(10)
    two.join(10)
    assert order == ["first in", "first out", "second in"]


def test_a_writer_that_fails_lets_the_next_one_go(queue_file):
    with pytest.raises(RuntimeError), locks.writing():
        raise RuntimeError("the write failed")
    entered = []

    def next_writer():
        with locks.writing():
            entered.append("next")

    _in_thread(next_writer).join(10)
    assert entered == ["next"]


def test_inside_an_open_transaction_no_queue_is_taken(queue_file, monkeypatch):
    taken = []
    monkeypatch.setattr(locks, "_writer_file", lambda path: taken.append(path) or 0)
    with transaction.atomic(), locks.writing():
        assert connection.in_atomic_block
    assert taken == []


def test_only_sqlite_files_have_a_queue():
    # The test database is SQLite in memory, or PostgreSQL: neither needs one.
    assert locks._writers_path("default") is None


def test_what_runs_after_the_commit_does_not_hold_the_next_writer_back(queue_file):
    """A purge or notification sent after the commit must not keep the queue: a page refresh
    through a proxy in front may need this very server to answer while other writers wait."""
    after_commit_ran, next_went = threading.Event(), threading.Event()

    def next_writer():
        after_commit_ran.wait(10)
        with locks.writing():
            next_went.set()

    def after_commit():
        after_commit_ran.set()
        assert next_went.wait(10), "the next writer was held back by what runs after the commit"

    other = _in_thread(next_writer)
    with locks.writing():
        transaction.on_commit(after_commit)
    other.join(10)
    assert next_went.is_set()
