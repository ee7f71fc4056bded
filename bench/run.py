"""`make bench`: how fast Serai serves and takes comments, measured against nginx on this machine.

One run, on loopback, with wrk:
- the reference: nginx serving the article's HTML saved as a file;
- Serai alone answering the article from its own page cache (SQLite, the default cache);
- the same behind the nginx configuration of docs/deploy.md (bench/nginx/*.conf), plain and TLS;
- the cache-miss path (a second Serai with SERAI_PAGE_CACHE=false): the 17-comment article,
  pages 1 and 50 of a 10,000-comment thread (page 50 reached by following rel="next" links), and
  the English edition of a story whose 17 comments are in three languages, most of them shown in
  translation (the original behind "Show original");
- a search results page over 20,000 articles (bench/seed.py search), with its results kept and
  with nothing kept, each against the 17-comment page made the same way;
- a static file from nginx and from the app (WhiteNoise), and gunicorn beside granian;
- comment posting through the whole pipeline (form token, rules, rate limit, counters, page-cache
  invalidation), many commenters at once, then a check that nothing was lost or stored twice;
- right after it, the same load on Isso 0.14 (a lightweight comment server in Python, under
  gunicorn with the same workers and threads), the reference for the posting target: twice Isso's
  rate. Isso is installed into the bench's own environment (var/bench/isso-venv) the first time,
  never into Serai's (bench/isso_bench.py says how it is set up, and why);
- with PostgreSQL and Redis up: two app servers sharing them, and a comment published through one
  visible through the other on the next request.
Freshness is checked too: after a comment is published, the next read through nginx shows it.

Results are printed and written into docs/performance.md between its bench markers. Timings are
never asserted anywhere: the ratios are compared with the targets in the report only.

Usage: python bench/run.py [--duration SECONDS] [--quick] [--no-postgres] [--no-write] [--keep]
                           [--only posting|multilingual|imports]

`--only posting` creates the SQLite site and measures only the posting rows compared by the
target (Serai's on SQLite, then Isso's), in about a minute; it prints its results and never
writes them into docs/performance.md, whose block is a whole run's. `--only multilingual` does
the same for the two cache-miss rows the multilingual target compares (the 17-comment article and
the story in three languages), measured together against the reference. `--only imports`
measures only the import rows (bench/import_rows.py).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urljoin

import brotli
import import_rows
import isso_bench

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DOC = ROOT / "docs" / "performance.md"
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
BIN = Path(sys.executable).parent
SERAI = str(BIN / "serai")
START_MARK = "<!-- bench:results:start -->"
END_MARK = "<!-- bench:results:end -->"
WRK_THREADS = 2
WRK_CONNECTIONS = 32
# Rendering rows: as many connections as the server has threads (2 workers × 4), so latency is the
# page's cost rather than time queued behind 32 connections.
MISS_CONNECTIONS = 8
# What Chromium and Firefox send: the rows "as browsers ask" get compressed pages.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}
SLICES = 6  # each row is measured in this many slices (1 s each by default), between reference runs
APP_WORKERS = 2  # processes per app server (`serai serve --workers`)
SQLITE_THREADS = 2  # `serai serve`'s threads per worker on SQLite: Isso gets the same
POSTING_CLIENTS = 8  # wrk threads and connections of the posting rows
POSTING_ROUNDS = 3  # Serai's and Isso's posting rows take turns, this many each
SEARCH_ARTICLES = 20_000  # articles added for the search rows (bench/seed.py search)
ISSO_VENV = ROOT / "var" / "bench" / "isso-venv"  # the bench's own, kept between runs (git-ignored)

TARGETS = {
    "nginx": 0.9,  # through nginx, as a fraction of the static reference
    "alone": 0.5,  # Serai alone, from its own cache (SQLite, one host)
    "shared": 0.15,  # PostgreSQL + Redis, several app servers
    "miss": 0.015,  # the 17-comment article, cache miss
    "page50_vs_page1": 1.5,  # cost ratio, at most
    "page1_vs_miss17": 1.5,  # cost ratio, at most
    "discovery": 0.5,  # the edition's feed, the News sitemap and a topic page from the cache
    "multilingual_vs_miss17": 1.2,  # cost ratio, at most: 17 comments in three languages, translated
    "search_vs_miss17": 2.0,  # cost ratio, at most: a search results page on 20,000 articles
    "api": 0.3,  # the API's thread read from the cache, as a fraction of the reference
    "posting_vs_isso": 2.0,  # posting on SQLite, at least this many times Isso's rate in the same run
    "posting": 600,  # comments per second, at least: only when Isso could not be measured
    "import_comments": 5000,  # comments per second a WordPress import reaches, the aim
    "import_memory_mb": 300,  # the importer's peak resident memory, at most
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, *, env=None, timeout=300, check=True, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed:\n{result.stdout}\n{result.stderr}")
    return result


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def busy_share(seconds: float = 1.0) -> float:
    """Share of all cores busy over `seconds` (taken while the bench itself is idle)."""
    b1, t1 = cpu_times()
    time.sleep(seconds)
    b2, t2 = cpu_times()
    return (b2 - b1) / (t2 - t1) if t2 > t1 else 0.0


def group_cpu(groups: set[int]) -> float:
    """CPU seconds used so far by every process in these process groups (our servers)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) in groups:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def first_line(argv) -> str:
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "n/a"
    out = (r.stdout or r.stderr).strip().splitlines()
    return out[0].strip() if out else "n/a"


# HTTP ---------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict
    body: str


def fetch(port: int, path: str, *, method="GET", body=None, headers=None, tls=False, timeout=30) -> Reply:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        raw = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        coding = headers.get("content-encoding")
        if coding == "gzip":
            raw = gzip.decompress(raw)
        elif coding == "br":
            raw = brotli.decompress(raw)
        return Reply(response.status, headers, raw.decode("utf-8", "replace"))
    finally:
        conn.close()


def wait_http(port: int, path: str, proc=None, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server on port {port} stopped (exit {proc.returncode})")
        try:
            if fetch(port, path, timeout=5).status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} after {timeout} s")


def form_token(page: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page)
    if not match:
        raise RuntimeError("no form token on the article page")
    return html.unescape(match.group(1))


def comment_form(token: str, n: int, text: str) -> str:
    return urlencode(
        {
            "author_name": f"Bench reader {n}",
            "email": f"bench{n}@example.org",
            "text": text,
            "token": token,
            "website": "",
            "parent": "",
        }
    )


def commenter_address(n: int) -> str:
    return f"10.{100 + (n >> 16) % 100}.{(n >> 8) & 255}.{n & 255}"


# wrk ----------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        return float("nan")
    return float(match.group(1)) * UNITS[match.group(2)]


@dataclass
class Measure:
    rps: float
    p50: float
    p99: float
    requests: int
    errors: int
    raw: str = ""
    socket_errors: dict = field(default_factory=dict)


def wrk(url: str, duration: float, *, connections=WRK_CONNECTIONS, headers=None) -> Measure:
    argv = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "30s",
    ]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    argv += ["--latency", url]
    return parse_wrk(run(argv, timeout=duration + 60).stdout)


