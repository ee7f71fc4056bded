#!/usr/bin/env python3
"""`make soak`: the production server under load while its processes and services fail.

On loopback only, bounded in time (about two minutes in all):

1. PostgreSQL and Redis for the soak (private instances on free ports by default, see
   services.py), a fresh database, migrations, the demo newsroom, static files.
2. `serai serve` (granian with several workers, respawning failed ones, plus the task worker),
   in production mode, with post-moderation so comments publish and change pages at once.
3. For 60 s, readers fetch pages while posters send comments (each text carries a unique id) and
   votes. Faults at fixed times: a granian worker is killed with SIGKILL (t=15 s), PostgreSQL is
   restarted (t=30 s), Redis is stopped (t=42 s) and started again (t=52 s).
4. Checks: every comment whose POST got a success answer is in the database exactly once;
   no 5xx (nor unanswered request) outside the few seconds after each fault; pages are served
   while Redis is down, with no error at all; after Redis returns the site writes to it again.

Prints the figures, writes them into docs/reliability.md (between the soak markers) and the raw
records into var/soak/. Exits 1 when a check fails, 2 when the soak itself could not run.
Uses only the standard library (the server runs from the virtualenv this script is run with).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from client import TOKEN, Load, Record, discover  # noqa: E402
from services import LOOPBACK, Postgres, Redis, free_port, port_open, run, wait_until  # noqa: E402

# The fault plan, in seconds after the load starts.
KILL_WORKER_AT = 15.0
RESTART_POSTGRES_AT = 30.0
STOP_REDIS_AT = 42.0
START_REDIS_AT = 52.0
DURATION = 60.0
# A fault's window: from the moment it is injected until this long after the injection finished.
WINDOW = 5.0
TIME_BUDGET = 600  # the whole soak, setup and cleanup included, never runs longer than this
REPORT = REPO / "docs" / "reliability.md"
OUT = REPO / "var" / "soak"
BEGIN = "<!-- soak:begin (written by soak/run.py; edit outside these markers) -->"
END = "<!-- soak:end -->"


class Budget(Exception):
    pass


def log(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Processes -------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            kids.append(int(entry))
    return sorted(kids)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class Server:
    """`serai serve` in its own process group, so every process it starts can be stopped."""

    def __init__(self, *, serai: Path, env: dict, port: int, workers: int, workdir: Path):
        self.serai, self.env, self.port, self.workers, self.workdir = serai, env, port, workers, workdir
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / "server.log"
        self.exited_at: float | None = None

    def start(self) -> None:
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [
                str(self.serai),
                "serve",
                "--no-prepare",
                "--host",
                LOOPBACK,
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            cwd=self.workdir,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def granian_main(self) -> int | None:
        if self.proc is None:
            return None
        for pid in _children(self.proc.pid):
            if "granian" in _cmdline(pid):
                return pid
        return None

    def task_worker(self) -> int | None:
        if self.proc is None:
            return None
        for pid in _children(self.proc.pid):
            if "db_worker" in _cmdline(pid):
                return pid
        return None

    def worker_pids(self) -> list[int]:
        main = self.granian_main()
        return _children(main) if main else []

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            pgid = os.getpgid(self.proc.pid)
        except ProcessLookupError:
            pgid = self.proc.pid
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(pgid, signal.SIGKILL)  # whatever is left of the group (none, normally)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.log_file.close()


# The soak --------------------------------------------------------------------------------


class Soak:
    def __init__(self, args):
        self.args = args
        self.workdir = Path(tempfile.mkdtemp(prefix="serai-soak-"))
        os.chmod(self.workdir, 0o755)
        self.dbname = f"serai_soak_{os.getpid()}"
        self.pg = Postgres(mode=args.services, workdir=self.workdir, dbname=self.dbname)
        self.redis = Redis(mode=args.services, workdir=self.workdir)
        self.port = free_port()
        self.server: Server | None = None
        self.faults: list[dict] = []
        self.load: Load | None = None
        self.observations: dict = {}
        self.votes_before = 0
        bindir = Path(args.python).parent
        self.serai = bindir / "serai"

    # setup

    def env(self) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not (k.startswith(("SERAI_", "DJANGO_")) or k in ("DATABASE_URL", "CACHE_URL", "SECRET_KEY"))
        }
        env.update(
            {
                "SERAI_HOME": str(self.workdir),
                "SERAI_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": LOOPBACK,
                "DATABASE_URL": self.pg.url,
                "CACHE_URL": self.redis.url,
                "SERAI_SITE_URL": f"http://{LOOPBACK}:{self.port}",
                "SERAI_COMMENTS_MODE": "post",
                "SERAI_MIN_FORM_SECONDS": "0",
                "SERAI_TRUSTED_PROXIES": "1",
                "EMAIL_URL": "consolemail://",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        for item in self.args.env:
            key, _sep, value = item.partition("=")
            env[key] = value
        return env

    def manage(self, env: dict, *args: str, timeout: float = 180) -> str:
        result = subprocess.run(
            [str(self.serai), *args],
            env=env,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(
                f"serai {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def setup(self) -> None:
        log(f"Services: {self.args.services} (PostgreSQL, Redis); work folder {self.workdir}")
        self.pg.setup()
        self.redis.setup()
        log(
            f"PostgreSQL {self.pg.server_version()} on port {self.pg.port}, database {self.dbname}; "
            f"Redis on port {self.redis.port}, db {self.redis.db}"
        )
        env = self.env()
        started = time.monotonic()
        self.manage(env, "migrate", "--noinput", "-v0")
        self.manage(env, "demo")
        self.manage(env, "collectstatic", "--noinput", "-v0")
        log(
            "Database migrated, demo newsroom loaded, static files collected "
            f"({time.monotonic() - started:.0f} s)"
        )
        # The demo may come with readers' votes of its own: count only the soak's.
        self.votes_before = int(self.pg.psql("SELECT count(*) FROM comments_articlevote").strip() or 0)
        self.server = Server(
            serai=self.serai, env=env, port=self.port, workers=self.args.workers, workdir=self.workdir
        )
        self.server.start()
        if not wait_until(lambda: port_open(self.port) or not self.server.alive(), 60):
            raise RuntimeError("serai serve did not open its port within 60 s.")
        if not self.server.alive():
            raise RuntimeError("serai serve stopped at once; see " + str(self.server.log_path))
        wait_until(lambda: len(self.server.worker_pids()) >= self.args.workers, 30)
        log(
            f"serai serve on http://{LOOPBACK}:{self.port}/: granian {self.server.granian_main()}, "
            f"workers {self.server.worker_pids()}, task worker {self.server.task_worker()}"
        )

    # faults

    async def _fault(self, name: str, at: float, action) -> None:
        assert self.load is not None
        await asyncio.sleep(max(0.0, at - self.load.now()))
        start = self.load.now()
        event = {"name": name, "planned": at, "start": round(start, 2)}
        try:
            event["detail"] = await asyncio.to_thread(action)
            event["ok"] = True
        except Exception as exc:  # noqa: BLE001 — a fault that could not be injected is reported
            event["detail"] = f"could not be injected: {type(exc).__name__}: {exc}"
            event["ok"] = False
        event["end"] = round(self.load.now(), 2)
        event["window"] = (event["start"], round(event["end"] + WINDOW, 2))
        self.faults.append(event)
        log(f"t={start:5.1f} s  {name}: {event['detail']}")

    def kill_worker(self) -> str:
        assert self.server is not None
        before = self.server.worker_pids()
        if not before:
            raise RuntimeError("no granian worker found")
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        respawned = wait_until(
            lambda: victim not in self.server.worker_pids() and len(self.server.worker_pids()) >= len(before),
            20,
            0.05,
        )
        after = self.server.worker_pids()
        self.observations["worker_kill"] = {
            "victim": victim,
            "before": before,
            "after": after,
            "respawned": respawned,
            "respawn_seconds": round(time.monotonic() - killed, 2) if respawned else None,
        }
        if respawned:
            return (
                f"SIGKILL to worker {victim}; granian started worker "
                f"{sorted(set(after) - set(before))} {time.monotonic() - killed:.2f} s later"
            )
        return f"SIGKILL to worker {victim}; no replacement within 20 s (workers now {after})"

    def restart_postgres(self) -> str:
        started = time.monotonic()
        self.pg.restart()
        up = wait_until(self.pg.ready, 30)
        took = time.monotonic() - started
        self.observations["postgres_restart_seconds"] = round(took, 2)
        return (
            f"fast restart, accepting connections again after {took:.2f} s" if up else "not back after 30 s"
        )

    def stop_redis(self) -> str:
        self.redis.stop()
        return "shutdown nosave; the port is closed (every key is gone)"

    def start_redis(self) -> str:
        started = time.monotonic()
        self.redis.start()
        return f"started again, answering PING after {time.monotonic() - started:.2f} s (empty)"

    async def _watch_server(self) -> None:
        assert self.load is not None and self.server is not None
        while self.load.now() < DURATION + self.args.timeout + 5:
            if not self.server.alive() and self.server.exited_at is None:
                self.server.exited_at = round(self.load.now(), 2)
                log(
                    f"t={self.server.exited_at:5.1f} s  serai serve exited "
                    f"with code {self.server.proc.returncode}"
                )
            await asyncio.sleep(0.25)

    async def _load_and_faults(self, articles: list[str], pages: list[str]) -> None:
        self.load = Load(
            host=LOOPBACK,
            port=self.port,
            articles=articles,
            pages=pages,
            duration=DURATION,
            readers=self.args.readers,
            posters=self.args.posters,
            timeout=self.args.timeout,
        )
        self.load.t0 = time.monotonic()
        watcher = asyncio.create_task(self._watch_server())
        faults = asyncio.gather(
            self._fault("kill -9 one granian worker", KILL_WORKER_AT, self.kill_worker),
            self._fault("restart PostgreSQL", RESTART_POSTGRES_AT, self.restart_postgres),
            self._fault("stop Redis", STOP_REDIS_AT, self.stop_redis),
            self._fault("start Redis", START_REDIS_AT, self.start_redis),
        )
        await asyncio.gather(self.load.run(), faults)
        log(f"Load finished at t={self.load.now():.1f} s; {len(self.load.records)} requests")
        self.faults.sort(key=lambda f: f["start"])
        await self._after(articles)
        watcher.cancel()

    async def _after(self, articles: list[str]) -> None:
        """After the faults: pages, a last comment, and Redis written to again."""
        assert self.load is not None
        checks = {}
        for path in ["/en/", articles[0], articles[-1]]:
            record, _resp = await self.load._do("after", "GET", path)
            checks[f"GET {path}"] = record.status
        record, page = await self.load._do("after", "GET", articles[0])
        token = TOKEN.search(page.body) if page else None
        match = re.search(rb'action="(/[a-z]{2}/comments/\d+/post/)"', page.body) if page else None
        if token and match:
            text_id = secrets.token_hex(16)
            form = {
                "author_name": "Soak, after the faults",
                "email": "after@example.org",
                "parent": "",
                "text": f"Soak comment {text_id}: posted after every fault.",
                "token": token.group(1).decode(),
                "website": "",
            }
            record, _resp = await self.load._do(
                "comment",
                "POST",
                match.group(1).decode(),
                body=urlencode(form).encode(),
                headers={"Origin": self.load.origin, "X-Forwarded-For": "10.200.0.1"},
                text_id=text_id,
            )
            checks["POST a comment"] = record.status
        # Pages fetched again, so a page cache writing to Redis has had reasons to write.
        for path in ["/en/", articles[0], "/en/", articles[0]]:
            await self.load._do("after", "GET", path)
        await asyncio.sleep(0.5)
        self.observations["after"] = checks
        self.observations["stale_pages"] = await self._stale_pages(articles)
        self.observations["redis_keys_after_restart"] = self.redis.dbsize()
        self.observations["redis_key_groups"] = self.redis.key_prefixes()

    async def _stale_pages(self, articles: list[str]) -> dict:
        """Every article page, fetched a few times (several workers, each with its own page store),
        must show the newest comment the database has for it: invalidation survived the faults."""
        assert self.load is not None
        newest = {}
        query = (
            "SELECT DISTINCT ON (article_id) article_id, id FROM comments_comment "
            "WHERE status = 'published' AND depth = 0 ORDER BY article_id, created_at DESC, id DESC"
        )
        for line in self.pg.psql(query).splitlines():
            article_id, _tab, pk = line.partition("\t")
            newest[int(article_id)] = int(pk)
        fetched, stale = 0, []
        for path in articles:
            for _ in range(3):
                record, page = await self.load._do("after", "GET", path)
                if not page or page.status != 200:
                    continue
                match = re.search(rb'action="/[a-z]{2}/comments/(\d+)/post/"', page.body)
                if not match or int(match.group(1)) not in newest:
                    continue
                fetched += 1
                pk = newest[int(match.group(1))]
                if f'id="comment-{pk}"'.encode() not in page.body:
                    stale.append(f"{path} lacks comment {pk}")
        return {"pages checked": fetched, "stale": stale}

    # checks

    def stored_comments(self) -> tuple[dict[str, int], dict[str, int]]:
        """How many times each soak text id is stored, and the stored comments by status."""
        rows = self.pg.psql("SELECT text, status FROM comments_comment WHERE text LIKE 'Soak comment %'")
        counts: dict[str, int] = {}
        statuses: dict[str, int] = {}
        for line in rows.splitlines():
            text, _tab, status = line.rpartition("\t")
            match = re.match(r"Soak comment ([0-9a-f]{32}):", text)
            if match:
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
                statuses[status] = statuses.get(status, 0) + 1
        return counts, statuses

    def analyse(self) -> dict:
        assert self.load is not None
        records = self.load.records
        windows = [(f["name"], *f["window"]) for f in self.faults]
        stop = next((f for f in self.faults if f["name"] == "stop Redis"), None)
        start = next((f for f in self.faults if f["name"] == "start Redis"), None)
        redis_down = (stop["start"], start["end"]) if stop and start else None

        def bad(r: Record) -> bool:
            return r.status >= 500 or r.status == 0

        def overlaps(r: Record, a: float, b: float) -> bool:
            return r.start <= b and r.end >= a

        def window_of(r: Record) -> str | None:
            return next((name for name, a, b in windows if overlaps(r, a, b)), None)

        by_kind: dict[str, dict[str, int]] = {}
        for r in records:
            key = str(r.status) if r.status else "no answer"
            by_kind.setdefault(r.kind, {}).setdefault(key, 0)
            by_kind[r.kind][key] += 1
        bad_in = {name: 0 for name, _a, _b in windows}
        last_bad: dict[str, float] = {}
        bad_out: list[Record] = []
        for r in records:
            if bad(r):
                name = window_of(r)
                if name:
                    bad_in[name] += 1
                    last_bad[name] = max(last_bad.get(name, 0.0), round(r.end, 2))
                else:
                    bad_out.append(r)

        # Phases, for latency, success and cacheability.
        marks = [("steady", 0.0)] + [(f["name"], f["start"]) for f in self.faults] + [("end", 1e9)]
        phases = []
        for (name, a), (_next, b) in zip(marks, marks[1:], strict=False):
            label = {
                "steady": "before the faults",
                "kill -9 one granian worker": "after the worker kill",
                "restart PostgreSQL": "after the PostgreSQL restart",
                "stop Redis": "Redis down",
                "start Redis": "Redis back",
            }.get(name, name)
            reads = [r for r in records if r.kind in ("read", "form") and a <= r.start < b]
            ok = [r for r in reads if 200 <= r.status < 300]
            times = sorted(r.end - r.start for r in ok)
            phases.append(
                {
                    "phase": label,
                    "from": a,
                    "to": min(b, DURATION),
                    "pages": len(reads),
                    "2xx": len(ok),
                    "5xx": sum(1 for r in reads if r.status >= 500),
                    "no answer": sum(1 for r in reads if r.status == 0),
                    "p50 ms": round(statistics.median(times) * 1000, 1) if times else None,
                    "p95 ms": round(times[int(len(times) * 0.95) - 1] * 1000, 1)
                    if len(times) >= 20
                    else None,
                    "cacheable": sum(1 for r in ok if "public" in r.cache_control),
                }
            )

        # Comments.
        stored, statuses = self.stored_comments()
        sent = [r for r in records if r.kind == "comment"]
        succeeded = [r for r in sent if r.status in (302, 303)]
        refused = [r for r in sent if 400 <= r.status < 500]
        failed = [r for r in sent if r.status >= 500 or r.status == 0]
        lost = [r for r in succeeded if stored.get(r.text_id, 0) == 0]
        duplicated = [r for r in sent if stored.get(r.text_id, 0) > 1]
        failed_but_stored = [r for r in failed + refused if stored.get(r.text_id, 0) == 1]
        sent_ids = {r.text_id for r in sent}
        strangers = [t for t in stored if t not in sent_ids]

        # Votes.
        votes = [r for r in records if r.kind == "vote"]
        votes_ok = sum(1 for r in votes if r.status in (302, 303))
        votes_unknown = sum(1 for r in votes if r.status >= 500 or r.status == 0)
        votes_stored = (
            int(self.pg.psql("SELECT count(*) FROM comments_articlevote").strip() or 0) - self.votes_before
        )

        # Redis outage.
        outage = {}
        if redis_down:
            a, b = redis_down
            during = [r for r in records if a <= r.start and r.end <= b]
            pages = [r for r in during if r.kind in ("read", "form")]
            outage = {
                "from": a,
                "to": b,
                "pages": len(pages),
                "pages 2xx": sum(1 for r in pages if 200 <= r.status < 300),
                "5xx": sum(1 for r in during if r.status >= 500),
                "no answer": sum(1 for r in during if r.status == 0),
                "comments posted": sum(1 for r in during if r.kind == "comment" and r.status in (302, 303)),
                "comments failed": sum(1 for r in during if r.kind == "comment" and bad(r)),
            }
        after = [r for r in records if start and r.start >= start["end"] + WINDOW]

        result = {
            "requests": len(records),
            "by_kind": by_kind,
            "windows": windows,
            "bad_in_windows": bad_in,
            "last_bad_in_windows": last_bad,
            "bad_outside": [
                {
                    "t": round(r.start, 2),
                    "kind": r.kind,
                    "method": r.method,
                    "path": r.path,
                    "status": r.status,
                    "error": r.error,
                }
                for r in bad_out
            ],
            "phases": phases,
            "comments": {
                "sent": len(sent),
                "succeeded": len(succeeded),
                "refused (4xx)": len(refused),
                "failed (5xx or no answer)": len(failed),
                "succeeded and stored once": sum(1 for r in succeeded if stored.get(r.text_id) == 1),
                "lost (success, not stored)": len(lost),
                "duplicated (stored twice or more)": len(duplicated),
                "failed but stored once": len(failed_but_stored),
                "stored, never sent": len(strangers),
                "stored by status": ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
            },
            "votes": {
                "sent": len(votes),
                "succeeded": votes_ok,
                "failed (5xx or no answer)": votes_unknown,
                "stored": votes_stored,
            },
            "failed_but_stored": [
                {"t": round(r.start, 2), "status": r.status or "no answer", "error": r.error}
                for r in failed_but_stored
            ],
            "redis_outage": outage,
            "after_redis_returned": {
                "requests": len(after),
                "5xx or no answer": sum(1 for r in after if bad(r)),
                "cacheable pages": sum(
                    1 for r in after if 200 <= r.status < 300 and "public" in r.cache_control
                ),
            },
            "observations": self.observations,
            "faults": self.faults,
            "server_exited_at": self.server.exited_at if self.server else None,
        }
        checks = []

        def check(name: str, ok: bool, detail: str) -> None:
            checks.append({"check": name, "ok": bool(ok), "detail": detail})

        check(
            "every successful comment stored exactly once",
            not lost and not duplicated,
            f"{len(succeeded)} succeeded, {len(lost)} lost, {len(duplicated)} duplicated",
        )
        check(
            "votes: stored between successes and successes + unknown",
            votes_ok <= votes_stored <= votes_ok + votes_unknown,
            f"{votes_ok} succeeded, {votes_unknown} unknown, {votes_stored} stored",
        )
        check(
            "no 5xx nor unanswered request outside the fault windows",
            not bad_out,
            f"{len(bad_out)} outside; windows {', '.join(f'{n} {a:.1f}–{b:.1f} s' for n, a, b in windows)}",
        )
        if outage:
            check(
                "pages served while Redis is down",
                outage["pages 2xx"] > 0 and outage["pages"] > 0,
                f"{outage['pages 2xx']} of {outage['pages']} pages answered 2xx",
            )
            check(
                "cache errors never became page errors (no 5xx while Redis is down)",
                outage["5xx"] == 0 and outage["no answer"] == 0,
                f"{outage['5xx']} 5xx, {outage['no answer']} unanswered between "
                f"{outage['from']:.1f} and {outage['to']:.1f} s",
            )
        keys = self.observations.get("redis_keys_after_restart")
        check(
            "Redis used again after it returned",
            bool(keys),
            f"{keys} keys written since the restart ("
            + ", ".join(f"`{k}…` {n}" for k, n in (self.observations.get("redis_key_groups") or {}).items())
            + ")",
        )
        after_checks = self.observations.get("after", {})
        check(
            "pages and posting work after every fault",
            bool(after_checks) and all(s in (200, 303) for s in after_checks.values()),
            ", ".join(f"{k} → {v or 'no answer'}" for k, v in after_checks.items()),
        )
        stale = self.observations.get("stale_pages", {})
        check(
            "article pages show their newest comment after the faults (no stale cached page)",
            bool(stale.get("pages checked")) and not stale.get("stale"),
            f"{stale.get('pages checked')} pages checked, {len(stale.get('stale', []))} stale"
            + (f": {'; '.join(stale['stale'][:5])}" if stale.get("stale") else ""),
        )
        kill = self.observations.get("worker_kill", {})
        check(
            "granian replaced the killed worker",
            bool(kill.get("respawned")),
            f"after {kill.get('respawn_seconds')} s" if kill.get("respawned") else str(kill),
        )
        check(
            "serai serve kept running",
            self.server is not None and self.server.exited_at is None,
            "running"
            if self.server and self.server.exited_at is None
            else f"exited at t={self.server.exited_at} s with code {self.server.proc.returncode}",
        )
        result["checks"] = checks
        result["passed"] = all(c["ok"] for c in checks)
        return result

    # the whole run

    def execute(self) -> int:
        try:
            self.setup()
            articles, pages = asyncio.run(discover(LOOPBACK, self.port))
            log(
                f"{len(articles)} articles and {len(pages) - len(articles)} other pages; "
                f"{self.args.readers} readers, {self.args.posters} posters for {DURATION:.0f} s"
            )
            pages = articles + pages
            asyncio.run(self._load_and_faults(articles, pages))
            result = self.analyse()
            result["config"] = self.config()
            self.save(result)
            print(render_text(result))
            if not self.args.no_report:
                write_report(result, self.args.report)
                log(f"Figures written to {self.args.report}")
            return 0 if result["passed"] else 1
        finally:
            self.cleanup()

    def config(self) -> dict:
        def version(cmd: list[str]) -> str:
            try:
                return run(cmd, timeout=20, check=False).stdout.strip().splitlines()[0]
            except Exception:  # noqa: BLE001
                return "?"

        python = self.args.python
        commit = version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
        dirty = version(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"])
        os_name = "?"
        if Path("/etc/os-release").exists():
            m = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
            os_name = m.group(1) if m else "?"
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
        return {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit + (" (with uncommitted changes)" if dirty and dirty != "?" else ""),
            "machine": f"{os_name}, kernel {platform.release()}, {os.cpu_count()} CPUs"
            f"{' (' + cpu.group(1).strip() + ')' if cpu else ''}, "
            f"{int(mem.group(1)) // 1024 // 1024 if mem else '?'} GiB RAM",
            "python": platform.python_version(),
            "granian": version([str(Path(python).parent / "granian"), "--version"]),
            "django": version([python, "-c", "import django; print(django.get_version())"]),
            "postgresql": self.pg.server_version(),
            "redis": version(["redis-server", "--version"]),
            "services": self.args.services,
            "workers": self.args.workers,
            "readers": self.args.readers,
            "posters": self.args.posters,
            "extra_env": self.args.env,
        }

    def save(self, result: dict) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "summary.json").write_text(json.dumps(result, indent=2, default=str))
        with open(OUT / "requests.csv", "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                ["start", "end", "kind", "method", "path", "status", "error", "text_id", "cache_control"]
            )
            for r in self.load.records if self.load else []:
                writer.writerow(
                    [
                        f"{r.start:.3f}",
                        f"{r.end:.3f}",
                        r.kind,
                        r.method,
                        r.path,
                        r.status,
                        r.error,
                        r.text_id,
                        r.cache_control,
                    ]
                )
        log(f"Raw records and the server log in {OUT}")

    def cleanup(self) -> None:
        log("Cleaning up")
        if self.server is not None:
            self.server.stop()
            if self.server.log_path.exists():
                OUT.mkdir(parents=True, exist_ok=True)
                shutil.copy(self.server.log_path, OUT / "server.log")
        for step in (self.redis.cleanup, self.pg.cleanup):
            try:
                step()
            except Exception as exc:  # noqa: BLE001 — keep cleaning
                log(f"Cleanup step failed: {exc}")
        if self.args.services == "shared":
            log(
                f"Machine services: PostgreSQL {'up' if self.pg.ready() else 'DOWN'}, "
                f"Redis {'up' if self.redis.ping() else 'DOWN'}"
            )
        if self.args.keep:
            log(f"Kept {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)


# Output ----------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        return "–" if v is None else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(result: dict) -> str:
    c = result["config"]
    where = (
        "the soak’s own instances on free loopback ports" if c["services"] == "private" else "the machine’s"
    )
    out = [
        f"Last run: {c['date']}, commit {c['commit']}.",
        "",
        f"- Machine: {c['machine']}.",
        f"- Software: Python {c['python']}, Django {c['django']}, {c['granian']}, "
        f"PostgreSQL {c['postgresql']}, {c['redis'].split(' sha=')[0]}.",
        f"- Configuration: `serai serve` with {c['workers']} granian workers (respawning failed ones) "
        f"and the task worker; `SERAI_ENV=production`, post-moderation; PostgreSQL and Redis "
        f"{c['services']} ({where})"
        + (f"; extra settings {', '.join(c['extra_env'])}" if c["extra_env"] else "")
        + ".",
        f"- Load: {c['readers']} readers and {c['posters']} posters (each post: the article page, then the "
        f"comment; every second round a vote) for {DURATION:.0f} s.",
        "",
        f"**Result: {'all checks passed' if result['passed'] else 'FAILED'}.**",
        "",
        _table(
            ["check", "result", "figures"],
            [[ch["check"], "pass" if ch["ok"] else "**FAIL**", ch["detail"]] for ch in result["checks"]],
        ),
        "",
        "### Faults",
        "",
        _table(
            [
                "fault",
                "injected at",
                "done at",
                "window counted as the fault's",
                "5xx or unanswered in it",
                "last of them ended at",
                "what happened",
            ],
            [
                [
                    f["name"],
                    f"{f['start']:.1f} s",
                    f"{f['end']:.1f} s",
                    f"{f['window'][0]:.1f}–{f['window'][1]:.1f} s",
                    result["bad_in_windows"].get(f["name"], 0),
                    f"{result['last_bad_in_windows'][f['name']]:.1f} s"
                    if f["name"] in result["last_bad_in_windows"]
                    else None,
                    f["detail"],
                ]
                for f in result["faults"]
            ],
        ),
        "",
        "### Requests",
        "",
        f"{result['requests']} requests in all.",
        "",
        _table(
            ["kind", "answers"],
            [[k, ", ".join(f"{s}: {n}" for s, n in sorted(v.items()))] for k, v in result["by_kind"].items()],
        ),
        "",
        "### Pages by phase",
        "",
        "Cacheable: pages answered `Cache-Control: public` (the page cache could record them).",
        "",
        _table(
            ["phase", "from", "pages", "2xx", "5xx", "unanswered", "p50 ms", "p95 ms", "cacheable"],
            [
                [
                    p["phase"],
                    f"{p['from']:.1f} s",
                    p["pages"],
                    p["2xx"],
                    p["5xx"],
                    p["no answer"],
                    p["p50 ms"],
                    p["p95 ms"],
                    p["cacheable"],
                ]
                for p in result["phases"]
            ],
        ),
        "",
        "### Comments and votes",
        "",
        _table(["comments", "count"], [[k, v] for k, v in result["comments"].items()]),
        "",
        _table(["votes", "count"], [[k, v] for k, v in result["votes"].items()]),
        "",
        "### Redis outage and recovery",
        "",
        _table(["while Redis was down", "count"], [[k, v] for k, v in result["redis_outage"].items()]),
        "",
        _table(
            ["after Redis returned (past its window)", "count"],
            [[k, v] for k, v in result["after_redis_returned"].items()],
        ),
    ]
    if result["failed_but_stored"]:
        out += [
            "",
            "### Comments answered with an error yet stored",
            "",
            "The reader saw a failure although the comment was saved (and may send it again).",
            "",
            _table(
                ["t", "answer", "error"],
                [[f"{b['t']:.2f} s", b["status"], b["error"]] for b in result["failed_but_stored"]],
            ),
        ]
    if result["bad_outside"]:
        out += [
            "",
            "### Errors outside the fault windows (first 30)",
            "",
            _table(
                ["t", "kind", "request", "status", "error"],
                [
                    [
                        f"{b['t']:.2f} s",
                        b["kind"],
                        f"{b['method']} {b['path']}",
                        b["status"] or "no answer",
                        b["error"],
                    ]
                    for b in result["bad_outside"][:30]
                ],
            ),
        ]
    return "\n".join(out) + "\n"


def render_text(result: dict) -> str:
    return "\n" + "=" * 78 + "\nSOAK RESULT\n" + "=" * 78 + "\n" + render_markdown(result)


def write_report(result: dict, path: Path) -> None:
    block = f"{BEGIN}\n{render_markdown(result)}{END}\n"
    if path.exists():
        text = path.read_text()
        if BEGIN in text and END in text:
            head, _rest = text.split(BEGIN, 1)
            _old, tail = _rest.split(END, 1)
            path.write_text(head + block + tail.lstrip("\n"))
            return
        path.write_text(text.rstrip("\n") + "\n\n## Latest soak figures\n\n" + block)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Reliability\n\n## Latest soak figures\n\n" + block)


# Entry point -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--services",
        choices=["private", "shared"],
        default="private",
        help="private: the soak's own PostgreSQL and Redis (default); shared: the machine's",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--posters", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=15, help="seconds before a request is given up")
    parser.add_argument("--python", default=sys.executable, help="the virtualenv's python (serai beside it)")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an extra setting for the server (repeatable)",
    )
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--no-report", action="store_true", help="print the figures only")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, PostgreSQL data)")
    args = parser.parse_args()
    if not (Path(args.python).parent / "serai").exists():
        print(f"No `serai` beside {args.python}: run it with the virtualenv's python (make soak).")
        return 2

    def out_of_time(_signum, _frame):
        raise Budget(f"the soak ran past its {TIME_BUDGET} s budget")

    def terminated(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, terminated)
    signal.alarm(TIME_BUDGET)
    try:
        return Soak(args).execute()
    except (Budget, RuntimeError, subprocess.SubprocessError) as exc:
        log(f"The soak could not run: {exc}")
        return 2
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    sys.exit(main())
