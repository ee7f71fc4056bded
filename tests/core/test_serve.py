"""`serai serve` keeps the site up when the background task worker stops."""

import signal
import subprocess
import sys

import pytest

from serai.core.management.commands import serve


@pytest.fixture
def own_signal_handlers():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_a_stopped_task_worker_is_started_again_and_the_site_stays_up(monkeypatch, own_signal_handlers):
    """The task worker exits when PostgreSQL restarts; that must not stop granian."""
    monkeypatch.setattr(serve, "WORKER_RESTART_DELAY", 0)
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2.5)"])
    crashing_worker = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
    started = []

    def start_worker():
        started.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]))
        return started[-1]

    serve.Command()._supervise([server, crashing_worker], start_worker)

    assert server.returncode == 0  # granian ran to its end: nobody stopped it early
    assert len(started) == 1
    assert started[0].returncode is not None  # the new worker is stopped along with the server
