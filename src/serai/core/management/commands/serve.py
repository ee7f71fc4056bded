"""`serai serve`: run Serai under granian, the production server, with static files ready."""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    # One worker per core, at least two, so a slow request never blocks every reader.
    return max(2, os.cpu_count() or 1)


class Command(BaseCommand):
    help = "Serve the site with granian (WSGI), after applying migrations and collecting static files."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SERAI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("SERAI_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SERAI_WORKERS", default_workers()))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("SERAI_THREADS", "4")),
            help="Blocking threads per worker.",
        )
        parser.add_argument(
            "--no-prepare",
            action="store_true",
            help="Skip migrate and collectstatic (when a release step already ran them).",
        )

    def handle(self, *args, **options):
        if not options["no_prepare"]:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
        granian = shutil.which("granian") or os.path.join(os.path.dirname(sys.executable), "granian")
        if not os.path.exists(granian):
            raise CommandError("granian is not installed in this environment; run `pip install serai` again.")
        argv = [
            granian,
            "--interface",
            "wsgi",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            str(options["threads"]),
            "--no-ws",
            "--respawn-failed-workers",
            "serai.wsgi:application",
        ]
        self.stdout.write(
            f"{settings.SITE_NAME} is being served on http://{options['host']}:{options['port']}/ "
            f"by {options['workers']} granian workers. Stop with Ctrl+C."
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")
        sys.stdout.flush()
        os.execv(granian, argv)
