"""Generation counters: the shared memory of what changed, read on every cached page.

A cached page records the generations of what it shows ("site", "article:42") when it was made;
it is fresh while they are unchanged. Writers bump generations after their transaction commits.

Two stores:
- `MmapGenerations` (one host, the default): a small file in var/ mapped into every worker's
  memory. Reading is a memory access, so a cache hit needs no system call and no network.
- `CacheGenerations` (several hosts): counters in the shared cache (Redis), mirrored in each
  process's memory while Redis confirms the copy is current. If it cannot be reached, reads
  return None and callers treat every page as a miss instead of failing.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import fcntl
import functools
import logging
import mmap
import operator
import os
import secrets
import struct
import sys
import threading
import time
import weakref
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from serai.core.cache import BACKOFF_SECONDS

logger = logging.getLogger(__name__)

SLOTS = 1 << 16
SLOT = struct.Struct("<q")  # the file's format, whatever the host
NEXT_DUE = "next-due"


class Probe(NamedTuple):
    """How a cached page checks that what it shows is unchanged, made once per page and store:
    `probe.read(probe.source) == probe.expected`, with no Python call between the page cache and
    the store's memory where the store allows it (every cache hit makes this check)."""

    store: object  # the store that made it: a page made before the store was replaced is stale
    read: Callable
    source: object
    expected: object


class _LittleEndianCells:
    """The counters by index where machine integers are big-endian, one `struct` read each:
    what the memoryview gives on little-endian hosts, more slowly."""

    def __init__(self, buffer):
        self._buffer = buffer

    def __getitem__(self, index: int) -> int:
        return SLOT.unpack_from(self._buffer, index * SLOT.size)[0]


class MmapGenerations:
    """Counters in a memory-mapped file shared by the processes of one host.

    Names hash into 65,536 slots; two names sharing a slot only cause an extra re-render.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size < SLOTS * SLOT.size:
                os.ftruncate(fd, SLOTS * SLOT.size)
            self._map = mmap.mmap(fd, SLOTS * SLOT.size)
        finally:
            os.close(fd)
        # The counters by index. Where machine integers are little-endian, as the file's are, a
        # memoryview reads them with no unpacking (a cache hit's check).
        self._cells = (
            memoryview(self._map).cast("q") if sys.byteorder == "little" else _LittleEndianCells(self._map)
        )
        self._lock_path = str(self.path) + ".lock"
        self._lock_fd: int | None = None
        self._lock_pid = 0
        self._thread_lock = threading.Lock()

    @contextlib.contextmanager
    def _writing(self):
        """Writers of this host one at a time: the threads of this process by a lock, processes by
        `flock` on a file kept open per process (opened again in a forked child: a lock taken on an
        open file the parent shares would not keep the two apart)."""
        with self._thread_lock:
            if self._lock_pid != os.getpid():
                self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
                self._lock_pid = os.getpid()
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    @staticmethod
    @functools.lru_cache(maxsize=SLOTS)  # a hit reads two or three names: remembered, not hashed
    def _index(name: str) -> int:
        return zlib.crc32(name.encode()) % SLOTS

    def _offset(self, name: str) -> int:
        return self._index(name) * SLOT.size

    def read(self, names) -> list[int] | None:
        cells, index = self._cells, self._index
        return [cells[index(n)] for n in names]

    def probe(self, names, stamps) -> Probe:
        """See `Probe`: here, the counters' slots read at once by one `itemgetter` (no Python)."""
        indices = [self._index(n) for n in names]
        if not indices:
            return Probe(self, tuple, (), ())
        # itemgetter of one index returns the value itself, of several a tuple.
        expected = tuple(stamps) if len(indices) > 1 else stamps[0]
        return Probe(self, operator.itemgetter(*indices), self._cells, expected)

    def value(self, name: str) -> int:
        return self._cells[self._index(name)]

    def bump(self, names) -> None:
        with self._writing():
            for name in set(names):
                offset = self._offset(name)
                SLOT.pack_into(self._map, offset, SLOT.unpack_from(self._map, offset)[0] + 1)

    def set(self, name: str, value: int) -> None:
        with self._writing():
            SLOT.pack_into(self._map, self._offset(name), value)


