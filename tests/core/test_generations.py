"""Generation counters in Redis: one MGET per read, an epoch that guards restarts, no error on
outages; and each process's copy of them, kept current by Redis's own invalidation pushes, which
must never let a change go unseen on the next request, and never make a writer wait."""

import logging
import os
import socket
import threading
import time

import pytest
import redis

from serai.core import generations
from serai.core.cache import ResilientRedisCache
from serai.core.coherence import RedisGenerations

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
    """Makes stores (each one an app server process) and stops their listeners afterwards."""
    made = []

    def make(cache, *, mirror=False):
        store = RedisGenerations(cache, mirror=mirror)
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


def other_server():
    return ResilientRedisCache(REDIS_URL, {})


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
    mine, theirs = stores(cache), stores(other_server())
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
    assert cache.get(RedisGenerations.PREFIX + generations.NEXT_DUE) == 1_700_000_000_000
    cache.set(RedisGenerations.PREFIX + "site", 41, timeout=None)  # as earlier releases wrote it
    store.bump(["site"])
    assert store.value("site") == 42
    assert store.value("never-set") == 0


@needs_redis
def test_threads_read_at_once_without_errors(cache, stores):
    store = stores(cache, mirror=True)
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


@needs_redis
def test_a_forked_worker_reads_and_bumps_on_its_own(cache, stores):
    store = stores(cache)
    ready(store, ["site"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, bump, report, leave without running pytest's teardown
        try:
            ok = store.read(["site"]) is not None
            store.bump(["site"])
            os.write(write_end, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 2)
    os.waitpid(pid, 0)
    os.close(read_end)
    assert answer == b"ok"
    assert store.read(["site"])[0][1] == 1  # the parent still reads, and sees the bump


def test_an_unreachable_redis_means_uncached_pages_not_errors(caplog, stores):
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_unused_port()}/0", {})
    store = stores(cache)
    with caplog.at_level(logging.WARNING, logger="serai.core.coherence"):
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
def test_reads_recover_when_redis_answers_again(cache, stores, monkeypatch):
    store = stores(cache)
    ready(store, ["site"])

    def broken(*args, **kwargs):
        raise redis.ConnectionError("the connection broke (Redis restarted, a network hiccup)")

    monkeypatch.setattr(store.client, "mget", broken)
    assert store.read(["site"]) is None
    monkeypatch.undo()
    assert store.read(["site"]) is None  # backing off
    store._down_until = 0.0  # the back-off has passed
    assert store.read(["site"]) is not None


@needs_redis
def test_a_redis_cache_selects_the_redis_store(settings):
    settings.CACHES = {"default": {"BACKEND": "serai.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
    generations.reset_store()
    assert isinstance(generations.store(), RedisGenerations)
    generations.reset_store()


# Each process's copy in memory -----------------------------------------------------------------


def mirrored(store, names):
    """Wait until the store's listener is trusted, then read `names` once (into the copy)."""
    deadline = time.monotonic() + 5
    while not store.trusted():
        assert time.monotonic() < deadline, "the listener never heard from Redis"
        store.read(names)
        time.sleep(0.01)
    values = store.read(names)
    assert values is not None and store.read(names) == values
    return values


def kept(store, name):
    """Read `name` until the process keeps it (a read that crossed a change in flight is not kept)."""
    deadline = time.monotonic() + 5
    while name not in store._values:
        assert time.monotonic() < deadline, f"{name} was never kept"
        store.read([name])
    return store.value(name)


def no_redis(store, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a read went to Redis")

    monkeypatch.setattr(store.client, "mget", refuse)


@needs_redis
def test_hits_are_answered_from_memory(cache, stores, monkeypatch):
    store = stores(cache, mirror=True)
    values = mirrored(store, ["site", "story:en:a"])
    kept(store, "site"), kept(store, "story:en:a")
    no_redis(store, monkeypatch)
    assert store.read(["site", "story:en:a"]) == values
    assert store.read(("story:en:a",)) == values[1:]


@needs_redis
def test_values_are_read_from_memory_and_follow_changes(cache, stores, monkeypatch):
    reader, writer = stores(cache, mirror=True), stores(other_server())
    mirrored(reader, ["site"])
    writer.set(generations.NEXT_DUE, 1_700_000_000_000)
    assert kept(reader, generations.NEXT_DUE) == 1_700_000_000_000
    with monkeypatch.context() as patched:
        no_redis(reader, patched)
        for _ in range(3):
            assert reader.value(generations.NEXT_DUE) == 1_700_000_000_000
    writer.set(generations.NEXT_DUE, 1_700_000_060_000)
    assert reader.value(generations.NEXT_DUE) == 1_700_000_060_000
    writer.bump(["moderation-word-lists"])
    assert reader.value("moderation-word-lists") == 1


@needs_redis
def test_a_change_through_another_server_is_in_the_next_read_of_every_copy(cache, stores):
    readers = [stores(cache, mirror=True), stores(other_server(), mirror=True)]
    writer = stores(other_server())
    for reader in readers:
        mirrored(reader, ["site", "story:en:a"])
    for n in range(1, 51):
        writer.bump(["story:en:a"])
        for reader in readers:
            assert reader.read(["site", "story:en:a"])[1][1] == n
    writer.set(generations.NEXT_DUE, 7)
    assert [r.read([generations.NEXT_DUE])[0][1] for r in readers] == [7, 7]


@needs_redis
def test_a_bump_from_the_same_process_is_in_its_next_read(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["story:en:a"])
    for n in range(1, 21):
        store.bump(["story:en:a"])
        assert store.read(["story:en:a"])[0][1] == n


@needs_redis
def test_a_writer_never_waits_for_other_processes(cache, stores):
    """However many processes keep a copy, and even while one of them is stuck, a bump is one
    round trip to Redis."""
    readers = [stores(other_server(), mirror=True) for _ in range(5)]
    for reader in readers:
        mirrored(reader, ["story:en:a"])
    stuck = readers[0]
    release = threading.Event()
    original = stuck._apply
    stuck._apply = lambda keys: (release.wait(10), original(keys))
    writer = stores(cache)
    started = time.monotonic()
    for _ in range(10):
        writer.bump(["story:en:a"])
    assert (time.monotonic() - started) / 10 < 0.02
    # The stuck process has the change unread or half applied: it does not trust its copy.
    assert not stuck.trusted()
    assert stuck.read(["story:en:a"])[0][1] == 10
    release.set()


@needs_redis
def test_a_process_that_stops_hearing_from_redis_stops_trusting_its_copy(cache, stores):
    """No PING answered for LEASE seconds (a stalled connection, a lost network): the copy is not
    trusted, and reads go to Redis until the listener hears from it again."""
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    store._trusted_until = time.monotonic()  # what a lease that ran out looks like
    assert not store.trusted()
    stores(other_server()).bump(["site"])
    assert store.read(["site"])[0][1] == 1


@needs_redis
def test_emptying_redis_through_the_cache_empties_every_copy(cache, stores):
    store = stores(cache, mirror=True)
    stamps = mirrored(store, ["site"])
    other_server().clear()  # another process flushes
    assert store.read(["site"]) is None  # a new epoch: nothing old is trusted
    assert store.read(["site"]) != stamps


@needs_redis
def test_a_lost_connection_means_reading_redis_again(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    lost, forgotten = store._socket, store._changes_seen
    host, port = lost.getsockname()[:2]
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type=None, addr=f"{host}:{port}")
    deadline = time.monotonic() + 5
    while store._socket is lost or not store.trusted():
        assert time.monotonic() < deadline, "the listener did not come back"
        time.sleep(0.01)
    assert store._changes_seen > forgotten  # nothing kept across the gap
    stores(other_server()).bump(["site"])
    assert store.read(["site"])[0][1] == 1


@needs_redis
def test_a_forked_worker_keeps_its_own_copy(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no copy inherited, a listener of its own; a bump from here
        try:
            ok = not store.trusted()
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
    assert store.read(["site"])[0][1] == 1  # the parent's copy heard of the child's change


@needs_redis
def test_close_stops_the_listener(cache, stores):
    store = stores(cache, mirror=True)
    mirrored(store, ["site"])
    thread = store._listener
    store.close()
    assert not thread.is_alive() and not store.trusted()
    assert store.read(["site"]) is not None and store._listener is None


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
    store = RedisGenerations(ResilientRedisCache(f"redis://127.0.0.1:{_unused_port()}/0", {}), mirror=False)
    try:
        probe = store.probe(("site",), [(1, 0)])
        assert probe.read(probe.source) is None
        assert probe.read(probe.source) != probe.expected
    finally:
        store.close()
