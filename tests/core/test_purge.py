"""Purges go out from a background thread: writers never wait for nginx, and nothing is lost."""

import logging
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from serai.core import purge, server
from serai.core.purge import DummyPurger, NginxPurger


class FakeNginx:
    """A tiny HTTP/1.1 server on loopback that records purge requests."""

    def __init__(self):
        self.requests: list[tuple[str, str | None, int]] = []  # path, purge header, client port
        self.encodings: list[str | None] = []  # each request's Accept-Encoding
        self.gate = threading.Event()
        self.gate.set()
        self.failures_left = 0  # answer 502 this many times first
        self.close_after_each = False
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_GET(self):
                owner.gate.wait(10)
                owner.requests.append((self.path, self.headers.get("X-Serai-Purge"), self.client_address[1]))
                owner.encodings.append(self.headers.get("Accept-Encoding"))
                status = 200
                if owner.failures_left > 0:
                    owner.failures_left -= 1
                    status = 502
                body = b"fresh page"
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if owner.close_after_each:
                    self.close_connection = True  # closes without saying so, as an idle timeout does

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    @property
    def paths(self) -> list[str]:
        return [r[0] for r in self.requests]

    def stop(self):
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def nginx():
    server = FakeNginx()
    yield server
    server.stop()


def make_purger(url, **kwargs) -> NginxPurger:
    """A purger refreshing one copy per path (nginx's plain one), unless the test asks for more."""
    kwargs.setdefault("copies", ("",))
    purger = NginxPurger(url, **kwargs)
    purger.RETRY_PAUSE = 0.01
    return purger


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_purge_returns_at_once_and_the_thread_delivers(nginx):
    purger = make_purger(nginx.url)
    nginx.gate.clear()  # nginx is slow to answer (it is asking the app servers for the page)
    started = time.monotonic()
    purger.purge(["/en/a/"])
    assert time.monotonic() - started < 0.05
    assert purger._thread.daemon
    assert not purger.flush(0.1)
    nginx.gate.set()
    assert purger.flush(5)
    assert nginx.requests[0][:2] == ("/en/a/", "1")
    assert purger.sent == 1 and purger.failed == 0


def test_identical_waiting_paths_are_sent_once(nginx):
    purger = make_purger(nginx.url)
    nginx.gate.clear()
    purger.purge(["/en/a/"])
    deadline = time.monotonic() + 5
    while not purger._in_flight and time.monotonic() < deadline:
        time.sleep(0.005)
    purger.purge(["/en/b/", "/en/b/", "/en/c/"])
    purger.purge(["/en/b/", "/en/c/"])
    purger.purge(["/en/a/"])  # changed again while its purge is on its way: sent again
    nginx.gate.set()
    assert purger.flush(5)
    # Each waiting path once; the first of each list before the others (/en/c/ came second).
    assert nginx.paths == ["/en/a/", "/en/b/", "/en/a/", "/en/c/"]


def test_in_a_burst_a_story_page_never_waits_behind_its_lists(nginx):
    """A comment names its story's page first, then the lists and feeds showing it: while nginx is
    busy, the page changed again goes before the lists still waiting from earlier changes."""
    purger = make_purger(nginx.url)
    nginx.gate.clear()
    purger.purge(["/en/story/", "/en/", "/en/section/", "/en/feed/"])
    deadline = time.monotonic() + 5
    while not purger._in_flight and time.monotonic() < deadline:
        time.sleep(0.005)
    purger.purge(["/en/story/", "/en/", "/en/section/", "/en/feed/"])  # the next comment
    nginx.gate.set()
    assert purger.flush(5)
    assert nginx.paths == ["/en/story/", "/en/story/", "/en/", "/en/section/", "/en/feed/"]


def test_purges_share_one_kept_connection(nginx):
    purger = make_purger(nginx.url)
    for n in range(5):
        purger.purge([f"/en/{n}/"])
        assert purger.flush(5)
    assert len({port for _path, _header, port in nginx.requests}) == 1


def test_a_connection_nginx_closed_is_reopened_without_losing_the_purge(nginx):
    purger = make_purger(nginx.url)
    nginx.close_after_each = True
    for n in range(3):
        purger.purge([f"/en/{n}/"])
        assert purger.flush(5)
    assert nginx.paths == ["/en/0/", "/en/1/", "/en/2/"]
    assert purger.failed == 0


def test_a_failed_purge_is_retried_a_few_times(nginx, caplog):
    purger = make_purger(nginx.url)
    nginx.failures_left = 2  # the app servers were briefly unreachable from nginx
    purger.purge(["/en/a/"])
    assert purger.flush(5)
    assert nginx.paths == ["/en/a/"] * 3 and purger.sent == 1 and purger.failed == 0
    nginx.failures_left = 5
    with caplog.at_level(logging.WARNING, logger="serai.core.purge"):
        purger.purge(["/en/b/"])
        assert purger.flush(5)
    assert nginx.paths.count("/en/b/") == NginxPurger.ATTEMPTS
    assert purger.failed == 1
    assert any("Could not purge /en/b/" in r.getMessage() for r in caplog.records)


def test_the_thread_survives_nginx_being_down(nginx, caplog):
    purger = make_purger(f"http://127.0.0.1:{_unused_port()}")
    with caplog.at_level(logging.WARNING, logger="serai.core.purge"):
        purger.purge(["/en/a/", "/en/b/"])
        assert purger.flush(5)
    assert purger.failed == 2
    assert sum("Could not purge" in r.getMessage() for r in caplog.records) == 2
    thread = purger._thread
    purger.port = nginx.server.server_address[1]  # nginx is back
    purger.purge(["/en/c/"])
    assert purger.flush(5)
    assert nginx.paths == ["/en/c/"] and purger._thread is thread and thread.is_alive()


