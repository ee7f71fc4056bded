"""`serai serve`: granian serving the site, plus the background worker that sends email.

One command for operators: it applies migrations, collects static files, then runs granian
(several worker processes) and the django-tasks database worker side by side, stopping both when
granian stops or on Ctrl+C / SIGTERM. The task worker exits when the database goes away (a restart,
a failover); it is started again, so a database outage never takes the site down with it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from serai.core.server import count, threads_per_worker, workers

# Seconds between the task worker stopping and its restart (no busy loop while the database is down).
WORKER_RESTART_DELAY = 2.0


def _count(value: str) -> int:
    try:
        return count(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _granian() -> str:
    """The granian executable beside this Python, or a sentence saying it is missing."""
    granian = shutil.which("granian") or os.path.join(os.path.dirname(sys.executable), "granian")
    if not os.path.exists(granian):
        raise CommandError("granian is not installed in this environment; reinstall Serai.")
    return granian


def _granian_command(options: dict) -> list[str]:
    return [
        _granian(), "--interface", "wsgi",
        "--host", options["host"], "--port", str(options["port"]),
        "--workers", str(options["workers"]),
        "--blocking-threads", str(options["threads"]),
        "--no-ws", "--respawn-failed-workers",
        "serai.wsgi:application",
    ]  # fmt: skip


def _environment(threads: int) -> dict[str, str]:
    """The environment granian and the task worker run in."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "serai.settings"),
        # Workers size what must leave a thread free by it (serai.core.purge).
        "SERAI_THREADS": str(threads),
        # Workers drop the secrets from their environment once settings are read: granian
        # copies the environment into every request (serai.wsgi.forget_secrets).
        "SERAI_FORGET_SECRETS": "1",
    }


def _task_worker_starter(env: dict[str, str]) -> Callable[[], subprocess.Popen]:
    """A function that starts the django-tasks database worker (again, after it stops)."""
    worker = [sys.executable, "-m", "serai", "db_worker", "--no-reload", "--interval", "2", "-v", "0"]

    def start_worker() -> subprocess.Popen:
        return subprocess.Popen(worker, env=env)

    return start_worker


class Command(BaseCommand):
    help = "Serve the site with granian (WSGI) and run the background task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SERAI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("SERAI_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=_count,
            help="Worker processes (default: SERAI_WORKERS, else one per core, at least 2).",
        )
        parser.add_argument(
            "--threads",
            type=_count,
            help="Blocking threads per worker (default: SERAI_THREADS, else 2 on SQLite, 4 on PostgreSQL).",
        )
        parser.add_argument(
            "--no-prepare",
            action="store_true",
            help="Skip migrate and collectstatic (when a release step already ran them).",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Do not start the background task worker (when it runs elsewhere).",
        )

    def handle(self, *args, **options):
        try:
            options["workers"] = options["workers"] or workers()
            options["threads"] = options["threads"] or threads_per_worker()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if not options["no_prepare"]:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
        env = _environment(options["threads"])
        server = _granian_command(options)
        self.stdout.write(
            f"{settings.SITE_NAME} is being served on http://{options['host']}:{options['port']}/ "
            f"by {options['workers']} granian workers. Stop with Ctrl+C."
        )
        self.stdout.flush()
        children = [subprocess.Popen(server, env=env)]
        start_worker = None
        if not options["no_task_worker"]:
            start_worker = _task_worker_starter(env)
            children.append(start_worker())
        self._supervise(children, start_worker)

    def _supervise(self, children: list[subprocess.Popen], start_worker=None) -> None:
        """Wait for granian (children[0]); restart the task worker (children[1]) when it stops."""
        stopping = False

        def stop(signum, _frame):
            nonlocal stopping
            stopping = True
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM if signum != signal.SIGINT else signal.SIGINT)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        worker_stopped_at = None
        try:
            while children[0].poll() is None:
                if len(children) > 1 and children[1].poll() is not None and not stopping:
                    if worker_stopped_at is None:
                        worker_stopped_at = time.monotonic()
                        self.stderr.write(
                            f"The background task worker stopped (exit code {children[1].returncode}); "
                            "starting it again."
                        )
                    if start_worker and time.monotonic() - worker_stopped_at >= WORKER_RESTART_DELAY:
                        children[1] = start_worker()
                        worker_stopped_at = None
                time.sleep(0.5)
        finally:
            stop(signal.SIGTERM, None)
            deadline = time.monotonic() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
        code = children[0].returncode
        if not stopping and code:
            raise CommandError(f"granian stopped with exit code {code}.")
