"""Isso, the reference for the bench's posting row: installed, configured and checked by bench/run.py.

Isso (a lightweight comment server in Python, https://isso-comments.de) is what Serai's posting
rate is compared with: the target is twice Isso's rate, measured on the same machine in the same
run. Isso and its WSGI server are installed only into a virtual environment of the bench's own
(var/bench/isso-venv, git-ignored, kept between runs and made again when the pinned versions
change), never into Serai's environment or its dependencies.

How it runs, and why:
- gunicorn, as Isso's deployment documentation shows it (`gunicorn --preload isso.run`), with
  the workers and threads of Serai's posting row (2 workers × 2 threads, gthread): the same
  concurrency as granian gives Serai, under the server Isso documents. (granian would run Isso
  too, but Isso's documentation does not name it.) Isso inserts a comment and reads back the
  thread's newest row to answer with, under a lock that `isso.run` makes per process (make_app's
  `threading=True` default wins over its `multiprocessing=True`): with two workers, another's
  insert can come between, and the answer describes that comment. bench/isso_post.lua counts
  such answers; the comment sent is stored all the same, and that is what the rate counts.
- SQLite in the bench's temporary folder; moderation off (comments published at once, as on
  Serai's post-moderated article); notifications off (Serai's row sends none either).
- The rate limit ("guard") on, with Isso's defaults (2 comments a minute per address, 3
  top-level comments per thread per address), and `trusted-proxies = 127.0.0.1`, so that Isso
  takes the commenter's address from X-Forwarded-For as Serai does. Isso keeps an IPv4 address's
  first three parts only, so bench/isso_post.lua gives each commenter a /24 of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

ISSO_REQUIREMENTS = ("isso==0.14.0", "gunicorn==27.0.1")
THREAD_URI = "/bench/posting/"
THREAD_TITLE = "Bench posting thread"


def clean_env() -> dict:
    """The caller's environment without what points Python at Serai's code or environment."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}


