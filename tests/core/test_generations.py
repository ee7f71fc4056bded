"""Generation counters in Redis: one MGET per read, an epoch that guards restarts, no error on outages;
and each process's mirror of them, which must never let a change go unseen on the next request."""

import logging
import os
import socket
import threading
import time

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


@pytest.fixture
def stores():
    """Makes stores (each one an app server process) and stops their subscribers afterwards."""
    made = []

    def make(cache, *, mirror=False):
        store = CacheGenerations(cache, mirror=mirror)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def ready(store, names):
    """The first read of an empty Redis starts an epoch and answers None; the next one reads."""
    assert store.read(names) is None
    values = store.read(names)
    assert values is not None
    return values


@needs_redis
def test_counters_start_at_zero_and_move_with_bumps(cache, stores):
    store = stores(cache)
    (epoch, site), (_, story) = ready(store, ["site", "story:en:a"])
    assert site == story == 0
    store.bump(["story:en:a", "story:en:a", "site"])  # a name given twice is bumped once
    store.bump(["story:en:a"])
    assert store.read(["site", "story:en:a", "story:en:b"]) == [(epoch, 1), (epoch, 2), (epoch, 0)]


@needs_redis
def test_another_server_sees_a_change_at_once(cache, stores):
    mine, theirs = stores(cache), stores(ResilientRedisCache(REDIS_URL, {}))
    before = ready(mine, ["story:en:a"])
    assert theirs.read(["story:en:a"]) == before
    theirs.bump(["story:en:a"])
    assert mine.read(["story:en:a"]) != before


@needs_redis
def test_an_emptied_redis_starts_a_new_epoch_and_old_stamps_never_match(cache, stores):
    store = stores(cache)
    stamps = ready(store, ["site"])
    cache.clear()  # what a restarted Redis (it keeps nothing on disk) looks like
    assert store.read(["site"]) is None
    again = store.read(["site"])
    assert again is not None and again != stamps
    assert again[0][1] == 0 and again[0][0] != stamps[0][0]


@needs_redis
def test_values_are_shared_with_djangos_cache_api(cache, stores):
    store = stores(cache)
    store.set(generations.NEXT_DUE, 1_700_000_000_000)
    assert store.value(generations.NEXT_DUE) == 1_700_000_000_000
    assert cache.get(CacheGenerations.PREFIX + generations.NEXT_DUE) == 1_700_000_000_000
    cache.set(CacheGenerations.PREFIX + "site", 41, timeout=None)  # as earlier releases wrote it
    store.bump(["site"])
    assert ready(store, ["site"])[0][1] == 42
    assert store.value("never-set") == 0


@needs_redis
def test_threads_share_the_process_connections(cache, stores):
    store = stores(cache)
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
def test_a_forked_worker_opens_its_own_connections(cache, stores):
    store = stores(cache)
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


def test_an_unreachable_redis_means_uncached_pages_not_errors(caplog, stores):
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_unused_port()}/0", {})
    store = stores(cache)
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
def test_reads_recover_when_redis_answers_again(cache, stores):
    store = stores(cache)
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


# The mirror: each process's copy in memory ------------------------------------------------------


def mirrored(store, names):
    """Wait until the store's subscriber has a lease, then read `names` once (into the mirror)."""
    deadline = time.monotonic() + 5
    while store._lease_until <= time.monotonic():
        assert time.monotonic() < deadline, "the subscriber never confirmed its subscription"
        store.read(names)
        time.sleep(0.01)
    values = store.read(names)
    assert values is not None and all(n in store._values for n in names)
    return values


@needs_redis
def test_hits_are_answered_from_memory(cache, stores, monkeypatch):
    store = stores(cache, mirror=True)
    values = mirrored(store, ["site", "story:en:a"])

    def no_redis(*args):
        raise AssertionError("a hit went to Redis")

    monkeypatch.setattr(store, "_command", no_redis)
    assert store.read(["site", "story:en:a"]) == values
    assert store.read(("story:en:a",)) == values[1:]


