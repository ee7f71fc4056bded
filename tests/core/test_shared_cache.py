"""Which cache a deployment gets when CACHE_URL is unset, and that production's default is shared
by the processes of a host: the sign-in lockout, the moderators' digest and the email throttles
must count once for the host, not once per worker process."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.core.helpers import environment_without_settings

SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.core import checks
print(json.dumps({
    "backend": settings.CACHES["default"]["BACKEND"],
    "location": settings.CACHES["default"].get("LOCATION"),
    "warnings": sorted(m.id for m in checks.run_checks() if m.id.startswith("axes.")),
}))
"""

# One worker process: adds the key (once for the host, as the digest and the throttles ask) and
# counts (as the privacy throttle does), then prints what it got.
WORKER = """
import json, sys, django
django.setup()
from django.core.cache import cache
first = cache.add("serai:test:digest", 1, timeout=60)
cache.add("serai:test:count", 0, timeout=60)
for _ in range(int(sys.argv[1])):
    cache.incr("serai:test:count")
print(json.dumps({"first": first}))
"""


def _environment(home, **extra) -> dict:
    env = environment_without_settings()
    env.update(
        SERAI_HOME=str(home),
        DATABASE_URL=f"sqlite:///{home / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="serai.settings",
        SECRET_KEY="a-secret-key-for-this-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _run(code: str, env: dict, *args) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=env["SERAI_HOME"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_without_cache_url_shares_a_cache_on_disk(tmp_path):
    found = _run(SETTINGS, _environment(tmp_path, SERAI_ENV="production", CACHE_URL=""))
    assert found["backend"] == "serai.core.cache.SharedDiskCache"
    assert found["location"] == str(tmp_path / "var" / "cache")
    assert found["warnings"] == []  # axes: the sign-in lockout is counted for the host


def test_the_cache_folder_can_be_chosen(tmp_path):
    env = _environment(tmp_path, SERAI_ENV="production", SERAI_CACHE_DIR=tmp_path / "elsewhere")
    assert _run(SETTINGS, env)["location"] == str(tmp_path / "elsewhere")


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),  # development, tests
        (
            {"SERAI_ENV": "production", "CACHE_URL": "locmemcache://chosen"},
            "django.core.cache.backends.locmem.LocMemCache",
        ),
        (
            {"SERAI_ENV": "production", "CACHE_URL": "redis://127.0.0.1:6379/9"},
            "serai.core.cache.ResilientRedisCache",
        ),
    ],
)
def test_a_cache_url_or_development_keeps_its_cache(tmp_path, environment, backend):
    assert _run(SETTINGS, _environment(tmp_path, **environment))["backend"] == backend


def test_worker_processes_share_one_count_and_one_first_time(tmp_path):
    env = _environment(tmp_path, SERAI_ENV="production")
    workers, increments = 4, 25
    with ThreadPoolExecutor(workers) as pool:
        answers = list(pool.map(lambda _n: _run(WORKER, env, str(increments)), range(workers)))
    assert sum(answer["first"] for answer in answers) == 1  # one digest for the host
    read = (
        "import django; django.setup(); from django.core.cache import cache; "
        'print(cache.get("serai:test:count"))'
    )
    done = subprocess.run(
        [sys.executable, "-c", read], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == str(workers * increments), done.stderr  # no increment lost


def test_a_cache_that_cannot_be_written_answers_at_once_and_never_raises(tmp_path, monkeypatch, caplog):
    """diskcache retries a refused write for as long as it fails when asked to retry (its default
    for writes): a cache folder made by another user, or a full disk, would hold a request, or a
    sign-in, for ever. The shared cache answers as a miss or a failed write, and logs why."""
    import sqlite3
    import threading

    import diskcache.core

    from serai.core.cache import SharedDiskCache

    cache = SharedDiskCache(str(tmp_path / "cache"), {"SHARDS": 2})
    cache.set("kept", 1)
    real = diskcache.core.Cache._sql

    def refusing(self):
        execute = real.fget(self)

        def sql(statement, *args):
            if statement.startswith(("BEGIN", "INSERT", "UPDATE", "DELETE")):
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return execute(statement, *args)

        return sql

    monkeypatch.setattr(diskcache.core.Cache, "_sql", property(refusing))
    answers = {}

    def use():
        answers["add"] = cache.add("digest", 1, timeout=60)
        answers["set"] = cache.set("other", 1)
        answers["incr"] = cache.incr("kept")
        answers["touch"] = cache.touch("kept", 60)
        answers["delete"] = cache.delete("kept")
        answers["get"] = cache.get("kept")

    worker = threading.Thread(target=use, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "a refused write kept the request waiting"
    assert answers["get"] == 1  # reads still work
    assert answers["set"] is False and answers["delete"] is False and answers["touch"] is False
    # A write that failed: "first" (better an email twice than never), no count, logged.
    assert answers["add"] is True and answers["incr"] is None
    assert any("could not be written" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    assert cache.add("kept", 5) is False  # present: not added, and nothing failed


def test_the_shared_cache_keeps_its_connections_between_requests(tmp_path):
    """Django closes every cache a request used when the request ends (cache.close())."""
    from serai.core.cache import SharedDiskCache

    cache = SharedDiskCache(str(tmp_path / "cache"), {"SHARDS": 1})
    cache.set("k", 1)
    [shard] = cache._cache._shards
    before = shard._con
    cache.close()
    assert shard._con is before and cache.get("k") == 1
