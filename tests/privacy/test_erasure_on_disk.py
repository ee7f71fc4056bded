"""After "Delete my comments", the commenter's words, name and address are in no byte of the SQLite
database file nor of its write-ahead log, while the server that erased them is still running."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.privacy import erasure_on_disk as scenario

ROOT = Path(__file__).resolve().parents[2]
NEEDLES = {
    "words": scenario.WORDS,
    "long words": scenario.LONG_WORDS.split()[0],
    "name": scenario.NAME,
    "email": scenario.EMAIL,
}


def _found(folder: Path) -> dict[str, list[str]]:
    """Which needles are in which of the database's files (the database, its log, its index)."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("serai.sqlite3*")):
        data = path.read_bytes()
        for label, needle in NEEDLES.items():
            if needle.encode() in data or needle.lower().encode() in data.lower():
                found.setdefault(label, []).append(path.name)
    return found


@pytest.fixture
def server(tmp_path):
    """The scenario's process, stopped at each stage until told to go on."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serai.sqlite3'}",
        "SERAI_HOME": str(tmp_path),
        "SECRET_KEY": "erasure-on-disk-" + "x" * 50,
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "EMAIL_URL": "dummymail://",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.privacy.erasure_on_disk"],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip

    def reach(stage: str) -> None:
        line = process.stdout.readline().strip()
        assert line == stage, process.stderr.read() if not line else line

    def go_on() -> None:
        process.stdin.write("\n")
        process.stdin.flush()

    yield reach, go_on
    process.kill()
    process.wait(timeout=30)


def test_erased_comments_leave_no_trace_in_the_sqlite_file_or_its_log(server, tmp_path):
    reach, go_on = server
    reach("posted")
    before = _found(tmp_path)
    assert set(before) == set(NEEDLES), f"the scan must see what it looks for first: {before}"
    assert "serai.sqlite3-wal" in before["words"] and "serai.sqlite3" in before["words"]
    go_on()
    reach("erased")
    assert (tmp_path / "serai.sqlite3").stat().st_size > 0
    assert _found(tmp_path) == {}
