"""Generation counters in Redis: one MGET per read, an epoch that guards restarts, no error on outages."""

import logging
import os
import socket
import threading

import pytest

from serai.core import generations
from serai.core.cache import ResilientRedisCache
from serai.core.generations import CacheGenerations

REDIS_URL = "redis://127.0.0.1:6379/14"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not _redis_answers(), reason="Redis is not running on 127.0.0.1:6379")


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cache():
    cache = ResilientRedisCache(REDIS_URL, {})
    cache.clear()
    yield cache
    cache.clear()


def ready(store, names):
    """The first read of an empty Redis starts an epoch and answers None; the next one reads."""
    assert store.read(names) is None
    values = store.read(names)
    assert values is not None
    return values


@needs_redis
def test_counters_start_at_zero_and_move_with_bumps(cache):
    store = CacheGenerations(cache)
    (epoch, site), (_, story) = ready(store, ["site", "story:en:a"])
    assert site == story == 0
    store.bump(["story:en:a", "story:en:a", "site"])  # a name given twice is bumped once
    store.bump(["story:en:a"])
    assert store.read(["site", "story:en:a", "story:en:b"]) == [(epoch, 1), (epoch, 2), (epoch, 0)]


@needs_redis
def test_another_server_sees_a_change_at_once(cache):
    mine, theirs = CacheGenerations(cache), CacheGenerations(ResilientRedisCache(REDIS_URL, {}))
    before = ready(mine, ["story:en:a"])
    assert theirs.read(["story:en:a"]) == before
    theirs.bump(["story:en:a"])
    assert mine.read(["story:en:a"]) != before


@needs_redis
def test_an_emptied_redis_starts_a_new_epoch_and_old_stamps_never_match(cache):
    store = CacheGenerations(cache)
    stamps = ready(store, ["site"])
    cache.clear()  # what a restarted Redis (it keeps nothing on disk) looks like
    assert store.read(["site"]) is None
    again = store.read(["site"])
    assert again is not None and again != stamps
    assert again[0][1] == 0 and again[0][0] != stamps[0][0]


@needs_redis
def test_values_are_shared_with_djangos_cache_api(cache):
    store = CacheGenerations(cache)
    store.set(generations.NEXT_DUE, 1_700_000_000_000)
    assert store.value(generations.NEXT_DUE) == 1_700_000_000_000
    assert cache.get(CacheGenerations.PREFIX + generations.NEXT_DUE) == 1_700_000_000_000
    cache.set(CacheGenerations.PREFIX + "site", 41, timeout=None)  # as earlier releases wrote it
    store.bump(["site"])
    assert ready(store, ["site"])[0][1] == 42
    assert store.value("never-set") == 0


@needs_redis
def test_threads_share_the_process_connections(cache):
    store = CacheGenerations(cache)
    ready(store, ["site"])
    errors, seen = [], []

    def reader():
        try:
            for _ in range(200):
                seen.append(store.read(["site", "story:en:a"]))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(seen) == 800 and None not in seen
    assert len(store._idle) <= 4


@needs_redis
def test_a_forked_worker_opens_its_own_connections(cache):
    store = CacheGenerations(cache)
    ready(store, ["site"])
    parent_connection = store._idle[-1]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, bump, report, leave without running pytest's teardown
        try:
            ok = store.read(["site"]) is not None and parent_connection not in store._idle
            store.bump(["site"])
            os.write(write_end, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 2)
    os.waitpid(pid, 0)
    os.close(read_end)
    assert answer == b"ok"
    assert store.read(["site"])[0][1] == 1  # the parent's connection still works and sees the bump


def test_an_unreachable_redis_means_uncached_pages_not_errors(caplog):
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_unused_port()}/0", {})
    store = CacheGenerations(cache)
    with caplog.at_level(logging.WARNING, logger="serai.core.generations"):
        assert store.read(["site"]) is None
        assert store.read(["site"]) is None  # backing off: no second connection attempt
        assert store.value(generations.NEXT_DUE) == 0
        store.bump(["story:en:a"])
        store.set(generations.NEXT_DUE, 5)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("generations unavailable" in m for m in messages) == 1
    assert any("Could not record a change" in m and "story:en:a" in m for m in messages)
    assert any("Could not record next-due" in m for m in messages)


@needs_redis
def test_reads_recover_when_redis_answers_again(cache):
    store = CacheGenerations(cache)
    ready(store, ["site"])
    store._idle[-1]._sock.close()  # the connection broke (Redis restarted, a network hiccup)
    assert store.read(["site"]) is None
    store._down_until = 0.0  # the back-off has passed
    assert store.read(["site"]) is not None


@needs_redis
def test_a_redis_cache_selects_the_redis_store(settings):
    settings.CACHES = {"default": {"BACKEND": "serai.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
    generations.reset_store()
    assert isinstance(generations.store(), CacheGenerations)
    generations.reset_store()