@needs_redis
def test_values_are_read_from_the_mirror_and_follow_changes(cache, stores, monkeypatch):
    reader = stores(cache, mirror=True)
    writer = stores(ResilientRedisCache(REDIS_URL, {}))
    mirrored(reader, ["site"])
    writer.set(generations.NEXT_DUE, 1_700_000_000_000)
    assert reader.value(generations.NEXT_DUE) == 1_700_000_000_000
    real = reader._command
    monkeypatch.setattr(reader, "_command", lambda *args: pytest.fail("a mirrored value went to Redis"))
    for _ in range(3):
        assert reader.value(generations.NEXT_DUE) == 1_700_000_000_000
    monkeypatch.setattr(reader, "_command", real)
    writer.set(generations.NEXT_DUE, 1_700_000_060_000)  # returns once every mirror has dropped it
    assert reader.value(generations.NEXT_DUE) == 1_700_000_060_000
    writer.bump(["moderation-word-lists"])
    assert reader.value("moderation-word-lists") == 1


@needs_redis
def test_a_change_through_another_server_is_in_the_next_read_of_every_mirror(cache, stores):
    readers = [stores(cache, mirror=True), stores(ResilientRedisCache(REDIS_URL, {}), mirror=True)]
    writer = stores(ResilientRedisCache(REDIS_URL, {}))
    for reader in readers:
        mirrored(reader, ["site", "story:en:a"])
    for n in range(1, 51):
        writer.bump(["story:en:a"])  # returns once every subscribed process has dropped its copy
        for reader in readers:
            assert reader.read(["site", "story:en:a"])[1][1] == n
    writer.set(generations.NEXT_DUE, 7)
    assert [r.read([generations.NEXT_DUE])[0][1] for r in readers] == [7, 7]


@needs_redis
def test_a_bump_from_the_same_process_waits_for_its_own_subscriber(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["story:en:a"])
    for n in range(1, 21):
        store.bump(["story:en:a"])
        assert store.read(["story:en:a"])[0][1] == n


@needs_redis
def test_a_stalled_process_stops_trusting_its_copy_before_the_writer_answers(cache, stores, caplog):
    """A process that cannot apply a change (stuck, starved) is waited out, never trusted."""
    stalled, writer = stores(cache, mirror=True), stores(ResilientRedisCache(REDIS_URL, {}))
    ((_epoch, before),) = mirrored(stalled, ["story:en:a"])
    release = threading.Event()
    original_apply = stalled._apply
    stalled._apply = lambda data: (release.wait(10), original_apply(data))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="serai.core.generations"):
        writer.bump(["story:en:a"])
    waited = time.monotonic() - started
    assert CacheGenerations.LEASE * 0.9 <= waited < CacheGenerations.LEASE + 1.0
    assert any("did not confirm a change" in r.getMessage() for r in caplog.records)
    assert stalled.read(["story:en:a"])[0][1] == before + 1  # its lease ran out: read from Redis
    release.set()


@needs_redis
def test_emptying_redis_through_the_cache_empties_every_mirror(cache, stores):
    store = stores(cache, mirror=True)
    stamps = mirrored(store, ["site"])
    ResilientRedisCache(REDIS_URL, {}).clear()  # another process flushes
    assert store.read(["site"]) is None  # a new epoch: nothing old is trusted
    assert store.read(["site"]) != stamps