def test_an_unexpected_error_does_not_stop_the_thread(nginx, monkeypatch, caplog):
    purger = make_purger(nginx.url)
    original, calls = purger._send, []

    def flaky(path):
        calls.append(path)
        if len(calls) == 1:
            raise RuntimeError("something nobody planned for")
        return original(path)

    monkeypatch.setattr(purger, "_send", flaky)
    purger.purge(["/en/a/"])
    assert purger.flush(5)
    assert nginx.paths == ["/en/a/"] and purger._thread.is_alive()


def test_a_writer_may_wait_for_its_own_purge(nginx):
    purger = make_purger(nginx.url, wait=5)
    purger.purge(["/en/a/"])
    assert nginx.paths == ["/en/a/"]  # sent before purge() returned: the next reader gets it fresh
    nginx.gate.clear()
    started = time.monotonic()
    waiting = make_purger(nginx.url, wait=0.2)
    waiting.purge(["/en/b/"])
    assert 0.15 < time.monotonic() - started < 2  # but never longer than asked
    nginx.gate.set()
    assert waiting.flush(5)


def test_a_forked_worker_sends_from_its_own_thread(nginx):
    purger = make_purger(nginx.url)
    purger.purge(["/en/parent/"])
    assert purger.flush(5)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: purge, wait, report, leave without running pytest's teardown
        try:
            purger.purge(["/en/child/"])
            ok = purger.flush(5) and purger.sent >= 1 and purger._pid == os.getpid()
            os.write(write_end, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 2)
    os.waitpid(pid, 0)
    os.close(read_end)
    assert answer == b"ok"
    assert "/en/child/" in nginx.paths
    purger.purge(["/en/parent-again/"])  # the parent's thread and connection are untouched
    assert purger.flush(5) and nginx.paths[-1] == "/en/parent-again/"


def test_the_dummy_backend_stays_synchronous():
    dummy = DummyPurger()
    dummy.purge(["/en/a/"])
    assert dummy.purged == ["/en/a/"] and dummy.flush(0)


def test_the_nginx_backend_is_chosen_by_settings(settings):
    settings.SERAI_PURGE_BACKEND = "nginx"
    settings.SERAI_PURGE_URL = "http://127.0.0.1:8081"
    settings.SERAI_PURGE_WAIT = 0.25
    purge.reset_purger()
    chosen = purge.purger()
    assert isinstance(chosen, NginxPurger)
    assert (chosen.host, chosen.port, chosen.wait) == ("127.0.0.1", 8081, 0.25)
    assert chosen._thread is None  # started by the first purge only
    purge.reset_purger()


@pytest.mark.parametrize(
    "threads_setting",
    ["3", None],  # unset: `serai serve`'s default for the database (2 on SQLite, 4 on PostgreSQL)
    ids=["SERAI_THREADS=3", "SERAI_THREADS unset"],
)
def test_one_thread_of_the_process_never_waits_for_purges(nginx, monkeypatch, threads_setting):
    """nginx asks an app server for each purged page: with every thread waiting, none would answer."""
    if threads_setting is None:
        monkeypatch.delenv("SERAI_THREADS", raising=False)
        threads = server.default_threads()
        assert threads == (2 if connection.vendor == "sqlite" else 4)
    else:
        monkeypatch.setenv("SERAI_THREADS", threads_setting)
        threads = int(threads_setting)
    purger = make_purger(nginx.url, wait=5)
    nginx.gate.clear()  # nginx cannot answer yet
    finished = []

    def writer(path):
        purger.purge([path])
        finished.append((path, time.monotonic()))

    started = time.monotonic()
    writers = [threading.Thread(target=writer, args=(f"/en/{n}/",)) for n in range(threads)]
    for thread in writers:
        thread.start()
    deadline = time.monotonic() + 2
    while not finished and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # time for a second thread to return, if one wrongly could
    # All threads but one may wait; that one returned at once, free to answer nginx.
    assert len(finished) == 1 and finished[0][1] - started < 1
    nginx.gate.set()
    for thread in writers:
        thread.join(5)
    assert len(finished) == threads
    assert purger.flush(5)


def test_each_path_refreshes_the_plain_and_the_compressed_copy(nginx):
    purger = make_purger(nginx.url, copies=NginxPurger.COPIES)
    purger.purge(["/en/a/", "/en/b/"])
    assert purger.flush(5)
    assert nginx.paths == ["/en/a/", "/en/a/", "/en/b/", "/en/b/"]
    assert nginx.encodings == ["identity", "gzip", "identity", "gzip"]
    assert len({port for _path, _header, port in nginx.requests}) == 1
    assert purger.sent == 2


def test_a_copy_that_failed_is_refreshed_again_with_its_path(nginx):
    purger = make_purger(nginx.url, copies=NginxPurger.COPIES)
    purger.purge(["/en/a/"])
    assert purger.flush(5)
    nginx.requests.clear()
    nginx.encodings.clear()
    nginx.failures_left = 1
    purger.purge(["/en/a/"])
    assert purger.flush(5)
    # The plain copy's refresh failed: both are asked for again, and nothing is given up.
    assert nginx.encodings == ["identity", "identity", "gzip"]
    assert purger.failed == 0


def test_the_nginx_backend_refreshes_both_copies_by_default(settings):
    settings.SERAI_PURGE_BACKEND = "nginx"
    purge.reset_purger()
    try:
        assert purge.purger().copies == ("", "gzip")
    finally:
        purge.reset_purger()
