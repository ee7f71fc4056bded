"""`serai serve`: the site stays up when the background task worker stops; workers and threads."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from serai.core import server
from serai.core.management.commands import serve


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


@pytest.mark.parametrize(
    ("engine", "threads"),
    [("serai.core.db.sqlite3", 2), ("django.db.backends.sqlite3", 2), ("django.db.backends.postgresql", 4)],
)
def test_threads_per_worker_follow_the_database(monkeypatch, engine, threads):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", engine)
    monkeypatch.delenv("SERAI_THREADS", raising=False)
    assert server.default_threads() == threads
    assert server.threads_per_worker() == threads


def test_threads_and_workers_given_by_the_operator_win(monkeypatch):
    monkeypatch.setenv("SERAI_THREADS", "6")
    monkeypatch.setenv("SERAI_WORKERS", " 3 ")
    assert (server.workers(), server.threads_per_worker()) == (3, 6)
    parser = serve.Command().create_parser("serai", "serve")
    assert parser.parse_args(["--threads", "3"]).threads == 3
    monkeypatch.setenv("SERAI_THREADS", "")  # left empty in .env: the default for the database
    monkeypatch.setenv("SERAI_WORKERS", "")
    defaults = (server.default_workers(), server.default_threads())
    assert (server.workers(), server.threads_per_worker()) == defaults


@pytest.mark.parametrize("value", ["abc", "0", "-2", "2.5"])
def test_a_wrong_number_of_threads_or_workers_is_refused_with_a_sentence(monkeypatch, value):
    monkeypatch.setenv("SERAI_THREADS", value)
    with pytest.raises(CommandError, match=r"SERAI_THREADS must be a whole number, 1 or more"):
        call_command("serve", "--no-task-worker")  # refused before anything is prepared or started
    monkeypatch.delenv("SERAI_THREADS")
    with pytest.raises(CommandError, match=r"--workers.*a whole number, 1 or more"):
        call_command("serve", "--workers", value)