def ensure_venv(venv: Path, log) -> Path:
    """The bench's Isso environment, made the first time (or when ISSO_REQUIREMENTS change).

    A file listing the requirements is written last, so an installation cut short is made again.
    Raises RuntimeError or subprocess.TimeoutExpired when it cannot be made."""
    marker = venv / "bench-requirements.txt"
    wanted = "\n".join(ISSO_REQUIREMENTS) + "\n"
    python = venv / "bin" / "python"
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    log(f"installing {', '.join(ISSO_REQUIREMENTS)} into {venv} (the bench's own environment, once)")
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    for argv, timeout in (
        ([sys.executable, "-m", "venv", str(venv)], 120),
        (
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *ISSO_REQUIREMENTS,
            ],
            600,
        ),
    ):
        result = subprocess.run(
            argv, env=clean_env(), capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
            errors = [line for line in lines if line.startswith("ERROR")] or lines[-1:]
            raise RuntimeError(f"{' '.join(argv[:4])} … failed: {' '.join(errors)}")
    marker.write_text(wanted)
    return python


def versions(python: Path) -> dict:
    code = "import importlib.metadata as m; print(m.version('isso'), m.version('gunicorn'))"
    out = subprocess.run(
        [str(python), "-c", code], env=clean_env(), capture_output=True, text=True, timeout=30, check=False
    ).stdout.split()
    return {"isso": out[0], "gunicorn": out[1]} if len(out) == 2 else {"isso": "?", "gunicorn": "?"}


def write_config(folder: Path, port: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "isso.cfg"
    config.write_text(
        f"""[general]
dbpath = {folder / "comments.db"}
host = http://127.0.0.1:{port}/
notify =
gravatar = false

[moderation]
enabled = false

[server]
listen = http://127.0.0.1:{port}/
trusted-proxies = 127.0.0.1

[guard]
enabled = true
ratelimit = 2
direct-reply = 3
reply-to-self = false
require-author = false
require-email = false
"""
    )
    return config


def server_argv(python: Path, port: int, *, workers: int, threads: int) -> list[str]:
    return [
        str(python.parent / "gunicorn"),
        "--workers", str(workers),
        "--threads", str(threads),
        "--worker-class", "gthread",
        "--preload",
        "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning",
        "isso.run",
    ]  # fmt: skip


def server_env(config: Path) -> dict:
    return {**clean_env(), "ISSO_SETTINGS": str(config), "PYTHONDONTWRITEBYTECODE": "1"}


def new_comment_path(uri: str = THREAD_URI) -> str:
    return "/new?" + urlencode({"uri": uri})


def read_answers(path: Path) -> dict:
    """What bench/isso_post.lua wrote: the comments acknowledged, those in flight, the rest."""
    acked: list[int] = []
    in_flight: set[int] = set()
    failures: dict[str, int] = {}
    mismatched: list[str] = []
    sent = most_by_one_thread = 0
    for line in path.read_text().splitlines():
        kind, _, values = line.partition(" ")
        items = [v for v in values.split(",") if v]
        if kind == "acked":
            acked += [int(v) for v in items]
        elif kind == "unanswered":
            in_flight |= {int(v) for v in items}
        elif kind == "other":
            for status in items:
                failures[status] = failures.get(status, 0) + 1
        elif kind == "mismatched":
            mismatched += items
        elif kind == "sent":
            sent += int(values)
            most_by_one_thread = max(most_by_one_thread, int(values))
    return {
        "acked": acked,
        "in_flight": in_flight,
        "failures": failures,
        "sent": sent,
        "mismatched": mismatched,
        "most_by_one_thread": most_by_one_thread,
    }


def verify(db: Path, prefix: str, acked: list[str], in_flight: set[str], counted: int | None) -> dict:
    """Compare the comments Isso acknowledged with the rows written with `prefix`, as seed.py's
    verify does for Serai: every acknowledged comment stored once, nothing stored without an
    answer but what was in flight. Comments are named by their text up to the first colon
    ("<prefix> r<round> #<n>", unique per comment sent); `counted` is what Isso's own /count
    answered for the thread afterwards."""
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT c.text, c.mode, c.remote_addr FROM comments AS c JOIN threads AS t ON c.tid = t.id "
            "WHERE t.uri = ? AND substr(c.text, 1, ?) = ?",
            (THREAD_URI, len(prefix), prefix),
        ).fetchall()
        published = con.execute(
            "SELECT count(*) FROM comments AS c JOIN threads AS t ON c.tid = t.id "
            "WHERE t.uri = ? AND c.mode = 1",
            (THREAD_URI,),
        ).fetchone()[0]
    named = [(text.split(":", 1)[0], text, addr) for text, _mode, addr in rows]
    stored = {key for key, _text, _addr in named}
    answered = set(acked)
    unanswered = stored - answered
    newest = acked[-1] if acked else None
    statuses: dict[str, int] = {}
    for _text, mode, _addr in rows:
        name = {1: "published", 2: "pending", 4: "deleted"}.get(mode, str(mode))
        statuses[name] = statuses.get(name, 0) + 1
    return {
        "acknowledged": len(acked),
        "stored": len(rows),
        "lost": len(answered - stored),
        "acknowledged_twice": len(acked) - len(answered),
        "duplicated": len(rows) - len({text for _key, text, _addr in named}),
        "unacknowledged_stored": len(unanswered - in_flight),
        "in_flight_stored": len(unanswered & in_flight),
        "commenters": len({addr for key, _text, addr in named if key in answered}),
        "last_text": next((text for key, text, _addr in named if key == newest), ""),
        "statuses": statuses,
        "counter_published": counted if counted is not None else -1,
        "actual_published": published,
    }


def count_answer(body: str) -> int | None:
    """Isso's POST /count answers a JSON list with one count per thread asked."""
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value[0] if isinstance(value, list) and value and isinstance(value[0], int) else None
