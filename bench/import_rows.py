"""The import rows of `make bench`: `serai import wordpress` on a generated export of 10,000
posts and 100,000 comments (bench/make_wxr.py), into an empty site on SQLite and on PostgreSQL,
timed from start to end, with the importer's peak resident memory.

Comments/s counts over the time the importer spent storing comments (it reports it), articles/s
over the rest of the run (reading the file, articles, photos, addresses), so the two add up to
the whole run.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
POSTS = 10_000
COMMENTS = 100_000


def export_file(folder: Path, posts: int = POSTS, comments: int = COMMENTS) -> Path:
    path = folder / f"wordpress-{posts}-{comments}.xml"
    if not path.exists():
        spec = importlib.util.spec_from_file_location("make_wxr", BENCH / "make_wxr.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.write(str(path), posts, comments)
    return path


def _peak_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"VmHWM:\s+(\d+)", status)
    return int(found.group(1)) if found else 0


def measure(serai: str, env: dict, path: Path, label: str, posts: int, comments: int) -> dict:
    """Migrate an empty site, then import `path` into it; the import's time and peak memory."""
    subprocess.run([serai, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=900)
    started = time.monotonic()
    process = subprocess.Popen(
        [serai, "import", "wordpress", str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _peak_kb(process.pid))  # VmHWM only grows: the last reading is the peak
        time.sleep(0.1)
    seconds = time.monotonic() - started
    output = process.stdout.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"the import on {label} failed: {output[-1500:]}")
    imported = re.search(r"new: .*?([\d,]+) articles.*?([\d,]+) comments", output)
    counted = tuple(int(n.replace(",", "")) for n in imported.groups()) if imported else (0, 0)
    storing = re.search(r"time storing comments: ([\d.]+) s", output)
    comment_seconds = float(storing.group(1)) if storing else seconds
    return {
        "label": label,
        "seconds": seconds,
        "articles_per_s": posts / max(0.001, seconds - comment_seconds),
        "comments_per_s": comments / max(0.001, comment_seconds),
        "overall_per_s": (posts + comments) / seconds,
        "peak_mb": peak / 1024,
        "complete": counted == (posts, comments),
        "counted": counted,
    }