def parse_wrk(out: str) -> Measure:
    """What wrk --latency printed: requests/s, p50, p99, requests answered, errors (4xx/5xx answers
    and socket errors, the latter also by kind)."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms((re.search(r"^\s+50%\s+(\S+)", out, re.M) or re.match("()", "nan")).group(1))
    p99 = _ms((re.search(r"^\s+99%\s+(\S+)", out, re.M) or re.match("()", "nan")).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    socket_errors: dict[str, int] = {}
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        for kind, count in zip(("connect", "read", "write", "timeout"), m.groups(), strict=True):
            if int(count):
                socket_errors[kind] = int(count)
    errors = sum(socket_errors.values())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    return Measure(rps, p50, p99, total, errors, out, socket_errors)


# The run ------------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    measure: Measure | None
    note: str = ""
    background: float = 0.0  # share of the machine busy with other work just before the row
    reference: float = 0.0  # the reference's requests/s just before and after this row
    connections: int = WRK_CONNECTIONS
    cpu_us: float | None = None  # CPU time of the servers (nginx, app) per request, microseconds
    slice_ratio: float | None = None  # median of the slices' ratios to the reference around them

    @property
    def ratio(self) -> float | None:
        return self.slice_ratio


@dataclass
class Burst:
    """One wrk run of a posting row, and what its script recorded."""

    measure: Measure
    cpu: float  # the servers' CPU seconds meanwhile
    background: float  # share of the machine busy with other work just before
    acked: list  # the comments acknowledged: Serai's ids; for Isso, the texts' beginnings
    in_flight: int  # requests sent and not answered when wrk stopped
    failures: dict  # other answers and socket errors, by kind
    in_flight_keys: set = field(default_factory=set)  # Isso: the texts' beginnings of those in flight
    mismatched: list = field(default_factory=list)  # Isso: answers describing another comment


def merge_bursts(bursts: list[Burst]) -> dict:
    """A row's figures over its bursts: comments acknowledged per second of load, the medians of
    the bursts' p50 and p99, the servers' CPU per answer, the mean other load."""
    answered = sum(b.measure.requests for b in bursts)
    elapsed = sum(b.measure.requests / b.measure.rps for b in bursts if b.measure.rps)
    failures: dict[str, int] = {}
    for b in bursts:
        for kind, count in b.failures.items():
            failures[kind] = failures.get(kind, 0) + count
    return {
        "rate": sum(len(b.acked) for b in bursts) / elapsed if elapsed else 0.0,
        "answered": answered,
        "failures": failures,
        "p50": statistics.median(b.measure.p50 for b in bursts),
        "p99": statistics.median(b.measure.p99 for b in bursts),
        "clients": POSTING_CLIENTS,
        "background": statistics.mean(b.background for b in bursts),
        "cpu_us": sum(b.cpu for b in bursts) / answered * 1e6 if answered else None,
        "rounds": len(bursts),
    }


@dataclass
class Spec:
    """One row to measure: what wrk asks, and what the page must contain."""

    key: str
    label: str
    port: int
    path: str
    expect: str
    note: str = ""
    tls: bool = False
    connections: int = WRK_CONNECTIONS
    headers: dict | None = None


@dataclass
class Check:
    label: str
    ok: bool
    detail: str


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    posting: list[dict] = field(default_factory=list)
    imports: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    isso_missing: str = ""  # why Isso's posting row was not measured, when it was not

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key and r.measure), None)


class Bench:
    def __init__(self, args):
        self.args = args
        self.duration = args.duration
        self.tmp = Path(tempfile.mkdtemp(prefix="serai-bench-"))
        # nginx started as root serves as an unprivileged user, which must reach the files inside.
        self.tmp.chmod(0o711)
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.results = Results()
        self.secret = "bench-" + os.urandom(32).hex()
        self.pg_db: str | None = None
        self._import_db: str | None = None
        self.pg_search: dict | None = None  # the search page of the PostgreSQL site
        self.redis_db: int | None = None
        self.started = time.monotonic()
        self.static_root = self.tmp / "static"
        self.media_root = self.tmp / "media"
        self.run_id = time.strftime("%H%M%S")
        self.reference_url = ""
        self.slices = max(1, min(SLICES, round(self.duration)))  # wrk runs whole seconds
        self.reference_runs: list[float] = []
        self.commenters_used = 0  # each posting run gets commenters of its own
        self.isso_commenters_used = 0

    # processes

    def spawn(self, name: str, argv, env=None) -> subprocess.Popen:
        """Start a server in a process group of its own (so that it and its workers stop together),
        in the bench's session.

        Not in a session of its own: where the kernel groups processes by session for scheduling
        (autogroup, on by default in Debian's kernels), a server in its own session competes with
        wrk as one group against another, a desktop's rule, and granian's threads, which hand
        each request from one to another, were preempted and woken three to four times per
        request instead of about once. In one session the cores are shared by thread, nearer to a
        server in production, whose load comes from other machines. See performance.md,
        "Reading the numbers".
        """
        logfile = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            argv,
            env=env,
            cwd=self.tmp,
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
        logfile.close()
        self.procs.append((name, proc))
        return proc

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        # Workers left behind by a supervisor that died first.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)

    def stop_all(self, keep: tuple[str, ...] = ()) -> None:
        for name, proc in reversed(self.procs):
            if name not in keep:
                self.stop(proc)
        self.procs = [(name, proc) for name, proc in self.procs if name in keep]

    def env(self, **extra) -> dict:
        """Production settings for a throwaway site; nothing inherited from the caller's .env."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SERAI_", "DATABASE_", "CACHE_", "EMAIL_", "TASKS_", "SECURE_"))
            and k
            not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "STATIC_ROOT", "MEDIA_ROOT", "BEHIND_TLS_PROXY"}
        }
        env.update(
            SERAI_HOME=str(self.tmp),
            SERAI_ENV="production",
            SECRET_KEY=self.secret,
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=f"sqlite:///{self.tmp / 'db.sqlite3'}",
            STATIC_ROOT=str(self.static_root),
            MEDIA_ROOT=str(self.media_root),
            SERAI_PAGE_CACHE_DIR=str(self.tmp / "pagecache"),
            LOG_LEVEL="ERROR",
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def serve(self, name: str, env: dict, *, gunicorn: Path | None = None) -> int:
        port = free_port()
        if gunicorn:
            argv = [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(APP_WORKERS),
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "serai.wsgi:application",
            ]
            env = {**env, "PYTHONPATH": str(gunicorn), "DJANGO_SETTINGS_MODULE": "serai.settings"}
        else:
            argv = [SERAI, "serve", "--no-prepare", "--no-task-worker", "--workers", str(APP_WORKERS),
                    "--port", str(port)]  # fmt: skip
        proc = self.spawn(name, argv, env)
        wait_http(port, "/en/", proc)
        return port

    def serve_floor(self, page: Reply) -> int:
        """granian, as `serai serve` runs it on SQLite (2 workers × 2 threads), with a WSGI app that
        only returns the cached page's status, headers and body: what any Python application costs
        through this server."""
        folder = self.tmp / "floor"
        folder.mkdir(exist_ok=True)
        (folder / "page.html").write_text(page.body)
        headers = [
            (k, v)
            for k, v in page.headers.items()
            if k not in {"date", "server", "connection", "content-length"}
        ]
        (folder / "floor.py").write_text(
            "from pathlib import Path\n"
            "BODY = (Path(__file__).parent / 'page.html').read_bytes()\n"
            f"HEADERS = {headers!r} + [('content-length', str(len(BODY)))]\n\n\n"
            "def application(environ, start_response):\n"
            "    start_response('200 OK', HEADERS)\n"
            "    return [BODY]\n"
        )
        port = free_port()
        argv = [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                "--workers", "2", "--blocking-threads", "2", "--no-ws", "--working-dir", str(folder),
                "floor:application"]  # fmt: skip
        proc = self.spawn("granian-floor", argv)
        wait_http(port, "/", proc)
        return port

    # setup

    def prepare_site(self, env: dict, *, search: bool = True) -> dict:
        run([SERAI, "migrate", "--noinput", "-v0"], env=env, timeout=300)
        articles = json.loads(
            run([sys.executable, str(BENCH / "seed.py"), "seed"], env=env, timeout=600).stdout
        )
        if search:
            count = str(self.args.search_articles)
            argv = [sys.executable, str(BENCH / "seed.py"), "search", count]
            articles["search"] = json.loads(run(argv, env=env, timeout=1200).stdout)
        return articles

    def search_spec(self, key: str, label: str, port: int) -> Spec:
        found = self.articles["search"] if key.startswith("search") else self.pg_search
        label = f"{label}: search results, {found['indexed']:,} articles"
        return Spec(key, label, port, found["path"], found["expect"], connections=MISS_CONNECTIONS)

    # nginx

    def nginx_config(self, ports: dict, upstreams: list[int]) -> Path:
        """The documented configuration with this run's ports and paths, plus the reference server."""
        ngx = self.tmp / "nginx"
        for sub in (
            "cache",
            "temp/body",
            "temp/proxy",
            "temp/fastcgi",
            "temp/uwsgi",
            "temp/scgi",
            "ref",
            "tls",
        ):
            (ngx / sub).mkdir(parents=True, exist_ok=True)
        site = (BENCH / "nginx" / "serai.conf").read_text()
        proxy = (BENCH / "nginx" / "serai-proxy.conf").read_text()
        tls = self.make_certificate(ngx / "tls")

        def swap(text: str, old: str, new: str, count: int = 1) -> str:
            found = text.count(old)
            if found != count:
                raise RuntimeError(f"bench/nginx: expected {count} × {old!r}, found {found}")
            return text.replace(old, new)

        site = swap(site, "/var/cache/nginx/serai ", f"{ngx / 'cache'} ")
        site = swap(
            site,
            "    server 127.0.0.1:8000;  # ADAPT: one line per app server (`serai serve` on each)\n",
            "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams),
        )
        site = swap(site, "    listen [::]:80;\n", "")
        site = swap(site, "    listen [::]:443 ssl http2;\n", "")
        site = swap(site, "listen 80;", f"listen 127.0.0.1:{ports['http']};")
        site = swap(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{ports['tls']} ssl http2;")
        site = swap(site, "listen 127.0.0.1:8080;", f"listen 127.0.0.1:{ports['purge']};")
        site = swap(site, "/etc/letsencrypt/live/news.example.org/fullchain.pem", str(tls[0]))
        site = swap(site, "/etc/letsencrypt/live/news.example.org/privkey.pem", str(tls[1]))
        site = swap(site, "news.example.org", "localhost", count=4)
        site = swap(site, "/etc/nginx/snippets/serai-proxy.conf", str(ngx / "serai-proxy.conf"), count=2)
        proxy = swap(proxy, "alias /srv/serai/static/;", f"alias {self.static_root}/;")
        proxy = swap(proxy, "alias /srv/serai/media/;", f"alias {self.media_root}/;")
        (ngx / "serai.conf").write_text(site)
        (ngx / "serai-proxy.conf").write_text(proxy)
        temp = ngx / "temp"
        main = f"""
worker_processes auto;
pid {ngx / "nginx.pid"};
error_log {ngx / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types_hash_max_size 2048;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    access_log off;
    gzip on;  # as in Debian's nginx.conf, which the documented files are included by
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};

    include {ngx / "serai.conf"};

    # The reference: the same article page, saved as a file.
    server {{
        listen 127.0.0.1:{ports["ref"]};
        root {ngx / "ref"};
        index index.html;
        open_file_cache max=10000 inactive=60s;  # as the documented configuration has
        location /static/ {{ alias {self.static_root}/; }}
    }}
}}
"""
        (ngx / "nginx.conf").write_text(main)
        run(["nginx", "-t", "-q", "-p", str(ngx), "-c", str(ngx / "nginx.conf")])
        return ngx

    def make_certificate(self, folder: Path) -> tuple[Path, Path]:
        cert, key = folder / "cert.pem", folder / "key.pem"
        run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                str(key),
                "-out",
                str(cert),
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
            ]
        )
        return cert, key

    def start_nginx(self, ports: dict) -> None:
        ngx = ports["dir"]
        proc = self.spawn(
            "nginx", ["nginx", "-p", str(ngx), "-c", str(ngx / "nginx.conf"), "-g", "daemon off;"]
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", ports["ref"]), timeout=1).close()
                return
            if proc.poll() is not None:
                raise RuntimeError((ngx / "error.log").read_text())
            time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    # measurements

    def measure(
        self,
        key: str,
        label: str,
        port: int,
        path: str,
        *,
        expect: str,
        note="",
        tls=False,
        connections=WRK_CONNECTIONS,
        headers=None,
    ) -> Row:
        """Check the page once, warm it up, then measure it with wrk, interleaved with the reference.

        The machine may be shared, and other work comes and goes: the row runs in SLICES slices,
        each between two runs of the reference as long as a slice, and its ratio is the median of
        the slices' ratios (each to the mean of the reference just before and just after it).
        Requests/s is over all slices; p50 and p99 are the medians of the slices' figures. The
        servers' CPU time per request (nginx and app servers, from /proc) is reported beside.
        """
        spec = Spec(key, label, port, path, expect, note, tls, connections, headers)
        return self.measure_together(spec)[0]

    def measure_together(self, *specs: Spec) -> list[Row]:
        """Measure rows whose costs are compared with each other, alternating their slices.

        The machine's speed drifts over a run (the same templates took 644 µs of CPU in one run
        and 404 µs in the next, 24 minutes later), and a row measured half a minute after another may
        meet a different machine. Alternating slice by slice (A, reference, B, reference, C,
        reference, A, …), every row sees the same stretch of time, and each slice is still
        between two runs of the reference.
        """
        urls = []
        for spec in specs:
            reply = fetch(spec.port, spec.path, tls=spec.tls, headers=spec.headers)
            if reply.status != 200 or spec.expect not in reply.body:
                raise RuntimeError(
                    f"{spec.label}: {spec.path} answered {reply.status} without {spec.expect!r}"
                )
            urls.append(f"{'https' if spec.tls else 'http'}://127.0.0.1:{spec.port}{spec.path}")
            wrk(urls[-1], 1, connections=spec.connections, headers=spec.headers)
        background = busy_share(0.5)
        labels = " / ".join(spec.label for spec in specs)
        log(f"measuring {labels} (other work on the machine: {background:.0%})")
        is_reference = len(specs) == 1 and specs[0].key == "ref"
        slices = 1 if is_reference else self.slices
        seconds = self.duration if is_reference else self.duration / self.slices
        groups = {proc.pid for _name, proc in self.procs if proc.poll() is None}
        references = [] if is_reference else [wrk(self.reference_url, seconds).rps]
        parts: list[list[Measure]] = [[] for _ in specs]
        ratios: list[list[float]] = [[] for _ in specs]
        around: list[set[int]] = [set() for _ in specs]  # which reference runs each row's slices sat between
        cpu = [0.0 for _ in specs]
        for _ in range(slices):
            for i, spec in enumerate(specs):
                cpu_before = group_cpu(groups)
                parts[i].append(wrk(urls[i], seconds, connections=spec.connections, headers=spec.headers))
                cpu[i] += group_cpu(groups) - cpu_before
                if not is_reference:
                    references.append(wrk(self.reference_url, seconds).rps)
                    around[i] |= {len(references) - 2, len(references) - 1}
                    local = (references[-2] + references[-1]) / 2
                    ratios[i].append(parts[i][-1].rps / local if local else 0.0)
        dead = [name for name, proc in self.procs if proc.poll() is not None]
        if dead:
            raise RuntimeError(f"{', '.join(dead)} stopped during “{labels}” (see the logs in {self.tmp})")
        self.reference_runs += references
        rows = []
        for i, spec in enumerate(specs):
            requests = sum(p.requests for p in parts[i])
            elapsed = sum(p.requests / p.rps for p in parts[i] if p.rps)
            m = Measure(
                rps=requests / elapsed if elapsed else 0.0,
                p50=statistics.median(p.p50 for p in parts[i]),
                p99=statistics.median(p.p99 for p in parts[i]),
                requests=requests,
                errors=sum(p.errors for p in parts[i]),
            )
            reference = m.rps if is_reference else statistics.mean(references[j] for j in sorted(around[i]))
            row = Row(spec.key, spec.label, m, spec.note, background, reference, spec.connections)
            row.slice_ratio = 1.0 if is_reference else statistics.median(ratios[i])
            row.cpu_us = cpu[i] / requests * 1e6 if requests else None
            self.results.rows.append(row)
            rows.append(row)
            log(
                f"  {spec.label}: {m.rps:,.0f} req/s, p50 {m.p50:.2f} ms, p99 {m.p99:.2f} ms, "
                f"errors {m.errors}; ratio {row.ratio:.3f} "
                f"(slices {', '.join(f'{r:.3f}' for r in ratios[i]) or '-'}); "
                f"server CPU {row.cpu_us or 0:,.0f} µs/request"
            )
        return rows

    def posting_wrk(
        self, label: str, argv: list[str], duration: float, *, only: str | None = None
    ) -> tuple[Measure, float, float]:
        """Run a posting load: what wrk measured, the servers' CPU seconds meanwhile (every server
        the bench runs, or only the one named `only`), and the share of the machine busy with
        other work just before."""
        background = busy_share(0.5)
        log(f"posting: {label} (other work on the machine: {background:.0%})")
        groups = {proc.pid for name, proc in self.procs if proc.poll() is None and only in (None, name)}
        others = {proc.pid for _name, proc in self.procs if proc.poll() is None} - groups
        cpu_before, others_before = group_cpu(groups), group_cpu(others)
        measure = parse_wrk(run(argv, timeout=duration + 90).stdout)
        if others:
            log(
                f"  the bench's other servers used {group_cpu(others) - others_before:.2f} s of CPU meanwhile"
            )
        return measure, group_cpu(groups) - cpu_before, background

    def post_load(
        self,
        key: str,
        label: str,
        port: int,
        article: dict,
        *,
        duration: float,
        env_key=None,
    ) -> dict:
        """Post comments from many commenters at once for `duration` seconds with wrk
        (bench/post.lua: one connection per wrk thread, each comment's text unique); count the 303
        answers and compare them with the database."""
        token = self.aged_token(port, article)
        prefix = f"Bench {key} {self.run_id}"
        burst = self.serai_burst(key, label, port, article, token, prefix, duration)
        return self.serai_result(key, label, article, [burst], prefix, env_key or key)

    def aged_token(self, port: int, article: dict) -> str:
        token = form_token(fetch(port, article["path"]).body)
        time.sleep(3.2)  # the form-age rule holds forms sent within SERAI_MIN_FORM_SECONDS (3)
        return token

    def serai_burst(
        self,
        key: str,
        label: str,
        port: int,
        article: dict,
        token: str,
        prefix: str,
        seconds: float,
        clients=POSTING_CLIENTS,
    ) -> Burst:
        """One wrk run of bench/post.lua; the ids of the comments acknowledged (from each 303's
        Location), the other answers, and how many requests were in flight when it stopped."""
        answers = self.tmp / f"posted-{key}.wrk"
        argv = [
            "wrk", f"-t{clients}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
            "--latency", "-s", str(BENCH / "post.lua"), f"http://127.0.0.1:{port}", "--",
            token, f"http://127.0.0.1:{port}", str(self.commenters_used), prefix,
            f"/en/comments/{article['id']}/post/", str(clients), str(answers),
        ]  # fmt: skip
        measure, cpu, background = self.posting_wrk(label, argv, seconds)
        failures = {f"socket {kind}": count for kind, count in measure.socket_errors.items()}
        acked: list[int] = []
        sent = most_by_one_thread = 0
        for line in answers.read_text().splitlines():
            kind, _, values = line.partition(" ")
            if kind == "acked":
                acked += [int(v) for v in values.split(",") if v]
            elif kind == "other":
                for status in (v for v in values.split(",") if v):
                    failures[status] = failures.get(status, 0) + 1
            elif kind == "sent":
                sent += int(values)
                most_by_one_thread = max(most_by_one_thread, int(values))
        if failures:
            log(f"  wrk reported {failures}")
        # Comment n is by commenter first + n, and n runs up to the busiest thread's count times
        # the threads (bench/post.lua): the next run starts past every commenter used here, so no
        # address posts twice with the page's one form token (all runs share one database).
        self.commenters_used += most_by_one_thread * clients + clients + 1
        # wrk calls request() once on the first thread before the run, to check the request, and
        # never sends it: that comment was neither in flight nor stored.
        in_flight = max(0, sent - 1 - measure.requests)
        return Burst(measure, cpu, background, acked, in_flight, failures)

    def serai_result(
        self, key: str, label: str, article: dict, bursts: list[Burst], prefix: str, env_key: str
    ) -> dict:
        """The row of these bursts (texts starting with `prefix`), checked against the database."""
        acked = [pk for b in bursts for pk in b.acked]
        in_flight = sum(b.in_flight for b in bursts)
        expected = self.tmp / f"posted-{key}.txt"
        expected.write_text("".join(f"{pk}\n" for pk in acked))
        verdict = json.loads(
            run(
                [
                    sys.executable,
                    str(BENCH / "seed.py"),
                    "verify",
                    str(article["id"]),
                    prefix,
                    str(expected),
                    str(in_flight),
                ],  # fmt: skip
                env=self._posting_env[env_key],
                timeout=120,
            ).stdout
        )
        result = {
            "key": key,
            "label": label,
            "kind": "serai",
            **merge_bursts(bursts),
            "in_flight": in_flight,
            **verdict,
        }
        self.results.posting.append(result)
        log(
            f"  {label}: {result['rate']:,.0f} comments/s, {len(acked)} acknowledged, "
            f"lost {verdict['lost']}, duplicated {verdict['duplicated']}, statuses {verdict['statuses']}, "
            f"failures {result['failures']}"
        )
        return result

    # Isso, the reference for posting (bench/isso_bench.py)

    def server_shape(self, name: str) -> tuple[int, int]:
        """Workers and threads per worker of the granian that `serai serve` started as `name`
        (read from its command line in /proc), so that Isso gets the same."""
        group = next(proc.pid for n, proc in self.procs if n == name)
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[2]) != group:
                    continue
                args = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace").split("\0")
            except (OSError, IndexError, ValueError):
                continue
            if "--workers" in args and "--blocking-threads" in args:
                return int(args[args.index("--workers") + 1]), int(args[args.index("--blocking-threads") + 1])
        return APP_WORKERS, SQLITE_THREADS

    def start_isso(self, workers: int, threads: int) -> int | None:
        """Isso on loopback, installed the first time, with its thread made by a first comment.
        None, the reason kept for the report, when it cannot be installed or does not start."""
        try:
            python = isso_bench.ensure_venv(ISSO_VENV, log)
            self.isso_versions = isso_bench.versions(python)
            port = free_port()
            config = isso_bench.write_config(self.tmp / "isso", port)
            argv = isso_bench.server_argv(python, port, workers=workers, threads=threads)
            log(
                f"starting Isso {self.isso_versions['isso']} ({workers} gunicorn workers × {threads} threads)"
            )
            proc = self.spawn("isso", argv, isso_bench.server_env(config))
            wait_http(port, "/info", proc)
            first = fetch(
                port,
                isso_bench.new_comment_path(),
                method="POST",
                body=json.dumps({"text": "The thread's first comment.", "title": isso_bench.THREAD_TITLE}),
                headers={"Content-Type": "application/json", "X-Forwarded-For": "192.0.2.1"},
            )
            if first.status != 201:
                raise RuntimeError(f"Isso answered {first.status} to a first comment: {first.body[:300]}")
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            self.isso_not_measured("it could not be installed or started", exc)
            return None
        self.isso_shape = (workers, threads)
        return port

    def isso_not_measured(self, why: str, error: BaseException) -> None:
        """Keep why (short, for the row and the target) and the error (one line, for a note)."""
        detail = " ".join(str(error).split()).replace("|", "/")
        detail = detail if len(detail) <= 300 else detail[:150] + " … " + detail[-150:]
        self.results.isso_missing = why
        self.results.notes.append(
            f"Isso's posting row was not measured: {why} ({detail}). The posting target fell back to "
            f"the fixed {TARGETS['posting']} comments/s."
        )
        log(f"  Isso not measured: {why}: {error}")

    def isso_burst(
        self, port: int, label: str, prefix: str, seconds: float, clients=POSTING_CLIENTS
    ) -> Burst:
        """One wrk run of bench/isso_post.lua against Isso. The comments acknowledged, in flight
        and described wrongly are named by their texts' beginnings ("<prefix> #<n>")."""
        answers = self.tmp / "posted-isso.wrk"
        argv = [
            "wrk", f"-t{clients}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
            "--latency", "-s", str(BENCH / "isso_post.lua"), f"http://127.0.0.1:{port}", "--",
            isso_bench.new_comment_path(), f"http://127.0.0.1:{port}", str(self.isso_commenters_used),
            prefix, str(clients), str(answers),
        ]  # fmt: skip
        measure, cpu, background = self.posting_wrk(label, argv, seconds, only="isso")
        got = isso_bench.read_answers(answers)
        self.isso_commenters_used += got["most_by_one_thread"] * clients + clients + 1
        failures = {f"socket {kind}": count for kind, count in measure.socket_errors.items()}
        failures |= got["failures"]
        return Burst(
            measure,
            cpu,
            background,
            [f"{prefix} #{n}" for n in got["acked"]],
            len(got["in_flight"]),
            failures,
            in_flight_keys={f"{prefix} #{n}" for n in got["in_flight"]},
            mismatched=[f"{prefix} {pair}" for pair in got["mismatched"]],
        )

    def isso_result(self, port: int, label: str, bursts: list[Burst], prefix: str) -> dict:
        """Isso's row: its database compared with the 201 answers, and its /count with its rows."""
        counted = fetch(
            port,
            "/count",
            method="POST",
            body=json.dumps([isso_bench.THREAD_URI]),
            headers={"Content-Type": "application/json"},
        )
        verdict = isso_bench.verify(
            self.tmp / "isso" / "comments.db",
            prefix,
            [key for b in bursts for key in b.acked],
            {key for b in bursts for key in b.in_flight_keys},
            isso_bench.count_answer(counted.body),
        )
        mismatched = [pair for b in bursts for pair in b.mismatched]
        result = {
            "key": "isso",
            "label": label,
            "kind": "isso",
            **merge_bursts(bursts),
            "in_flight": sum(b.in_flight for b in bursts),
            "mismatched": len(mismatched),
            **verdict,
        }
        self.results.posting.append(result)
        log(
            f"  {label}: {result['rate']:,.0f} comments/s, {verdict['acknowledged']} acknowledged, lost "
            f"{verdict['lost']}, duplicated {verdict['duplicated']}, answers describing another comment "
            f"{len(mismatched)} (sent/described: {', '.join(mismatched[:5])}), failures {result['failures']}"
        )
        return result

    def posting_rows(self, alone: int, article: dict) -> None:
        """Serai's posting row on SQLite and Isso's, the pair the target compares, measured in turns
        (Serai, Isso, Serai, Isso, …; POSTING_ROUNDS rounds sharing the row's duration), so that
        both meet the same stretch of a machine others may be using. Isso is started (installed the
        first time) before, so nothing else runs between the turns."""
        workers, threads = self.server_shape("serai-alone")
        log(f"Serai's posting row: {workers} granian workers × {threads} threads; Isso gets the same")
        isso = self.start_isso(workers, threads)
        rounds = max(1, min(POSTING_ROUNDS, round(self.duration / 2)))  # whole seconds, 2 at least
        seconds = self.duration / rounds
        label = f"SQLite, {workers} granian workers, page cache on"
        isso_label = (
            f"Isso {getattr(self, 'isso_versions', {}).get('isso', '')}, SQLite, gunicorn {workers} workers "
            f"× {threads} threads (the reference for posting, in turns with the row above)"
        )
        prefix, isso_prefix = f"Bench sqlite {self.run_id}", f"Bench isso {self.run_id}"
        token = self.aged_token(alone, article)
        serai_bursts: list[Burst] = []
        isso_bursts: list[Burst] = []
        try:
            for i in range(rounds):
                serai_bursts.append(
                    self.serai_burst("sqlite", label, alone, article, token, f"{prefix} r{i}", seconds)
                )
                if isso is not None:
                    try:
                        isso_bursts.append(self.isso_burst(isso, isso_label, f"{isso_prefix} r{i}", seconds))
                    except Exception as exc:  # Serai's row goes on; the target falls back, saying why
                        self.isso_not_measured("its posting run failed", exc)
                        isso, isso_bursts = None, []
            self.serai_result("sqlite", label, article, serai_bursts, prefix, "sqlite")
            if isso is not None:
                try:
                    self.isso_result(isso, isso_label, isso_bursts, isso_prefix)
                except Exception as exc:
                    self.isso_not_measured("its database could not be checked", exc)
        finally:
            for name, proc in self.procs:
                if name == "isso":
                    self.stop(proc)
            self.procs = [(name, proc) for name, proc in self.procs if name != "isso"]

    def post_one(
        self, port: int, article: dict, token: str, n: int, text: str, *, tls=False, via_nginx=False
    ):
        """One comment. Through nginx the app sees https://localhost (the documented proxy headers);
        straight to an app server, the commenter's address comes in X-Forwarded-For."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if via_nginx:
            headers["Origin"] = "https://localhost"
        else:
            headers["Origin"] = f"http://127.0.0.1:{port}"
            headers["X-Forwarded-For"] = commenter_address(50000 + n)
        reply = fetch(
            port,
            f"/en/comments/{article['id']}/post/",
            method="POST",
            body=comment_form(token, 50000 + n, text),
            headers=headers,
            tls=tls,
        )
        if reply.status != 303:
            raise RuntimeError(f"posting a comment answered {reply.status}: {reply.body[:300]}")

    # phases

    def phase_sqlite(self) -> None:
        env = self.env()
        log(f"working in {self.tmp}")
        log("creating the SQLite site (migrate, 10,000 + 17 comments, collectstatic)")
        self.articles = self.prepare_site(env)
        run([SERAI, "collectstatic", "--noinput", "-v0"], env=env, timeout=600)
        a17, a10k, fresh, post = (self.articles[k] for k in ("k17", "k10k", "fresh", "post"))

        log("starting app servers")
        ngx_ports = {name: free_port() for name in ("http", "tls", "purge", "ref")}
        # Behind nginx: trusts nginx's X-Forwarded-* headers and tells nginx what changed.
        proxied_env = self.env(
            SERAI_PURGE_BACKEND="nginx",
            SERAI_PURGE_URL=f"http://127.0.0.1:{ngx_ports['purge']}",
            SERAI_TRUSTED_PROXIES="1",
            BEHIND_TLS_PROXY="true",
            LOG_LEVEL="WARNING",  # purges that fail are logged as warnings: the bench counts them
        )
        alone_env = self.env(SERAI_TRUSTED_PROXIES="1")
        miss_env = self.env(SERAI_PAGE_CACHE="false")
        # Nothing kept at all: the page as made right after an editor's change (story, article,
        # masthead, comment form and every comment's HTML made again from the database).
        cold_env = self.env(SERAI_PAGE_CACHE="false", SERAI_FRAGMENT_CACHE="false")
        self._posting_env = {"sqlite": env}
        alone = self.serve("serai-alone", alone_env)
        miss = self.serve("serai-miss", miss_env)
        cold = self.serve("serai-cold", cold_env)
        proxied = self.serve("serai-proxied", proxied_env)
        ngx_ports["dir"] = self.nginx_config(ngx_ports, [proxied])
        self.start_nginx(ngx_ports)

        # The reference: the article page as Serai renders it, saved as a file.
        page = fetch(alone, a17["path"])
        if page.status != 200:
            raise RuntimeError(f"the article answered {page.status}")
        self.page_bytes = len(page.body.encode())
        self.page_cached_headers = page.headers
        target = ngx_ports["dir"] / "ref" / a17["path"].strip("/")
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text(page.body)
        headline = a17["headline"]
        self.cache_active = "s-maxage" in fetch(alone, a17["path"]).headers.get("cache-control", "")
        if not self.cache_active:
            self.results.notes.append(
                "Serai's page cache did not answer in this build: the cached rows are misses."
            )

        self.reference_url = f"http://127.0.0.1:{ngx_ports['ref']}{a17['path']}"
        self.measure(
            "ref",
            "nginx, the article saved as a file (reference)",
            ngx_ports["ref"],
            a17["path"],
            expect=headline,
        )
        # As readers' browsers ask: the page cache's brotli copy, made once per page and process.
        packed = fetch(alone, a17["path"], headers=BROWSER_HEADERS)
        packed_bytes = int(packed.headers.get("content-length", 0))
        floor = self.serve_floor(page)
        # Measured together, so that Serai and the floor meet the same machine.
        self.measure_together(
            Spec("alone", "Serai alone, from its page cache (SQLite)", alone, a17["path"], headline),
            Spec(
                "alone_br",
                f"Serai alone, from its page cache, as browsers ask "
                f"({packed.headers.get('content-encoding', 'uncompressed')}, {packed_bytes:,} bytes)",
                alone,
                a17["path"],
                headline,
                headers=BROWSER_HEADERS,
            ),
            Spec(
                "floor",
                "granian with a do-nothing WSGI app answering the same bytes (the floor for Python)",
                floor,
                a17["path"],
                headline,
            ),
        )
        # What feed readers and search engines ask for, and a topic page, from the same cache.
        self.measure_together(
            Spec("feed", "Serai alone, from its cache: the edition's RSS feed", alone, "/en/feed/", "<rss"),
            Spec(
                "newsmap",
                "Serai alone, from its cache: the Google News sitemap",
                alone,
                "/news-sitemap.xml",
                "<urlset",
            ),
            Spec(
                "topic",
                "Serai alone, from its cache: a topic page",
                alone,
                self.articles["topic"]["path"],
                "Water",
            ),
            Spec(
                "api",
                "Serai alone, from its cache: the API's read of the 17-comment thread (JSON)",
                alone,
                "/api/v1/en/articles/" + a17["path"].split("/", 2)[2] + "comments",
                '"author_name"',
            ),
        )
        self.measure(
            "nginx",
            "Serai behind nginx (documented configuration)",
            ngx_ports["purge"],
            a17["path"],
            expect=headline,
        )
        self.measure(
            "nginx_br",
            "Serai behind nginx, as browsers ask (nginx's gzip copy, documented configuration)",
            ngx_ports["purge"],
            a17["path"],
            expect=headline,
            headers=BROWSER_HEADERS,
        )
        self.measure(
            "nginx_tls",
            "Serai behind nginx, HTTPS (documented configuration)",
            ngx_ports["tls"],
            a17["path"],
            expect=headline,
            tls=True,
            note="TLS on the nginx side only",
        )
        self.measure(
            "nginx_tls_br",
            "Serai behind nginx, HTTPS, as browsers ask (nginx's gzip copy, documented configuration)",
            ngx_ports["tls"],
            a17["path"],
            expect=headline,
            tls=True,
            headers=BROWSER_HEADERS,
            note="TLS on the nginx side only",
        )
        # Page 50 of the big thread, reached the way a reader would: "More comments", 49 times.
        page50 = self.follow_next(miss, a10k["path"], 49)
        # The pages whose costs the targets compare, measured together.
        self.measure_together(
            self.search_spec("search", "Serai, page cache off, the same search again (results kept)", miss),
            Spec(
                "miss17",
                "Serai, cache miss: article with 17 comments",
                miss,
                a17["path"],
                headline,
                connections=MISS_CONNECTIONS,
            ),
            Spec(
                "p1",
                "Serai, cache miss: 10,000-comment thread, page 1",
                miss,
                a10k["path"],
                a10k["headline"],
                connections=MISS_CONNECTIONS,
            ),
            Spec(
                "p50",
                "Serai, cache miss: 10,000-comment thread, page 50",
                miss,
                page50,
                a10k["headline"],
                connections=MISS_CONNECTIONS,
            ),
            self.multilingual_spec(miss),
        )
        self.measure(
            "miss17_gzip",
            "Serai, cache miss: article with 17 comments, as browsers ask (gzip, made per request)",
            miss,
            a17["path"],
            expect=headline,
            connections=MISS_CONNECTIONS,
            headers=BROWSER_HEADERS,
        )
        self.measure_together(
            Spec(
                "miss17_cold",
                "Serai, cache miss with nothing kept (as after an editor's change): 17 comments",
                cold,
                a17["path"],
                headline,
                connections=MISS_CONNECTIONS,
            ),
            self.search_spec("search_cold", "Serai, nothing kept (each search made afresh)", cold),
        )
        css = re.search(r'href="(/static/[^"]+\.css)"', page.body)
        if css:
            self.measure(
                "static_nginx",
                "a stylesheet from nginx (alias to STATIC_ROOT)",
                ngx_ports["purge"],
                css.group(1),
                expect="{",
            )
            self.measure(
                "static_app", "a stylesheet from Serai (WhiteNoise)", alone, css.group(1), expect="{"
            )

        self.freshness_nginx(ngx_ports, proxied, fresh)
        self.freshness_alone(alone, fresh)
        self.nginx_rules(ngx_ports, a17)
        self.compare_gunicorn(a17, headline)
        self.posting_rows(alone, post)
        # The same behind nginx: every published comment also refreshes nginx's copies of the page
        # (purge requests, answered by rendering the page afresh) before the poster gets the 303.
        for headers in (None, BROWSER_HEADERS):
            fetch(ngx_ports["purge"], post["path"], headers=headers)  # both copies kept before
        burst = self.post_load(
            "sqlite_purge",
            "SQLite, behind nginx: each comment also refreshes nginx's copy (purge)",
            proxied,
            post,
            duration=self.duration,
            env_key="sqlite",
        )
        failed_purges = (self.tmp / "serai-proxied.log").read_text(errors="replace").count("Could not purge")
        after = fetch(ngx_ports["purge"], post["path"])
        packed = fetch(ngx_ports["purge"], post["path"], headers=BROWSER_HEADERS)
        last = html.escape(burst["last_text"], quote=False)
        seen = bool(burst["last_text"]) and last in after.body and last in packed.body
        self.results.checks.append(
            Check(
                "During the posting burst behind nginx, every purge reached nginx, "
                "and nginx's copies then show the latest comment",
                seen and failed_purges == 0,
                f"{failed_purges} purges failed (timed out after 2 s: those pages stay stale until a later "
                f"purge or s-maxage); the latest comment is {'' if seen else 'NOT '}visible through nginx "
                f"right after the burst, in the plain and the gzip copy (X-Cache-Status "
                f"{after.headers.get('x-cache-status', '?')}, {packed.headers.get('x-cache-status', '?')})",
            )
        )
        self.stop_all(keep=("nginx",))  # the reference serves the next phase too

    def phase_posting(self) -> None:
        """`--only posting`: the SQLite site, Serai alone as in the full run, and the two posting
        rows the target compares (Serai's, then Isso's)."""
        env = self.env()
        log(f"working in {self.tmp}")
        log("creating the SQLite site (migrate, 10,000 + 17 comments, collectstatic)")
        self.articles = self.prepare_site(env, search=False)
        run([SERAI, "collectstatic", "--noinput", "-v0"], env=env, timeout=600)
        self._posting_env = {"sqlite": env}
        log("starting the app server")
        alone = self.serve("serai-alone", self.env(SERAI_TRUSTED_PROXIES="1"))
        self.posting_rows(alone, self.articles["post"])
        self.stop_all()

    def multilingual_spec(self, port: int) -> Spec:
        """The English edition of the story whose 17 comments are in three languages ("k17ml"):
        the row the multilingual target compares with the 17-comment miss."""
        article = self.articles["k17ml"]
        return Spec(
            "miss17ml",
            "Serai, cache miss: 17 comments in three languages with translations",
            port,
            article["path"],
            "Translated from",
            connections=MISS_CONNECTIONS,
        )

    def phase_multilingual(self) -> None:
        """`--only multilingual`: the SQLite site, a Serai without its page cache, the reference
        (nginx serving the 17-comment page as a file), and the two rows the target compares."""
        env = self.env()
        log(f"working in {self.tmp}")
        log("creating the SQLite site (migrate, 10,000 + 17 + 17 comments, collectstatic)")
        self.articles = self.prepare_site(env)
        run([SERAI, "collectstatic", "--noinput", "-v0"], env=env, timeout=600)
        a17 = self.articles["k17"]
        miss = self.serve("serai-miss", self.env(SERAI_PAGE_CACHE="false"))
        ngx_ports = {name: free_port() for name in ("http", "tls", "purge", "ref")}
        ngx_ports["dir"] = self.nginx_config(ngx_ports, [miss])
        self.start_nginx(ngx_ports)
        page = fetch(miss, a17["path"])
        target = ngx_ports["dir"] / "ref" / a17["path"].strip("/")
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text(page.body)
        self.reference_url = f"http://127.0.0.1:{ngx_ports['ref']}{a17['path']}"
        self.measure_together(
            Spec(
                "miss17",
                "Serai, cache miss: article with 17 comments",
                miss,
                a17["path"],
                a17["headline"],
                connections=MISS_CONNECTIONS,
            ),
            self.multilingual_spec(miss),
        )
        self.stop_all()

    def follow_next(self, port: int, path: str, hops: int) -> str:
        current = path
        for _ in range(hops):
            body = fetch(port, current).body
            match = re.search(r'<a rel="next" href="([^"]+)"', body)
            if not match:
                raise RuntimeError(f"no rel=next link on {current}")
            current = urljoin(path, html.unescape(match.group(1)).split("#")[0])
        return current

    def freshness_nginx(self, ports: dict, proxied: int, article: dict) -> None:
        """After a comment is published, the next read through nginx shows it (plain and TLS)."""
        log("freshness through nginx")
        page = fetch(ports["purge"], article["path"])
        token = form_token(page.body)
        time.sleep(3.2)
        rounds, visible, hits_before, details = 8, 0, 0, []
        for i in range(rounds):
            tls = i % 2 == 1
            port = ports["tls"] if tls else ports["purge"]
            headers = {"Host": "localhost"} if tls else {}
            if i % 4 >= 2:
                headers |= BROWSER_HEADERS  # nginx's gzip copy, which the purges refresh too
            fetch(port, article["path"], headers=headers, tls=tls)
            before = fetch(port, article["path"], headers=headers, tls=tls)
            hits_before += before.headers.get("x-cache-status") == "HIT"
            text = f"Freshness nginx {self.run_id} round {i}: the timetable is on the station door."
            if i < 4:
                # Through nginx itself (its X-Forwarded-For is 127.0.0.1, under the rate limit). One
                # address: a form token serves it once, so each comment takes the token of the page
                # as it now is (made after the last comment), as a reader reloading it would, and
                # waits out the form-age rule.
                own = form_token(before.body)
                time.sleep(3.2)
                self.post_one(port, article, own, i, text, tls=tls, via_nginx=True)
            else:
                # Straight to the app server behind nginx, as another reader.
                self.post_one(proxied, article, token, i, text)
            after = fetch(port, article["path"], headers=headers, tls=tls)
            seen = html.escape(text, quote=False) in after.body or text in after.body
            visible += seen
            details.append(
                f"{'https' if tls else 'http'}:{after.headers.get('x-cache-status', '?')}"
                + ("" if seen else " MISSING")
            )
        self.results.checks.append(
            Check(
                "A published comment is visible on the next read through nginx",
                visible == rounds and hits_before == rounds,
                f"{visible}/{rounds} visible on the next request; the page was a cache HIT before each "
                f"comment in {hits_before}/{rounds} rounds; status of the read after: {', '.join(details)}",
            )
        )

    def freshness_alone(self, port: int, article: dict) -> None:
        """Serai alone: after a comment is published, every worker's next answer shows it."""
        log("freshness of Serai's own cache (two workers)")
        token = form_token(fetch(port, article["path"]).body)
        time.sleep(3.2)
        rounds, visible, reads = 5, 0, 0
        for i in range(rounds):
            for n in range(6):  # enough reads to warm both workers, and their compressed copies
                fetch(port, article["path"], headers=BROWSER_HEADERS if n % 2 else None)
            text = f"Freshness alone {self.run_id} round {i}: the bus now stops by the clinic."
            self.post_one(port, article, token, 100 + i, text)
            for n in range(6):
                reads += 1
                # Every other read as browsers ask: the compressed copies are as fresh as the page.
                headers = BROWSER_HEADERS if n % 2 else None
                visible += (
                    html.escape(text, quote=False) in fetch(port, article["path"], headers=headers).body
                )
        self.results.checks.append(
            Check(
                "Serai alone (two workers, per-process page cache): "
                "a published comment is in every next read",
                visible == reads,
                f"{visible}/{reads} reads right after publishing showed the comment "
                "(half of them compressed, as browsers ask)",
            )
        )

    def nginx_rules(self, ports: dict, article: dict) -> None:
        """The cache rules of the documented configuration, as a reader meets them."""
        port, path = ports["purge"], article["path"]
        fetch(port, path)
        checks = {
            "anonymous reader: HIT": fetch(port, path).headers.get("x-cache-status") == "HIT",
            "reader with serai_mine cookie: BYPASS": fetch(
                port, path, headers={"Cookie": "a=1; serai_mine=x"}
            ).headers.get("x-cache-status")
            == "BYPASS",
            "staff (sessionid cookie): BYPASS": fetch(
                port, path, headers={"Cookie": "sessionid=x"}
            ).headers.get("x-cache-status")
            == "BYPASS",
            "query string (?order=oldest): BYPASS": fetch(port, path + "?order=oldest").headers.get(
                "x-cache-status"
            )
            == "BYPASS",
            "purge header from loopback: BYPASS": fetch(
                port, path, headers={"X-Serai-Purge": "1"}
            ).headers.get("x-cache-status")
            == "BYPASS",
        }
        # Browsers get nginx's gzip copy of the page, kept like the plain one; a refusal, the plain.
        fetch(port, path, headers=BROWSER_HEADERS)
        packed = fetch(port, path, headers=BROWSER_HEADERS)
        checks["browser (Accept-Encoding with gzip): the gzip copy, HIT"] = (
            packed.headers.get("content-encoding") == "gzip"
            and packed.headers.get("x-cache-status") == "HIT"
            and article["headline"] in packed.body
        )
        refused = fetch(port, path, headers={"Accept-Encoding": "gzip;q=0, br"})
        checks["gzip refused (gzip;q=0): the plain copy, HIT"] = (
            "content-encoding" not in refused.headers and refused.headers.get("x-cache-status") == "HIT"
        )
        css = re.search(r'href="(/static/[^"]+\.css)"', fetch(port, path).body)
        if css:
            reply = fetch(port, css.group(1), headers={"Accept-Encoding": "gzip"})
            checks["static file: immutable, gzip"] = (
                "immutable" in reply.headers.get("cache-control", "")
                and reply.headers.get("content-encoding") == "gzip"
            )
        failed = [k for k, ok in checks.items() if not ok]
        self.results.checks.append(
            Check(
                "nginx cache rules (cookies, query strings, purge, static files)",
                not failed,
                "All as documented" if not failed else "Not as documented: " + "; ".join(failed),
            )
        )

    def compare_gunicorn(self, article: dict, headline: str) -> None:
        """gunicorn (gthread, 2 workers × 4 threads) beside granian (2 workers, `serai serve`'s
        default threads)."""
        target = self.tmp / "gunicorn"
        try:
            run(
                [
                    str(BIN / "pip"),
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--target",
                    str(target),
                    "gunicorn",
                ],
                timeout=180,
            )
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            self.results.notes.append(f"gunicorn could not be installed for the comparison ({exc}).")
            return
        self.gunicorn_version = first_line(
            [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(target)!r}); "
                "import gunicorn; print(gunicorn.__version__)",
            ]
        )
        cached = self.serve("gunicorn-cached", self.env(), gunicorn=target)
        miss = self.serve("gunicorn-miss", self.env(SERAI_PAGE_CACHE="false"), gunicorn=target)
        self.measure(
            "g_alone",
            "gunicorn instead of granian: from the page cache",
            cached,
            article["path"],
            expect=headline,
        )
        self.measure(
            "g_miss17",
            "gunicorn instead of granian: cache miss, 17 comments",
            miss,
            article["path"],
            expect=headline,
            connections=MISS_CONNECTIONS,
        )

    # Imports (bench/imports.py)

    def phase_imports(self) -> None:
        """`serai import wordpress` of 10,000 posts and 100,000 comments into an empty site, on
        SQLite and, when it runs, PostgreSQL."""
        path = import_rows.export_file(self.tmp)
        sites = [("SQLite", self.env(DATABASE_URL=f"sqlite:///{self.tmp / 'import.sqlite3'}"))]
        if not self.args.no_postgres and shutil.which("psql") and self.services_up():
            database = f"serai_bench_import_{os.getpid()}"
            run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {database}"],
                timeout=30,
            )
            self._import_db = database
            sites.append(
                ("PostgreSQL", self.env(DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}"))
            )
        for label, env in sites:
            log(f"importing {import_rows.POSTS:,} posts and {import_rows.COMMENTS:,} comments on {label}")
            result = import_rows.measure(SERAI, env, path, label, import_rows.POSTS, import_rows.COMMENTS)
            log(
                f"  {label}: {result['seconds']:.1f} s, {result['articles_per_s']:,.0f} articles/s, "
                f"{result['comments_per_s']:,.0f} comments/s, peak {result['peak_mb']:,.0f} MB"
            )
            self.results.imports.append(result)

    # PostgreSQL + Redis

    def services_up(self) -> bool:
        pg = run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "select 1"], check=False, timeout=10)
        redis = run(["redis-cli", "-h", "127.0.0.1", "ping"], check=False, timeout=10)
        return pg.returncode == 0 and redis.stdout.strip() == "PONG"

    def phase_shared(self) -> None:
        if self.args.no_postgres:
            return
        if not (shutil.which("psql") and shutil.which("redis-cli") and self.services_up()):
            self.results.notes.append(
                "PostgreSQL or Redis was not reachable on 127.0.0.1: the shared rows were skipped."
            )
            return
        for db in range(15, 1, -1):
            if (
                run(["redis-cli", "-h", "127.0.0.1", "-n", str(db), "dbsize"], timeout=10).stdout.strip()
                == "0"
            ):
                self.redis_db = db
                break
        if self.redis_db is None:
            self.results.notes.append("No empty Redis database was free: the shared rows were skipped.")
            return
        self.pg_db = f"serai_bench_{os.getpid()}"
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {self.pg_db}"], timeout=30)
        shared = {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.pg_db}",
            "CACHE_URL": f"redis://127.0.0.1:6379/{self.redis_db}",
            "SERAI_TRUSTED_PROXIES": "1",
        }
        env = self.env(**shared)
        self._posting_env["postgres"] = env
        log("creating the PostgreSQL site")
        articles = self.prepare_site(env)
        a17, fresh, post = articles["k17"], articles["fresh"], articles["post"]
        self.pg_search = articles["search"]
        log("starting two app servers sharing PostgreSQL and Redis, and one with the page cache off")
        one = self.serve("serai-pg-1", env)
        two = self.serve("serai-pg-2", env)
        miss = self.serve("serai-pg-miss", self.env(**shared, SERAI_PAGE_CACHE="false"))
        cold = self.serve(
            "serai-pg-cold", self.env(**shared, SERAI_PAGE_CACHE="false", SERAI_FRAGMENT_CACHE="false")
        )
        self.measure(
            "shared",
            "PostgreSQL + Redis, 2 app servers: server 1, from its page cache",
            one,
            a17["path"],
            expect=a17["headline"],
        )
        self.measure_together(
            Spec(
                "shared_miss",
                "PostgreSQL + Redis: cache miss, 17 comments",
                miss,
                a17["path"],
                a17["headline"],
                connections=MISS_CONNECTIONS,
            ),
            self.search_spec("pg_search", "PostgreSQL, page cache off, the same search again", miss),
        )
        self.measure_together(
            Spec(
                "pg_miss17_cold",
                "PostgreSQL: cache miss with nothing kept, 17 comments",
                cold,
                a17["path"],
                a17["headline"],
                connections=MISS_CONNECTIONS,
            ),
            self.search_spec("pg_search_cold", "PostgreSQL, nothing kept (each search made afresh)", cold),
        )

        log("freshness across app servers")
        token = form_token(fetch(one, fresh["path"]).body)
        time.sleep(3.2)
        rounds, visible, reads = 5, 0, 0
        for i in range(rounds):
            for _ in range(6):
                fetch(two, fresh["path"])
                fetch(one, fresh["path"])
            text = f"Freshness shared {self.run_id} round {i}: the library opens on Sundays now."
            self.post_one(one, fresh, token, 200 + i, text)
            for _ in range(4):
                reads += 2
                visible += html.escape(text, quote=False) in fetch(two, fresh["path"]).body
                visible += html.escape(text, quote=False) in fetch(one, fresh["path"]).body
        self.results.checks.append(
            Check(
                "PostgreSQL + Redis: a comment published through server 1 "
                "is in the next read of every server",
                visible == reads,
                f"{visible}/{reads} reads (server 2 and server 1, each worker) "
                "right after publishing showed it",
            )
        )
        self.post_load(
            "postgres",
            "PostgreSQL + Redis, 2 granian workers, page cache on",
            one,
            post,
            duration=self.duration,
        )
        self.stop_all()

    def cleanup(self) -> None:
        self.stop_all()
        for database in (self.pg_db, self._import_db):
            if not database:
                continue
            run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {database}"],
                check=False,
                timeout=30,
            )
        if self.redis_db is not None:
            run(
                ["redis-cli", "-h", "127.0.0.1", "-n", str(self.redis_db), "flushdb"], check=False, timeout=10
            )
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # report

    def machine(self) -> dict:
        cpu = "unknown"
        with contextlib.suppress(OSError):
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        ram = "unknown"
        with contextlib.suppress(OSError, ValueError, AttributeError):
            kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
            ram = f"{kb / 1024 / 1024:.1f} GiB"
        osname = platform.platform()
        with contextlib.suppress(OSError, AttributeError):
            osname = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
        import sqlite3

        versions = {
            "Python": platform.python_version(),
            "Django": first_line([sys.executable, "-c", "import django; print(django.get_version())"]),
            "granian": first_line([str(BIN / "granian"), "--version"]).split()[-1],
            "nginx": first_line(["nginx", "-v"]).rsplit("/", 1)[-1],
            "wrk": (first_line(["wrk", "-v"]).split() + ["", "n/a"])[1],
            "SQLite": sqlite3.sqlite_version,
        }
        if getattr(self, "gunicorn_version", None):
            versions["gunicorn"] = self.gunicorn_version
        if getattr(self, "isso_versions", None):
            versions["Isso"] = (
                f"{self.isso_versions['isso']} (under gunicorn {self.isso_versions['gunicorn']}, "
                "in the bench's own environment)"
            )
        if self.pg_db:
            versions["PostgreSQL"] = run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "show server_version"], check=False
            ).stdout.strip()
            info = run(["redis-cli", "-h", "127.0.0.1", "info", "server"], check=False).stdout
            if m := re.search(r"redis_version:(\S+)", info):
                versions["Redis"] = m.group(1)
        autogroup = "unknown"
        with contextlib.suppress(OSError):
            autogroup = {"0": "off", "1": "on"}.get(
                Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip(), "unknown"
            )
        return {
            "autogroup": autogroup,
            "cores": os.cpu_count(),
            "cpu": cpu,
            "ram": ram,
            "os": osname,
            "kernel": platform.release(),
            "versions": versions,
        }

    def verdicts(self) -> list[tuple[str, str, bool | None]]:
        r = self.results

        def ratio(key):
            row = r.row(key)
            return row.ratio if row else None

        def cost(a, b):
            """How much a page costs over another: the servers' CPU time per request."""
            ra, rb = r.row(a), r.row(b)
            return ra.cpu_us / rb.cpu_us if ra and rb and ra.cpu_us and rb.cpu_us else None

        nginx_fresh = next((c for c in r.checks if "through nginx" in c.label), None)
        shared_fresh = next((c for c in r.checks if c.label.startswith("PostgreSQL")), None)
        out = []

        def add(text, value, target, ok_extra=True, above=True, fmt="{:.2f}×"):
            if value is None:
                out.append((text, "not measured", None))
                return
            ok = (value >= target if above else value <= target) and ok_extra
            out.append((text, fmt.format(value), ok))

        add(
            f"Through nginx ≥ {TARGETS['nginx']}× the reference, fresh on the next request",
            ratio("nginx"),
            TARGETS["nginx"],
            ok_extra=bool(nginx_fresh and nginx_fresh.ok),
        )
        add(f"Serai alone from its cache (SQLite) ≥ {TARGETS['alone']}×", ratio("alone"), TARGETS["alone"])
        for key, what in (
            ("feed", "The edition's feed"),
            ("newsmap", "The News sitemap"),
            ("topic", "A topic page"),
        ):
            add(f"{what} from the cache ≥ {TARGETS['discovery']}×", ratio(key), TARGETS["discovery"])
        add(f"The API's thread read from the cache ≥ {TARGETS['api']}×", ratio("api"), TARGETS["api"])
        add(
            f"PostgreSQL + Redis, several app servers ≥ {TARGETS['shared']}×, fresh on every server",
            ratio("shared"),
            TARGETS["shared"],
            ok_extra=bool(shared_fresh and shared_fresh.ok),
        )
        add(
            f"Cache miss, 17 comments ≥ {TARGETS['miss'] * 100:.1f}% of the reference",
            (ratio("miss17") or 0) * 100 if ratio("miss17") is not None else None,
            TARGETS["miss"] * 100,
            fmt="{:.2f}%",
        )
        add(
            f"10,000-comment thread: page 50 costs ≤ {TARGETS['page50_vs_page1']}× page 1 (CPU per request)",
            cost("p50", "p1"),
            TARGETS["page50_vs_page1"],
            above=False,
        )
        add(
            f"10,000-comment thread: page 1 costs ≤ {TARGETS['page1_vs_miss17']}× the 17-comment miss "
            "(CPU per request)",
            cost("p1", "miss17"),
            TARGETS["page1_vs_miss17"],
            above=False,
        )
        out.append(self.multilingual_verdict())

        # Search: on SQLite by the app's CPU per request, as above; on PostgreSQL by requests per
        # second (relative to the reference around each slice), since the database's own CPU,
        # where PostgreSQL searches, is not the app's.
        def rate_cost(a, b):
            return ratio(b) / ratio(a) if ratio(a) and ratio(b) else None

        target = TARGETS["search_vs_miss17"]
        for text, value in (
            ("SQLite, results kept: CPU per request", cost("search", "miss17")),
            ("SQLite, nothing kept on either: CPU per request", cost("search_cold", "miss17_cold")),
            ("PostgreSQL, results kept: requests per second", rate_cost("pg_search", "shared_miss")),
            (
                "PostgreSQL, nothing kept on either: requests per second",
                rate_cost("pg_search_cold", "pg_miss17_cold"),
            ),
        ):
            add(
                f"Search results, {self.args.search_articles:,} articles: ≤ {target}× the 17-comment miss "
                f"({text})",
                value,
                target,
                above=False,
            )
        out.append(self.posting_verdict())
        out += self.import_verdicts()
        return out

    def import_verdicts(self) -> list[tuple[str, str, bool | None]]:
        out = []
        for result in self.results.imports:
            rate, peak = result["comments_per_s"], result["peak_mb"]
            out.append(
                (
                    f"Import on {result['label']} ≥ {TARGETS['import_comments']:,} comments/s (the aim), "
                    f"peak memory < {TARGETS['import_memory_mb']} MB, everything imported",
                    f"{rate:,.0f}/s, {peak:,.0f} MB",
                    rate >= TARGETS["import_comments"]
                    and peak < TARGETS["import_memory_mb"]
                    and result["complete"],
                )
            )
        return out

    def multilingual_verdict(self) -> tuple[str, str, bool | None]:
        """The story in three languages, translated, against the 17-comment miss (CPU per request)."""
        r = self.results
        ml, base = r.row("miss17ml"), r.row("miss17")
        text = (
            f"Cache miss, 17 comments in three languages with translations: costs ≤ "
            f"{TARGETS['multilingual_vs_miss17']}× the 17-comment miss (CPU per request)"
        )
        if not (ml and base and ml.cpu_us and base.cpu_us):
            return text, "not measured", None
        value = ml.cpu_us / base.cpu_us
        return text, f"{value:.2f}×", value <= TARGETS["multilingual_vs_miss17"]

    def posting_verdict(self) -> tuple[str, str, bool | None]:
        """Posting on SQLite against twice Isso's rate in the same run; against the fixed figure
        when Isso was not measured, saying why."""
        r = self.results
        serai = next((p for p in r.posting if p["key"] == "sqlite"), None)
        isso = next((p for p in r.posting if p["key"] == "isso"), None)
        factor = TARGETS["posting_vs_isso"]
        if isso and isso["rate"] > 0:
            text = (
                f"Posting on SQLite ≥ {factor:g}× Isso's rate in the same run (Isso: {isso['rate']:,.0f}/s), "
                "none lost or duplicated"
            )
            target = factor * isso["rate"]
        else:
            why = f"{r.isso_missing}: see the note below" if r.isso_missing else "it acknowledged no comment"
            text = (
                f"Posting on SQLite ≥ {TARGETS['posting']} comments/s, none lost or duplicated "
                f"(the fixed figure: Isso was not measured, {why})"
            )
            target = TARGETS["posting"]
        if not serai:
            return text, "not measured", None
        value = f"{serai['rate']:,.0f}/s"
        if isso and isso["rate"] > 0:
            # The servers' CPU per comment moves less with other work than the rates do.
            cpu = (
                f"; CPU per comment {serai['cpu_us'] / isso['cpu_us']:.2f}× Isso's"
                if serai["cpu_us"] and isso["cpu_us"]
                else ""
            )
            value += f" ({serai['rate'] / isso['rate']:.2f}× Isso{cpu})"
        ok = serai["rate"] >= target and serai["lost"] == 0 and serai["duplicated"] == 0
        return text, value, ok

    def command(self) -> str:
        return f"`bench/run.py --only {self.args.only}`" if self.args.only else "`make bench`"

    def report(self) -> str:
        r = self.results
        m = self.machine()
        refs = self.reference_runs
        if self.args.only == "posting":
            how = (
                f"Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, by `bench/run.py --only posting`: the "
                f"posting rows only, {self.duration:g} s each (Serai's and Isso's in turns), "
                f"wrk -t{POSTING_CLIENTS} -c{POSTING_CLIENTS}."
            )
        else:
            how = (
                f"Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, by {self.command()}: wrk -t{WRK_THREADS}, "
                f"{self.duration:g} s per row after a 1 s warm-up, in {self.slices} slices each between two "
                f"{self.duration / self.slices:.3g} s runs of the reference; a row's ratio is the median of "
                "its slices' ratios to the reference around them"
                + (
                    f" (the reference ranged from {min(refs):,.0f} to {max(refs):,.0f} requests/s)"
                    if refs
                    else ""
                )
                + ". Page costs compare the servers' CPU time per request."
            )
        lines = [
            START_MARK,
            how,
            "",
            f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram']} RAM, {m['os']}, Linux {m['kernel']} "
            f"(scheduler autogroup {m['autogroup']}; wrk and every server the bench starts in one session).",
            "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + ".",
            (
                f"Article page: {self.page_bytes:,} bytes of HTML; every"
                if hasattr(self, "page_bytes")
                else "Every"
            )
            + " server runs with production "
            "settings (SERAI_ENV=production, DEBUG off) and 2 workers × `serai serve`'s default threads "
            "(2 on SQLite, 4 on PostgreSQL).",
            "",
            "| Measured | Connections | Requests/s | p50 (ms) | p99 (ms) | Ratio to reference "
            "| Server CPU per request (µs) | Other load |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in r.rows:
            if not row.measure:
                continue
            mm = row.measure
            ratio = f"{row.ratio:.4f}" if row.ratio is not None else "n/a"
            errors = f" ({mm.errors} errors)" if mm.errors else ""
            lines.append(
                f"| {row.label}{errors} | {row.connections} | {mm.rps:,.0f} | {mm.p50:.2f} | {mm.p99:.2f} "
                f"| {ratio} | {row.cpu_us or 0:,.0f} | {row.background:.0%} |"
            )
        for p in r.posting:
            lines.append(
                f"| Posting comments: {p['label']} | {p['clients']} | {p['rate']:,.0f} comments/s "
                f"| {p['p50']:.2f} | {p['p99']:.2f} "
                f"| | {p['cpu_us'] or 0:,.0f} | {p['background']:.0%} |"
            )
        if r.isso_missing:
            lines.append(
                f"| Posting comments: Isso (the reference for posting): not measured, {r.isso_missing} "
                f"| {POSTING_CLIENTS} | | | | | | |"
            )
        lines += self.import_lines()
        if self.args.only == "posting":
            verdicts = [self.posting_verdict()]
        elif self.args.only == "multilingual":
            verdicts = [self.multilingual_verdict()]
        elif self.args.only == "imports":
            verdicts = self.import_verdicts()
        else:
            verdicts = self.verdicts()
        lines += ["", "**Targets**", "", "| Target | Measured | Met |", "|---|---:|:---:|"]
        for text, value, ok in verdicts:
            lines.append(f"| {text} | {value} | {'yes' if ok else 'n/a' if ok is None else '**no**'} |")
        lines += ["", "**Checks**", ""]
        for c in r.checks:
            lines.append(f"- {'OK' if c.ok else '**FAILED**'}: {c.label}. {c.detail}.")

        lines += [posting_check(p) for p in r.posting]
        for note in r.notes:
            lines.append(f"- Note: {note}")
        lines.append(END_MARK)
        return "\n".join(lines) + "\n"

    def import_lines(self) -> list[str]:
        if not self.results.imports:
            return []
        lines = [
            "",
            f"Import of a generated WordPress export ({import_rows.POSTS:,} posts, "
            f"{import_rows.COMMENTS:,} comments, bench/make_wxr.py) into an empty site, one "
            "`serai import wordpress` run each; comments/s over the time spent storing comments, "
            "articles/s over the rest of the run:",
            "",
            "| Database | Time (s) | Articles/s | Comments/s | Peak memory (MB) | Everything imported |",
            "|---|---:|---:|---:|---:|:---:|",
        ]
        for result in self.results.imports:
            lines.append(
                f"| {result['label']} | {result['seconds']:.1f} | {result['articles_per_s']:,.0f} "
                f"| {result['comments_per_s']:,.0f} | {result['peak_mb']:,.0f} "
                f"| {'yes' if result['complete'] else 'no: ' + str(result['counted'])} |"
            )
        return lines

    def write(self, block: str) -> None:
        if DOC.exists():
            text = DOC.read_text()
            if START_MARK in text and END_MARK in text:
                before = text.split(START_MARK)[0]
                after = text.split(END_MARK, 1)[1]
                DOC.write_text(before + block.rstrip("\n") + after)
                return
            DOC.write_text(text.rstrip("\n") + "\n\n## Latest run\n\n" + block)
            return
        DOC.write_text("# Performance\n\n## Latest run\n\n" + block)


def posting_check(p: dict) -> str:
    """A posting row's check: every comment acknowledged stored once, nothing stored unanswered but
    what was in flight, the thread's count right."""
    intact = p["lost"] == p["duplicated"] == p["unacknowledged_stored"] == p["acknowledged_twice"] == 0
    failures = ", ".join(f"{k}: {v}" for k, v in p["failures"].items()) or "none"
    if p["kind"] == "isso":
        acknowledged = (
            f"{p['acknowledged']:,} comments acknowledged (201) from {p['commenters']:,} commenters "
            f"(distinct /24 addresses, as Isso's rate limit counts them) over {p['clients']} keep-alive "
            "connections (wrk, bench/isso_post.lua)"
        )
        counter = (
            f"Isso's /count {p['counter_published']:,} for {p['actual_published']:,} published comments; "
            f"{p['mismatched']} answers described another comment than the one sent"
        )
    else:
        acknowledged = (
            f"{p['acknowledged']:,} comments acknowledged (303) from {p['commenters']:,} commenters over "
            f"{p['clients']} keep-alive connections (wrk, bench/post.lua)"
        )
        counter = f"{p['actual_published']:,} published comments on the article"
    turns = f" in {p['rounds']} turns" if p["rounds"] > 1 else ""
    return (
        f"- {'OK' if intact else '**FAILED**'}: posting, {p['label']}: {acknowledged}{turns}; "
        f"{p['stored']:,} stored, {p['lost']} lost, {p['duplicated']} stored twice, "
        f"{p['unacknowledged_stored']} stored without an answer; {p['in_flight']} in flight when wrk "
        f"stopped ({p['in_flight_stored']} of them stored); statuses {p['statuses']}; other answers: "
        f"{failures}; {counter}."
    )


def wait_quiet(limit: float) -> None:
    """Ratios are fairer when nothing else runs: wait (a bounded time) for a calmer machine."""
    deadline = time.monotonic() + limit
    while True:
        busy = busy_share(2)
        if busy < 0.25 or time.monotonic() >= deadline:
            log(
                f"other work on the machine: {busy:.0%} of all cores"
                + ("" if busy < 0.25 else ", starting anyway")
            )
            return
        log(f"other work on the machine: {busy:.0%} of all cores; waiting")
        time.sleep(3)


def check_docs() -> None:
    """docs/deploy.md must show the nginx files the bench runs, exactly."""
    if not DEPLOY_DOC.exists():
        return
    doc = DEPLOY_DOC.read_text()
    for name in ("serai.conf", "serai-proxy.conf"):
        text = (BENCH / "nginx" / name).read_text().rstrip("\n")
        if text not in doc:
            raise SystemExit(
                f"docs/deploy.md does not show bench/nginx/{name} as it is: update one or the other."
            )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=6, help="seconds per wrk row (default 6)")
    parser.add_argument("--quick", action="store_true", help="2 s per row, to try the harness")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL + Redis")
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, configs)")
    parser.add_argument(
        "--search-articles",
        type=int,
        default=SEARCH_ARTICLES,
        help=f"articles added for the search rows (default {SEARCH_ARTICLES:,})",
    )
    parser.add_argument(
        "--only",
        choices=("posting", "multilingual", "imports"),
        help="posting: the SQLite site and the two posting rows the target compares (Serai's, Isso's), "
        "in about a minute; multilingual: the two cache-miss rows its target compares (17 comments, "
        "17 in three languages with translations); imports: the import rows only; printed, never "
        "written into docs/performance.md",
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=60,
        help="wait up to this many seconds for other work on the machine to calm down (default 60)",
    )
    args = parser.parse_args()
    if args.quick:
        args.duration = 2
    for tool in ("wrk", "nginx", "openssl"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install -y wrk nginx-light openssl")
    check_docs()
    wait_quiet(args.wait_quiet)
    bench = Bench(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failed = None
    try:
        if args.only == "posting":
            bench.phase_posting()
        elif args.only == "multilingual":
            bench.phase_multilingual()
        elif args.only == "imports":
            bench.phase_imports()
        else:
            bench.phase_sqlite()
            bench.phase_shared()
            bench.phase_imports()
    except Exception as exc:  # report what was measured, then fail
        failed = exc
        bench.results.notes.append(f"The run stopped early: {exc}")
        log(f"logs kept in {bench.tmp}")
        args.keep = True
    finally:
        try:
            block = (
                bench.report() if bench.results.rows or bench.results.posting or bench.results.imports else ""
            )
        finally:
            bench.cleanup()
    if block:
        print()
        print(block)
        if not args.no_write and not args.only and failed is None:
            bench.write(block)
            log(f"written to {DOC.relative_to(ROOT)}")
    log(f"done in {time.monotonic() - bench.started:.0f} s")
    if failed is not None:
        raise failed
    return 0


if __name__ == "__main__":
    sys.exit(main())
