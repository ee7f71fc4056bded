"""SQLite with one queue for writers: write transactions wait on a file lock, not in SQLite.

Several server processes share one SQLite file, and a write transaction holds the database's
single write lock from its first statement (`transaction_mode: IMMEDIATE`). A transaction that finds
the lock taken is put to sleep by SQLite's busy handler, for 1, 2, 5, 10… milliseconds at a time,
however soon the lock is released: under a burst of comments most of a poster's time went to those
sleeps. Here each write transaction first takes an exclusive `flock` on a file beside the database;
the kernel wakes the next writer the moment the lock is let go, and SQLite's lock is then free.

Only transactions opened by Django (atomic blocks) queue this way; a lone statement in autocommit
mode still meets SQLite's busy handler, as before. In-memory databases (tests) have no file to lock.

Checkpoints (copying the write-ahead log back into the database) are moved out of that queue too.
SQLite runs one inside the COMMIT that takes the log past 1,000 pages, while this writer still holds
the file lock: every writer behind it waited for the copy (a quarter of a comment's time in the lock,
on average). Here a connection checkpoints after it has let go of the lock, every
`CHECKPOINT_EVERY` commits of its own (PASSIVE: it never waits for, nor blocks, other writers and
readers); SQLite's own checkpoint stays as a backstop at a larger log, for writes made outside
transactions.

Statements are turned from Django's `%s` placeholders into SQLite's `?` once per distinct text
(Django runs a regular expression over every statement it sends, about 7 µs for a comment's
insert; the texts repeat, since the values travel apart).
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import sqlite3

from django.db.backends.sqlite3 import base

log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 100  # commits per connection (~1,300 pages of a new comment's writes)
BACKSTOP_PAGES = 10_000  # SQLite checkpoints by itself past this many pages of log


REMEMBERED_STATEMENT_LENGTH = 4000  # longer ones (bulk inserts, long IN lists) are converted each time


def _qmark(query: str) -> str:
    """Django's "format" to "qmark" conversion (SQLiteCursorWrapper.convert_query)."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


_remembered_qmark = functools.lru_cache(maxsize=4096)(_qmark)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _remembered_qmark(query) if len(query) <= REMEMBERED_STATEMENT_LENGTH else _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_locked = False
    _commits_since_checkpoint = 0

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self._writer_lock_path() is not None:
            connection.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
        return connection

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    def _writer_lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name or name.startswith("file:"):
            return None
        return name + ".writers"

    def _take_writer_lock(self) -> None:
        if self._writer_fd is None:
            path = self._writer_lock_path()
            if path is None:
                return
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._writer_fd, fcntl.LOCK_EX)  # waits in the kernel, without the GIL
        self._writer_locked = True

    def _let_go_of_writer_lock(self) -> None:
        if self._writer_locked:
            self._writer_locked = False
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._let_go_of_writer_lock()
            raise

    def _commit(self):
        wrote = self._writer_locked
        try:
            return super()._commit()
        finally:
            self._let_go_of_writer_lock()
            if wrote:
                self._checkpoint_now_and_then()

    def _checkpoint_now_and_then(self) -> None:
        self._commits_since_checkpoint += 1
        if self._commits_since_checkpoint < CHECKPOINT_EVERY or self.connection is None:
            return
        self._commits_since_checkpoint = 0
        try:
            self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # another checkpoint running, say: the next one catches up
            log.debug("checkpoint skipped: %s", exc)

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._let_go_of_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._let_go_of_writer_lock()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None