# Lua, so that Redis's own clock times the registrations: every process that may trust its mirror
# is registered until a moment after its trust ends; a writer waits for each of them.
REGISTER = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], 60000)
return 1
"""
ANNOUNCE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local registered = redis.call('ZRANGE', KEYS[1], 0, -1)
local receivers = redis.call('PUBLISH', ARGV[1], ARGV[2])
return {receivers, registered}
"""


class CacheGenerations:
    """Counters in the shared Redis behind Django's cache, for several app servers.

    Every value read carries the store's epoch, a random number written once: if Redis restarts
    empty, the epoch changes, so counters starting again from zero never match old pages.

    Reads: one MGET of the epoch and the page's counters, on a connection kept by this process.
    With the mirror on (the default), each process also keeps the values it has read in memory
    and answers from there, with no round trip, while its copy is known to be current:
    - a subscriber thread listens on a Redis channel where every change is announced after its
      INCR, drops the names it lists (the next read fetches them again), and acknowledges;
    - every PING_EVERY seconds the thread registers the process in Redis until LEASE (plus a
      margin) from now, by Redis's clock, then pings through the subscription. The pong proves
      that every change announced before the ping was sent has been applied: the copy is trusted
      until LEASE after that ping was sent, never longer, and never past the registration;
    - a writer announces its change in the same script that lists the registered processes, and
      does not return before each of them has acknowledged it, or else before LEASE has passed,
      when any process that missed the change (stuck, or its subscription lost) has stopped
      trusting its copy. So a change made through one app server is in the next request's
      answer on every other one, as without the mirror.
    If Redis cannot be reached, reads return None (callers render uncached) and further reads wait
    BACKOFF_SECONDS before trying again, so readers do not each wait for a connection timeout.
    """

    PREFIX = "serai:gen:"
    EPOCH = "serai:gen-epoch"
    CHANNEL = "serai:gen-changes"
    REGISTRY = "serai:gen-mirrors"
    ACK = "serai:gen-ack:"
    KEYS_REMEMBERED = 4096
    MIRROR_SIZE = 10_000
    LEASE = 0.25
    MARGIN = 0.01
    PING_EVERY = 0.05

    def __init__(self, cache, *, mirror: bool = True):
        self.cache = cache
        self.mirror = mirror
        self._epoch_key = cache.make_key(self.EPOCH)
        self._registry_key = cache.make_key(self.REGISTRY)
        self._keys: dict[str, str] = {}
        self._channel: str | None = None
        self._down_until = 0.0
        self._closed = False
        self._reset()
        _live_stores.add(self)

    def _reset(self) -> None:
        """No connection, no mirror, no subscriber: at start, and in a forked child."""
        self._pid = os.getpid()
        self._id = secrets.token_hex(8)
        self._client = None
        self._idle: list = []
        self._lease_until = 0.0
        self._values: dict[str, tuple[int, int]] = {}
        self._values_lock = threading.Lock()
        self._changes_seen = 0
        self._subscriber: threading.Thread | None = None
        self._subscription = None
        self._start_lock = threading.Lock()
        self._stop = threading.Event()

    def close(self) -> None:
        """Stop the subscriber for good (tests; a store that is replaced; the process exits)."""
        self._closed = True
        self._stop.set()
        self._lease_until = 0.0
        subscriber, self._subscriber = self._subscriber, None
        if subscriber is not None and subscriber is not threading.current_thread():
            subscriber.join(2 * self.PING_EVERY + 1)

    # Connections ------------------------------------------------------------------------------

    def client(self):
        """This process's Redis client (on the cache's connection pool), for writes."""
        if self._client is None:
            self._client = self.cache._cache.get_client(write=True)
        return self._client

    def _new_connection(self, *, subscriber: bool = False):
        pool = self.client().connection_pool
        kwargs = dict(pool.connection_kwargs)
        if subscriber:
            # RESP2, where messages and pongs are plain replies read in order on this connection
            # (redis-py 8 defaults to RESP3 and hands those to callbacks instead).
            kwargs["protocol"] = 2
            for option in ("maint_notifications_config", "maint_notifications_pool_handler"):
                if option in kwargs:
                    kwargs[option] = None
        return pool.connection_class(**kwargs)

    def _command(self, *args):
        """One command on an idle connection of this process, and its reply."""
        return self._commands(args)[0]

    def _commands(self, *commands) -> list:
        """Commands sent together on an idle connection of this process, and their replies; a
        connection that failed is closed."""
        if self._pid != os.getpid():  # forked without the fork hook (it always runs in CPython)
            self._reset()
        try:
            connection = self._idle.pop()
        except IndexError:
            connection = self._new_connection()
        try:
            connection.send_packed_command(connection.pack_commands(commands))
            replies = [connection.read_response() for _ in commands]
        except BaseException:
            connection.disconnect()
            raise
        self._idle.append(connection)
        return replies

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= self.KEYS_REMEMBERED:
                self._keys.clear()
            key = self._keys[name] = self.cache.make_key(self.PREFIX + name)
        return key

    def _channel_name(self) -> str:
        if self._channel is None:
            # Channels are shared by every database of a Redis server: name the database too.
            db = self.client().connection_pool.connection_kwargs.get("db", 0)
            self._channel = f"{self.cache.make_key(self.CHANNEL)}@{db}"
        return self._channel

    def _unavailable(self, exc: BaseException) -> None:
        if time.monotonic() >= self._down_until:
            logger.warning("Page cache generations unavailable (%s); serving uncached pages.", exc)
        self._down_until = time.monotonic() + BACKOFF_SECONDS

    # The store --------------------------------------------------------------------------------

    def read(self, names) -> list[tuple[int, int]] | None:
        if not isinstance(names, (list, tuple)):
            names = list(names)
        if self._lease_until > time.monotonic():
            values = self._values
            try:
                return [values[n] for n in names]
            except KeyError:
                pass
        elif self.mirror and not self._closed:
            self._start_subscriber()
        if self._down_until and time.monotonic() < self._down_until:
            return None
        changes_seen = self._changes_seen
        keys = [self._key(n) for n in names]
        try:
            values = self._command("MGET", self._epoch_key, *keys)
            epoch = values[0]
            if epoch is None:
                # Redis is empty (first start, restart, flush): a new epoch, and nothing cached so
                # far can be trusted. NX: of several servers starting one, the first one wins.
                self._command("SET", self._epoch_key, secrets.randbits(62), "NX")
                return None
            epoch = int(epoch)
            found = [(epoch, 0 if v is None else int(v)) for v in values[1:]]
        except Exception as exc:  # an unreachable store means "unknown", never an error page
            self._unavailable(exc)
            return None
        if self._lease_until > time.monotonic():
            with self._values_lock:
                # Only if no change arrived meanwhile: it could be newer than what was read.
                if self._changes_seen == changes_seen:
                    if len(self._values) >= self.MIRROR_SIZE:
                        self._values.clear()
                    self._values.update(zip(names, found, strict=True))
        return found

    def probe(self, names, stamps) -> Probe:
        """See `Probe`: here, a read of the names (from the mirror while it is trusted), which is
        None when Redis cannot be reached, and so never equal to the stamps."""
        return Probe(self, self.read, tuple(names), list(stamps))

    def value(self, name: str) -> int:
        """A counter's value; 0 when unset or unreachable. From this process's mirror when it
        holds the name: a posted comment reads the word lists' and bans' versions, a page made
        again the next scheduled article's time, each once per request."""
        if self.mirror:
            found = self.read([name])
            if found is not None:
                return found[0][1]
        if self._down_until and time.monotonic() < self._down_until:
            return 0
        try:
            return int(self._command("GET", self._key(name)) or 0)
        except Exception as exc:
            self._unavailable(exc)
            return 0

    def bump(self, names) -> None:
        # Tried even while reads are backing off: a change that is not recorded leaves other
        # servers' copies of the page looking fresh once Redis answers again.
        names = list(dict.fromkeys(names))
        try:
            pipe = self.client().pipeline(transaction=False)
            for name in names:
                pipe.incr(self._key(name))  # INCR creates a missing counter at 0
            self._announce(pipe, names)
        except Exception as exc:
            self._unavailable(exc)
            logger.warning("Could not record a change in the shared cache (%s): %s", ", ".join(names), exc)

    def set(self, name: str, value: int) -> None:
        try:
            pipe = self.client().pipeline(transaction=False)
            pipe.set(self._key(name), int(value))
            self._announce(pipe, [name])
        except Exception as exc:
            self._unavailable(exc)
            logger.warning("Could not record %s in the shared cache: %s", name, exc)

    @classmethod
    def announce_cleared(cls, cache) -> None:
        """After Redis was emptied through the cache (clear()): every mirror forgets everything."""
        store = cls(cache, mirror=False)
        try:
            store._announce(store.client().pipeline(transaction=False), ["*"])
        except Exception as exc:
            logger.warning("Could not tell other processes that the shared cache was emptied: %s", exc)

    # Mirror: writers --------------------------------------------------------------------------

    def _announce(self, pipe, names) -> None:
        """Run the queued writes, then announce the change and wait until every registered
        process has dropped it from its mirror, or until any that did not can no longer trust it."""
        token = secrets.token_hex(8)
        pipe.eval(ANNOUNCE, 1, self._registry_key, self._channel_name(), "\n".join([token, *names]))
        *writes, announced = pipe.execute(raise_on_error=False)
        for reply in writes:
            if isinstance(reply, Exception):
                raise reply
        if isinstance(announced, Exception):
            # Recorded, but the mirrors were not told (scripts not allowed, say): wait until none
            # of them can still be trusting an older copy.
            logger.warning("Could not announce a change to the processes' mirrors: %s", announced)
            time.sleep(self.LEASE + self.MARGIN)
            return
        receivers, registered = announced
        # Every registered process, and as many acknowledgements as processes got the notice
        # (after a flush the registry is empty until the next pings, but subscriptions stay).
        waiting_for = {m.decode() if isinstance(m, bytes) else m for m in registered}
        if not waiting_for and not receivers:
            return
        deadline = time.monotonic() + self.LEASE + self.MARGIN
        ack = self.cache.make_key(self.ACK + token)
        confirmed = 0
        try:
            while waiting_for or confirmed < receivers:
                left = deadline - time.monotonic()
                if left < 0.001:
                    break
                # The first acknowledgement to come, then all that came with it, in one round trip.
                first, more = self._commands(("BLPOP", ack, f"{left:.3f}"), ("LPOP", ack, 100))
                if first is None:
                    break
                for member in [first[1], *(more or [])]:
                    confirmed += 1
                    waiting_for.discard(member.decode() if isinstance(member, bytes) else member)
            self._command("DEL", ack)
        except Exception:
            pass  # no confirmation: wait for the leases below
        if waiting_for or confirmed < receivers:
            logger.warning(
                "Processes did not confirm a change within %d ms (%d of %d notified, %d registered "
                "still silent); waited for their copies of the generations to expire.",
                self.LEASE * 1000,
                confirmed,
                receivers,
                len(waiting_for),
            )
            time.sleep(max(0.0, deadline - time.monotonic()))

    # Mirror: the subscriber -------------------------------------------------------------------

    def _start_subscriber(self) -> None:
        if self._subscriber is not None and self._subscriber.is_alive():
            return
        with self._start_lock:
            if self._closed or (self._subscriber is not None and self._subscriber.is_alive()):
                return
            self._stop = threading.Event()
            self._subscriber = threading.Thread(
                target=self._listen, args=(self._stop,), name="serai-generations", daemon=True
            )
            self._subscriber.start()

    def _forget(self) -> None:
        with self._values_lock:
            self._changes_seen += 1
            self._values.clear()

    def _listen(self, stop: threading.Event) -> None:
        pause = 0.05
        while not stop.is_set():
            connection = None
            try:
                connection = self._subscription = self._new_connection(subscriber=True)
                connection.send_command("SUBSCRIBE", self._channel_name())
                connection.read_response()
                self._forget()  # whatever changed while nobody listened is unknown
                pause = 0.05
                self._serve(connection, stop)
            except Exception as exc:
                if not stop.is_set():
                    logger.warning("Page cache generations: no change notices from Redis (%s).", exc)
            finally:
                self._lease_until = 0.0
                self._forget()
                if connection is not None:
                    connection.disconnect()
            # Trusting nothing now, this process need not hold up writers until it is back.
            self._unregister()
            stop.wait(pause)
            pause = min(pause * 2, BACKOFF_SECONDS)

    def _serve(self, connection, stop: threading.Event) -> None:
        pings: collections.deque[tuple[float, bool]] = collections.deque()
        next_ping = 0.0
        while not stop.is_set():
            now = time.monotonic()
            if now >= next_ping:
                if len(pings) * self.PING_EVERY > 2 * self.LEASE:
                    raise TimeoutError("Redis stopped answering pings")
                connection.send_command("PING")
                # Registered after `now`, by Redis's clock, for longer than the trust it earns.
                pings.append((now, self._register()))
                next_ping = now + self.PING_EVERY
            if not connection.can_read(timeout=max(0.0, next_ping - time.monotonic())):
                continue
            reply = connection.read_response()
            kind = reply[0] if isinstance(reply, list) else reply
            if kind in (b"pong", "pong", b"PONG", "PONG"):
                sent, registered = pings.popleft()
                # Everything announced before that ping was sent has been applied.
                self._lease_until = sent + self.LEASE if registered else 0.0
            elif kind in (b"message", "message"):
                self._apply(reply[2])

    def _register(self) -> bool:
        try:
            self._command(
                "EVAL", REGISTER, 1, self._registry_key, self._id, int((self.LEASE + self.MARGIN) * 1000)
            )
            return True
        except Exception:
            return False

    def _unregister(self) -> None:
        try:
            self._command("ZREM", self._registry_key, self._id)
        except Exception:
            pass  # the registration runs out by itself

    def _apply(self, data) -> None:
        if isinstance(data, bytes):
            data = data.decode()
        token, *names = data.split("\n")
        with self._values_lock:
            self._changes_seen += 1
            if names == ["*"]:
                self._values.clear()
            else:
                for name in names:
                    self._values.pop(name, None)
        try:
            ack = self.cache.make_key(self.ACK + token)
            self._commands(("RPUSH", ack, self._id), ("EXPIRE", ack, 60))
        except Exception:
            pass  # the writer waits for this process's lease to run out instead


_live_stores: weakref.WeakSet = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # The parent's subscriber thread does not exist here, and its connections are the parent's.
    for store_ in list(_live_stores):
        store_._reset()


def _close_at_exit() -> None:
    for store_ in list(_live_stores):
        store_.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_close_at_exit)


_store = None
_store_lock = threading.Lock()


def store():
    """The generation store this deployment uses, chosen once per process."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                from django.conf import settings
                from django.core.cache import caches

                cache = caches["default"]
                if "redis" in type(cache).__module__.lower() or "redis" in type(cache).__name__.lower():
                    _store = CacheGenerations(cache, mirror=settings.SERAI_PAGE_CACHE_MIRROR)
                else:
                    _store = MmapGenerations(Path(settings.SERAI_PAGE_CACHE_DIR) / "generations")
    return _store


def reset_store() -> None:
    """Forget the chosen store (tests switch settings)."""
    global _store
    old, _store = _store, None
    if isinstance(old, CacheGenerations):
        old.close()
