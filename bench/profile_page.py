"""A cache miss's CPU, in one process: the 17-comment article of bench/seed.py answered through
Django's test client with the page cache off, on a throw-away SQLite file with production settings.

    python bench/profile_page.py [--n 300] [--cold | --after-comment] [--profile] [--top 30]

Prints JSON: CPU per page (`time.process_time`). `--cold` turns the fragment store off too (the page
as made right after an editor's change); `--after-comment` moves the article's generation before
each request, as a new comment does, so the thread's block is made again every time.
`--profile` runs again under cProfile and prints the top costs to stderr. Run it with PYTHONPATH
pointing at the source tree to measure.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="serai-page-"))
PARSER = argparse.ArgumentParser()
PARSER.add_argument("--n", type=int, default=300)
PARSER.add_argument("--cold", action="store_true")
PARSER.add_argument("--after-comment", action="store_true")
PARSER.add_argument("--profile", action="store_true")
PARSER.add_argument("--top", type=int, default=30)
ARGS = PARSER.parse_args()
os.environ.update(
    SERAI_HOME=str(HOME),
    SERAI_ENV="production",
    SECRET_KEY=secrets.token_urlsafe(50),
    DEBUG="false",
    ALLOWED_HOSTS="testserver,127.0.0.1",
    DATABASE_URL=f"sqlite:///{HOME / 'db.sqlite3'}",
    STATIC_ROOT=str(HOME / "static"),
    MEDIA_ROOT=str(HOME / "media"),
    SERAI_PAGE_CACHE_DIR=str(HOME / "pagecache"),
    SERAI_PAGE_CACHE="false",
    SERAI_FRAGMENT_CACHE="false" if ARGS.cold else "true",
    LOG_LEVEL="ERROR",
    DJANGO_SETTINGS_MODULE="serai.settings",
)
for name in ("CACHE_URL", "REDIS_URL", "SECURE_COOKIES", "BEHIND_TLS_PROXY"):
    os.environ.pop(name, None)
BIN = Path(sys.executable).parent
subprocess.run([str(BIN / "serai"), "migrate", "-v0"], check=True)
subprocess.run([str(BIN / "serai"), "collectstatic", "--noinput", "-v0"], check=True)
seeded = json.loads(
    subprocess.run(
        [sys.executable, str(Path(__file__).parent / "seed.py"), "seed"], check=True, capture_output=True
    ).stdout
)

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def run(client: Client, path: str, count: int, profile: bool = False) -> float:
    from serai.core import generations
    from serai.core.pagecache import story_key

    language, _section, slug = path.strip("/").split("/")
    moved = [story_key(language, slug)] if ARGS.after_comment else []
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(count):
        if moved:
            generations.store().bump(moved)
        response = client.get(path)
        assert response.status_code == 200, response.status_code
    if profiler:
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(ARGS.top)
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(ARGS.top)
        print(out.getvalue(), file=sys.stderr)
    return (time.process_time() - cpu) / count


def main() -> None:
    client = Client()
    path = seeded["k17"]["path"]
    run(client, path, 20)  # warm
    if ARGS.profile:
        run(client, path, ARGS.n, profile=True)
        return
    result = {
        "cold": ARGS.cold,
        "n": ARGS.n,
        "cpu_us_per_page": [round(run(client, path, ARGS.n) * 1e6) for _ in range(3)],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
