"""Page-cache generations shared by several app servers, each process keeping a current copy.

`RedisGenerations` is the store `serai.core.generations.store()` gives when the cache is Redis.
The counters are plain Redis keys (INCR to bump, one MGET to read). Each process keeps the values
it read in memory and answers from there while Redis's server-assisted client-side caching says
they are unchanged: a listening connection of the process asks Redis to push an invalidation of
every counter that changes (`CLIENT TRACKING ON REDIRECT <itself> BCAST PREFIX <counters>`) and of
every flush, and applies them as they come. The protocol, step by step, is in
docs/architecture.md ("Cache coherence").
"""

from __future__ import annotations

import atexit
import logging
import os
import secrets
import select
import socket
import ssl
import threading
import time
import weakref
from collections import deque
from urllib.parse import unquote, urlsplit

import redis

from serai.core.cache import BACKOFF_SECONDS
from serai.core.generations import Probe

logger = logging.getLogger(__name__)


class RedisGenerations:
    """Counters in the Redis behind Django's cache, for several app servers.

    Every value read carries the store's epoch, a random number written once: if Redis restarts
    empty, the epoch changes, so counters starting again from zero never match old pages.

    With the mirror on, each process keeps the values it read in memory and answers from there
    while it is *trusted*: its listening connection is subscribed to Redis's invalidations of every
    counter, has nothing unread (a change pushed but not yet applied), and answered a PING within
    LEASE seconds. Redis writes an invalidation to the listening connections before it answers
    the writer's INCR, so a change is in the next read of every process, on every app server.
    A writer never waits for other processes. If Redis cannot be reached, reads return None
    (pages are made uncached) and further reads wait BACKOFF_SECONDS before trying again.
    """

    PREFIX = "serai:gen:"
    EPOCH = "serai:gen-epoch"
    CHANNEL = "__redis__:invalidate"
    MIRROR_SIZE = 10_000
    PING_EVERY = 0.1
    LEASE = 0.5

    def __init__(self, cache, *, mirror: bool = True):
        self.cache = cache
        self.url = cache.location
        self.client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5, socket_timeout=0.5)
        self.mirror = mirror and urlsplit(self.url).scheme in ("redis", "rediss")
        self._prefix = cache.make_key(self.PREFIX)  # what every counter's key starts with
        self._epoch_key = cache.make_key(self.EPOCH)
        self._keys: dict[str, str] = {}
        self._down_until = 0.0
        self._closed = False
        self._reset()
        _live_stores.add(self)

    def _reset(self) -> None:
        """No mirror and no listener: at start, and in a forked child."""
        self._values: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._changes_seen = 0
        self._trusted_until = 0.0
        self._socket: socket.socket | None = None
        self._poller = None  # asks the listening socket, without reading it, whether data waits
        self._applying = False
        self._listener: threading.Thread | None = None
        self._stop = threading.Event()

    def close(self) -> None:
        """Stop listening for good (tests; a store that is replaced; the process exits)."""
        self._closed = True
        self._stop.set()
        self._trusted_until = 0.0
        listener, self._listener = self._listener, None
        if listener is not None and listener is not threading.current_thread():
            listener.join(2)

    def key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= self.MIRROR_SIZE:
                self._keys.clear()
            key = self._keys[name] = self.cache.make_key(self.PREFIX + name)
        return key

    def trusted(self) -> bool:
        """True while this process's copy is known to hold every change made so far."""
        if self._trusted_until <= time.monotonic() or self._applying:
            return False
        poller = self._poller
        try:
            return poller is not None and not poller.poll(0)
        except (RuntimeError, OSError, ValueError):  # another thread asking at once; closed meanwhile
            return False

    # The store --------------------------------------------------------------------------------

    def read(self, names) -> list[tuple[int, int]] | None:
        if self.trusted():
            values = self._values
            try:
                return [values[n] for n in names]
            except KeyError:
                pass  # a name this copy has not read yet: ask Redis below, which fills it in
        elif self.mirror and not self._closed:
            self._listen_in_background()
        if self._down_until > time.monotonic():
            return None
        changes_seen = self._changes_seen
        names = list(names)
        try:
            epoch, *values = self.client.mget([self._epoch_key, *(self.key(n) for n in names)])
            if epoch is None:
                # Redis is empty (first start, restart, flush): a new epoch, and nothing cached so
                # far can be trusted. NX: of several servers starting one, the first one wins.
                self.client.set(self._epoch_key, secrets.randbits(62), nx=True)
                return None
        except redis.RedisError as exc:  # an unreachable store means "unknown", never an error page
            self._unavailable(exc)
            return None
        found = [(int(epoch), int(v or 0)) for v in values]
        if self.trusted():
            with self._lock:
                # Only if no change was applied meanwhile: it could be newer than what was read.
                if self._changes_seen == changes_seen:
                    if len(self._values) >= self.MIRROR_SIZE:
                        self._values.clear()
                    self._values.update(zip(names, found, strict=True))
        return found

    def probe(self, names, stamps) -> Probe:
        """See `Probe`: a read of the names, None (never equal) when Redis cannot be reached."""
        return Probe(self, self.read, tuple(names), list(stamps))

    def value(self, name: str) -> int:
        """A counter's value (from this process's copy when trusted); 0 when unset or unreachable."""
        found = self.read([name])
        if found is not None:
            return found[0][1]
        if self._down_until > time.monotonic():
            return 0
        try:
            return int(self.client.get(self.key(name)) or 0)
        except redis.RedisError as exc:
            self._unavailable(exc)
            return 0

    def bump(self, names) -> None:
        # Tried even while reads are backing off: a change that is not recorded leaves other
        # servers' copies of the page looking fresh once Redis answers again.
        names = list(dict.fromkeys(names))
        try:
            pipe = self.client.pipeline(transaction=False)
            for name in names:
                pipe.incr(self.key(name))  # INCR creates a missing counter at 0
            pipe.execute()
        except redis.RedisError as exc:
            self._unavailable(exc)
            logger.warning("Could not record a change in the shared cache (%s): %s", ", ".join(names), exc)

    def set(self, name: str, value: int) -> None:
        try:
            self.client.set(self.key(name), int(value))
        except redis.RedisError as exc:
            self._unavailable(exc)
            logger.warning("Could not record %s in the shared cache: %s", name, exc)

    def _unavailable(self, exc: BaseException) -> None:
        if time.monotonic() >= self._down_until:
            logger.warning("Page cache generations unavailable (%s); serving uncached pages.", exc)
        self._down_until = time.monotonic() + BACKOFF_SECONDS

    # The listener -----------------------------------------------------------------------------

    def _listen_in_background(self) -> None:
        if self._listener is not None and self._listener.is_alive():
            return
        with self._lock:
            if self._closed or (self._listener is not None and self._listener.is_alive()):
                return
            self._stop = threading.Event()
            self._listener = threading.Thread(
                target=self._listen, args=(self._stop,), name="serai-generations", daemon=True
            )
            self._listener.start()

    def _forget(self) -> None:
        with self._lock:
            self._changes_seen += 1
            self._values.clear()

    def _listen(self, stop: threading.Event) -> None:
        pause = 0.05
        while not stop.is_set():
            sock = None
            try:
                sock = resp_connect(self.url)
                (client_id,) = resp_call(sock, [b"CLIENT", b"ID"])
                resp_call(sock, [b"CLIENT", b"TRACKING", b"ON", b"REDIRECT", str(client_id).encode(),
                                 b"BCAST", b"PREFIX", self._prefix.encode()])  # fmt: skip
                resp_call(sock, [b"SUBSCRIBE", self.CHANNEL.encode()])
                self._forget()  # whatever changed while nobody listened is unknown
                poller = select.poll()
                poller.register(sock, select.POLLIN)
                self._socket, self._poller, pause = sock, poller, 0.05
                self._serve(sock, stop)
            except (OSError, redis.RedisError, ValueError) as exc:
                if not stop.is_set():
                    logger.warning("Page cache generations: no change notices from Redis (%s).", exc)
            finally:
                self._trusted_until, self._socket, self._poller = 0.0, None, None
                self._forget()
                if sock is not None:
                    sock.close()
            stop.wait(pause)
            pause = min(pause * 2, BACKOFF_SECONDS)

    def _serve(self, sock: socket.socket, stop: threading.Event) -> None:
        """Apply invalidations as they come; PING every PING_EVERY, trusted until LEASE after the
        last PING answered (everything pushed before it has been applied by then)."""
        reader, pings, next_ping = RespReader(sock), deque(), 0.0
        while not stop.is_set():
            now = time.monotonic()
            if now >= next_ping:
                if len(pings) * self.PING_EVERY > self.LEASE:
                    raise TimeoutError("Redis stopped answering pings")
                sock.sendall(resp_command([b"PING"]))
                pings.append(now)
                next_ping = now + self.PING_EVERY
            if not select.select((sock,), (), (), max(0.0, next_ping - time.monotonic()))[0]:
                continue
            self._applying = True
            try:
                for reply in reader.replies():
                    if reply[0] == b"pong":
                        self._trusted_until = pings.popleft() + self.LEASE
                    elif reply[0] == b"message":
                        self._apply(reply[2])
            finally:
                self._applying = False

    def _apply(self, keys: list[bytes] | None) -> None:
        with self._lock:
            self._changes_seen += 1
            if keys is None:  # the database was emptied
                self._values.clear()
                return
            for key in keys:
                key = key.decode()
                if not key.startswith(self._prefix):
                    self._values.clear()  # not a name this store made: forget everything
                    return
                self._values.pop(key.removeprefix(self._prefix), None)