@needs_redis
def test_a_lost_subscription_means_reading_redis_again(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    lost, forgotten = store._subscription, store._changes_seen
    host, port = lost._sock.getsockname()[:2]
    cache._cache.get_client(write=True).execute_command("CLIENT", "KILL", "ADDR", f"{host}:{port}")
    deadline = time.monotonic() + 5
    while store._subscription is lost or store._lease_until <= time.monotonic():
        assert time.monotonic() < deadline, "the subscriber did not come back"
        time.sleep(0.01)
    assert store._changes_seen > forgotten and "site" not in store._values  # nothing kept across the gap
    stores(ResilientRedisCache(REDIS_URL, {})).bump(["site"])
    assert store.read(["site"])[0][1] == 1


@needs_redis
def test_a_process_that_lost_its_subscription_unnoticed_is_waited_for(cache, stores, caplog):
    """Redis dropped a subscription while its thread was stuck: the notice never reaches that
    process, but its registration makes the writer wait until its copy is no longer trusted."""
    store, writer = stores(cache, mirror=True), stores(ResilientRedisCache(REDIS_URL, {}))
    ((_epoch, before),) = mirrored(store, ["story:en:a"])
    stuck, release = threading.Event(), threading.Event()
    register = store._register

    def stuck_register():
        stuck.set()
        release.wait(10)
        return register()

    store._register = stuck_register
    assert stuck.wait(2)
    lost = store._subscription
    host, port = lost._sock.getsockname()[:2]
    cache._cache.get_client(write=True).execute_command("CLIENT", "KILL", "ADDR", f"{host}:{port}")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        writer.bump(["story:en:a"])
    # The writer waited for it (unless its copy had already run out before the change was made).
    assert "did not confirm a change" in caplog.text or store._lease_until <= started
    assert store.read(["story:en:a"])[0][1] == before + 1, caplog.text
    release.set()


@needs_redis
def test_a_forked_worker_keeps_its_own_mirror(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no copy inherited, its own subscriber; a bump from here
        try:
            ok = store._values == {} and store._lease_until == 0.0
            mirrored(store, ["site"])
            store.bump(["site"])
            ok = ok and store.read(["site"])[0][1] == 1
            os.write(write_end, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 2)
    os.waitpid(pid, 0)
    os.close(read_end)
    assert answer == b"ok"
    assert store.read(["site"])[0][1] == 1  # the child waited for the parent's subscriber too


@needs_redis
def test_close_stops_the_subscriber(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    thread = store._subscriber
    store.close()
    assert not thread.is_alive() and store._lease_until == 0.0
    assert store.read(["site"]) is not None and store._subscriber is None


def test_bumps_from_threads_and_processes_of_one_host_are_never_lost(tmp_path):
    """Read-modify-write of a counter in the shared file: threads of a process and processes
    (forked after the store was first written, as granian's workers are) each wait their turn."""
    import threading

    from serai.core.generations import MmapGenerations

    store = MmapGenerations(tmp_path / "generations")
    store.bump(["site"])  # the parent has its lock file open before the fork
    pid = os.fork()
    if pid == 0:  # the child: bump, then leave without running pytest's teardown
        try:
            for _ in range(300):
                store.bump(["site"])
        finally:
            os._exit(0)
    threads = [threading.Thread(target=lambda: [store.bump(["site"]) for _ in range(300)]) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    os.waitpid(pid, 0)
    assert store.value("site") == 1 + 300 + 3 * 300


def test_a_pages_probe_holds_until_any_of_its_names_changes(tmp_path):
    """The check every cache hit makes, for pages showing no, one or several things."""
    from serai.core.generations import MmapGenerations

    store = MmapGenerations(tmp_path / "generations")
    store.bump(["story:en:a", "story:en:a"])  # one bump per name, however often it is named
    assert store.value("story:en:a") == 1
    for names in ((), ("site",), ("site", "story:en:a"), ("site", "story:en:a", "story:en:b")):
        for changed in names:
            probe = store.probe(names, store.read(names))
            assert probe.read(probe.source) == probe.expected
            store.bump(["story:en:unrelated"])
            assert probe.read(probe.source) == probe.expected
            store.bump([changed])
            assert probe.read(probe.source) != probe.expected, (names, changed)
        probe = store.probe(names, store.read(names))
        assert probe.read(probe.source) == probe.expected


def test_counters_read_as_machine_integers_agree_with_those_written(tmp_path):
    """A hit reads the counters through a memoryview, writers through struct (the file's format
    is little-endian on every host): the same values, through another mapping of the file too,
    and through the struct reader that big-endian hosts use."""
    from serai.core.generations import MmapGenerations

    store = MmapGenerations(tmp_path / "generations")
    store.set(generations.NEXT_DUE, 1_893_456_000_123)  # a time in milliseconds, as stored
    store.set("site", -2)
    other = MmapGenerations(tmp_path / "generations")
    assert other.value(generations.NEXT_DUE) == 1_893_456_000_123
    assert other.read(["site", generations.NEXT_DUE]) == [-2, 1_893_456_000_123]
    other.bump(["site"])
    assert store.value("site") == -1
    big_endian_reader = generations._LittleEndianCells(store._map)
    for name in ("site", generations.NEXT_DUE, "story:en:never-bumped"):
        index = store._index(name)
        assert big_endian_reader[index] == store._cells[index] == store.value(name)
    store.set("site", 1)
    assert store._map[store._index("site") * 8 : store._index("site") * 8 + 8] == b"\x01" + bytes(7)


def test_a_probe_of_an_unreachable_redis_never_holds():
    store = CacheGenerations(ResilientRedisCache(f"redis://127.0.0.1:{_unused_port()}/0", {}), mirror=False)
    try:
        probe = store.probe(("site",), [(1, 0)])
        assert probe.read(probe.source) is None
        assert probe.read(probe.source) != probe.expected
    finally:
        store.close()
