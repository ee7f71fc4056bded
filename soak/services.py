"""PostgreSQL and Redis for the soak: started, restarted and stopped on purpose.

Two modes:
- `private` (the default): the soak runs its own PostgreSQL cluster (initdb in a temporary folder)
  and its own redis-server, each on a free loopback port, so restarting and stopping them never
  disturbs anyone else using the machine's services.
- `shared`: the machine's PostgreSQL cluster (127.0.0.1:5432) and Redis (127.0.0.1:6379), started,
  restarted and stopped the way docs/ and the Makefile start them. Both are running again when
  the soak exits.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = LOOPBACK, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def run(cmd: list[str], *, timeout: float = 60, check: bool = True, user: str | None = None, **kw):
    """Run a command with a time bound; as `user` (through runuser) when we are root."""
    if user and os.geteuid() == 0 and user != "root":
        cmd = ["runuser", "-u", user, "--", *cmd]
    result = subprocess.run(cmd, timeout=timeout, check=False, capture_output=True, text=True, **kw)
    if check and result.returncode:
        output = (result.stderr or result.stdout).strip()[-1500:]
        raise RuntimeError(f"{' '.join(cmd)} exited with {result.returncode}: {output}")
    return result


def wait_until(predicate, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def pg_bindir() -> Path:
    """The folder with initdb and pg_ctl (Debian keeps them out of PATH)."""
    if shutil.which("pg_config"):
        out = run(["pg_config", "--bindir"], check=False).stdout.strip()
        if out and Path(out, "initdb").exists():
            return Path(out)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    if shutil.which("initdb"):
        return Path(shutil.which("initdb")).parent
    raise RuntimeError("PostgreSQL is not installed (no initdb found); install the postgresql package.")


# Redis -----------------------------------------------------------------------------------


class Redis:
    def __init__(self, *, mode: str, workdir: Path):
        self.mode = mode
        self.workdir = workdir
        self.port = 6379 if mode == "shared" else free_port()
        self.db = 15 if mode == "shared" else 0
        self.proc: subprocess.Popen | None = None
        self.was_running = False

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/{self.db}"

    def cli(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess:
        return run(
            ["redis-cli", "-h", LOOPBACK, "-p", str(self.port), "-n", str(self.db), *args],
            timeout=timeout,
            check=False,
        )

    def ping(self) -> bool:
        try:
            return self.cli("ping", timeout=3).stdout.strip() == "PONG"
        except subprocess.TimeoutExpired:
            return False

    def start(self) -> None:
        if self.ping():
            return
        args = ["--bind", LOOPBACK, "--port", str(self.port), "--save", "", "--appendonly", "no"]
        if self.mode == "shared":
            # The way the Makefile's `services` target and docs start it.
            run(["redis-server", "--daemonize", "yes", *args], timeout=15)
        else:
            log = open(self.workdir / "redis.log", "ab")
            self.proc = subprocess.Popen(
                ["redis-server", *args, "--dir", str(self.workdir)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_until(self.ping, 15):
            raise RuntimeError(f"Redis did not start on port {self.port}.")

    def setup(self) -> None:
        self.was_running = self.mode == "shared" and self.ping()
        self.start()
        self.cli("flushdb")

    def stop(self) -> None:
        """A clean stop that keeps nothing (the soak's Redis never persists)."""
        try:
            self.cli("shutdown", "nosave", timeout=10)
        except subprocess.TimeoutExpired:
            pass
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self.proc = None
        if not wait_until(lambda: not port_open(self.port), 10):
            raise RuntimeError(f"Redis on port {self.port} did not stop.")

    def dbsize(self) -> int | None:
        out = self.cli("dbsize").stdout.strip()
        return int(out) if out.isdigit() else None

    def key_prefixes(self, limit: int = 5000) -> dict[str, int]:
        """Keys in the soak's database grouped by their first three `:`-separated parts."""
        out = self.cli("--scan", timeout=20).stdout.splitlines()[:limit]
        groups: dict[str, int] = {}
        for key in out:
            prefix = ":".join(key.split(":")[:4])
            groups[prefix] = groups.get(prefix, 0) + 1
        return dict(sorted(groups.items(), key=lambda kv: -kv[1]))

    def cleanup(self) -> None:
        if self.mode == "shared":
            self.start()  # whatever happened, the machine's Redis is running when we leave
            self.cli("flushdb")
        else:
            if self.proc is not None or port_open(self.port):
                try:
                    self.stop()
                except RuntimeError:
                    pass


# PostgreSQL ------------------------------------------------------------------------------


class Postgres:
    def __init__(self, *, mode: str, workdir: Path, dbname: str):
        self.mode = mode
        self.workdir = workdir
        self.dbname = dbname
        self.port = 5432 if mode == "shared" else free_port()
        self.pgdir = workdir / "postgres"
        self.datadir = self.pgdir / "data"
        self.user = "postgres"
        self.bindir: Path | None = None
        self.cluster_version = ""
        self.created_db = False

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@{LOOPBACK}:{self.port}/{self.dbname}"

    def _os_user(self) -> str | None:
        """initdb and pg_ctl refuse to run as root: run them as the postgres account then."""
        if os.geteuid() != 0:
            return None
        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise RuntimeError("Running as root needs the `postgres` system account.") from exc
        return "postgres"

    def psql(self, sql: str, *, db: str | None = None, timeout: float = 30) -> str:
        out = run(
            [
                "psql",
                "-h",
                LOOPBACK,
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                db or self.dbname,
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-F",
                "\t",
                "-c",
                sql,
            ],
            timeout=timeout,
        )
        return out.stdout

    def ready(self) -> bool:
        try:
            return (
                run(
                    ["pg_isready", "-q", "-h", LOOPBACK, "-p", str(self.port), "-t", "2"],
                    timeout=5,
                    check=False,
                ).returncode
                == 0
            )
        except subprocess.TimeoutExpired:
            return False

    def _pg_ctl(self, *args: str, timeout: float = 60) -> None:
        assert self.bindir is not None
        run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args],
            timeout=timeout,
            user=self._os_user(),
        )

    def _shared_cluster(self) -> str:
        versions = sorted(os.listdir("/etc/postgresql"), key=int)
        if not versions:
            raise RuntimeError("No PostgreSQL cluster in /etc/postgresql.")
        return versions[-1]

    def setup(self) -> None:
        if self.mode == "shared":
            self.cluster_version = self._shared_cluster()
            if not self.ready():
                run(
                    ["pg_ctlcluster", "--skip-systemctl-redirect", self.cluster_version, "main", "start"],
                    timeout=60,
                )
            if not wait_until(self.ready, 30):
                raise RuntimeError("The machine's PostgreSQL did not come up.")
        else:
            self.bindir = pg_bindir()
            self.cluster_version = self.bindir.parent.name
            os_user = self._os_user()
            self.datadir.mkdir(parents=True)
            if os_user:
                shutil.chown(self.pgdir, user=os_user)
                shutil.chown(self.datadir, user=os_user)
            run(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.datadir),
                    "-U",
                    self.user,
                    "--auth=trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ],
                timeout=120,
                user=os_user,
            )
            options = (
                f"-c listen_addresses={LOOPBACK} -c port={self.port} "
                f"-c unix_socket_directories={self.pgdir} -c max_connections=100"
            )
            self._pg_ctl("-l", str(self.pgdir / "postgres.log"), "-o", options, "-w", "-t", "60", "start")
            if not wait_until(self.ready, 30):
                raise RuntimeError("The soak's PostgreSQL did not come up.")
        self.psql(f'CREATE DATABASE "{self.dbname}"', db="postgres")
        self.created_db = True

    def restart(self) -> None:
        """A fast restart, as an operator's upgrade or a crash-and-restart would do it."""
        if self.mode == "shared":
            run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", self.cluster_version, "main", "restart"],
                timeout=90,
            )
        else:
            # -l again: without it the new postmaster would write to (and hold open) our pipe.
            self._pg_ctl(
                "-l", str(self.pgdir / "postgres.log"), "-m", "fast", "-w", "-t", "60", "restart", timeout=90
            )

    def server_version(self) -> str:
        try:
            return self.psql("SHOW server_version", db="postgres", timeout=10).strip()
        except Exception:  # noqa: BLE001 — only for the report
            return "?"

    def cleanup(self) -> None:
        if self.mode == "shared":
            if not self.ready():
                run(
                    ["pg_ctlcluster", "--skip-systemctl-redirect", self.cluster_version, "main", "start"],
                    timeout=60,
                    check=False,
                )
                wait_until(self.ready, 30)
            if self.created_db:
                try:
                    self.psql(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)', db="postgres")
                except Exception as exc:  # noqa: BLE001
                    print(f"Could not drop the soak database {self.dbname}: {exc}")
        else:
            if self.bindir and (self.datadir / "postmaster.pid").exists():
                try:
                    self._pg_ctl("-m", "immediate", "-w", "-t", "30", "stop", timeout=40)
                except Exception:  # noqa: BLE001
                    pid_file = self.datadir / "postmaster.pid"
                    if pid_file.exists():
                        try:
                            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
                        except (OSError, ValueError):
                            pass