# A Redis connection of its own for the listener (a socket it can wait on, and others can ask
# whether anything is unread), speaking the protocol's second version, where pushed messages are
# plain replies in order.


def resp_command(parts: list[bytes]) -> bytes:
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)


class RespReader:
    """Replies read from a socket: simple strings, errors, integers, bulk strings and arrays."""

    def __init__(self, sock: socket.socket):
        self.sock, self.buffer = sock, b""

    def replies(self) -> list:
        """Every reply complete after one read from the socket (which must be readable)."""
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("Redis closed the connection")
        while isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            data += self.sock.recv(65536)  # decrypted already: the socket would not say it waits
        self.buffer += data
        found, pos = [], 0
        while (parsed := self._parse(pos)) is not None:
            reply, pos = parsed
            found.append(reply)
        self.buffer = self.buffer[pos:]
        return found

    def _parse(self, pos: int):
        end = self.buffer.find(b"\r\n", pos)
        if end < 0:
            return None
        kind, line, pos = self.buffer[pos : pos + 1], self.buffer[pos + 1 : end], end + 2
        if kind == b"+":
            return line, pos
        if kind == b"-":
            raise redis.ResponseError(line.decode(errors="replace"))
        if kind == b":":
            return int(line), pos
        length = int(line)
        if kind == b"$":
            if length < 0:
                return None, pos
            if len(self.buffer) < pos + length + 2:
                return None
            return self.buffer[pos : pos + length], pos + length + 2
        if kind == b"*":
            if length < 0:
                return None, pos
            items = []
            for _ in range(length):
                parsed = self._parse(pos)
                if parsed is None:
                    return None
                item, pos = parsed
                items.append(item)
            return items, pos
        raise ValueError(f"unexpected reply from Redis: {kind!r}")


def resp_connect(url: str) -> socket.socket:
    """A connection to the Redis of `url` (redis:// or rediss://), signed in when it says so."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=0.5)
    if parts.scheme == "rediss":
        sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
    if parts.password:
        auth = [unquote(parts.username)] if parts.username else []
        resp_call(sock, [b"AUTH", *(a.encode() for a in auth), unquote(parts.password).encode()])
    return sock


def resp_call(sock: socket.socket, parts: list[bytes]) -> list:
    """Send one command and wait for its reply (before the connection starts listening)."""
    sock.sendall(resp_command(parts))
    reader = RespReader(sock)
    while True:
        replies = reader.replies()
        if replies:
            return replies[0] if isinstance(replies[0], list) else [replies[0]]


_live_stores: weakref.WeakSet = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # The parent's listener thread does not exist here, and its socket is the parent's.
    for store_ in list(_live_stores):
        store_._reset()


def _close_at_exit() -> None:
    for store_ in list(_live_stores):
        store_.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_close_at_exit)
