"""A reader's address: which one to believe, and the only form in which it is ever kept.

Addresses are never stored: only a salted HMAC whose salt rotates, so hashes expire by
themselves. Within one rotation period the same address gives the same hash (enough for rate
limits, duplicate votes and bans of a troublemaker's current address); across periods they cannot
be linked, and without the secret key they cannot be reversed by trying all IPv4 addresses.

Behind reverse proxies the socket's address is the last proxy's. Each proxy appends the address it
was connected from to `X-Forwarded-For`, so the chain reads, left to right, whatever the reader
sent, then one address per proxy hop, then the socket's. Only the hops our own proxies added can be
believed: `SERAI_TRUSTED_PROXIES` says which ones, as a count of proxies in front of the app
server, or as a list of the proxies' addresses and networks. The reader's address is the one the
outermost trusted proxy was connected from; anything further left was written by the reader.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def _period(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // settings.SERAI_IP_HASH_ROTATION_SECONDS)


def _normalise(address: str) -> str:
    """IPv6 addresses are reduced to their /64: one home or phone gets one hash, not millions."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return "invalid"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def ip_hash(address: str | None, *, now: float | None = None) -> str:
    """The keyed, rotating hash of an address ("" for none): all that is ever kept of it."""
    if not address:
        return ""
    key = f"{settings.SECRET_KEY}:ip:{_period(now)}".encode()
    return hmac.new(key, _normalise(address).encode(), hashlib.sha256).hexdigest()


def trusted_proxies(value) -> int | list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """`SERAI_TRUSTED_PROXIES` read: a count of proxies, or their networks (an address is a
    network of one). Empty or 0: no proxy, the socket's address is the reader's."""
    if isinstance(value, int):
        return max(0, value)
    items = [item.strip() for item in (value.split(",") if isinstance(value, str) else value)]
    items = [item for item in items if item]
    if len(items) == 1 and items[0].isascii() and items[0].isdigit():
        return int(items[0])
    try:
        return [ipaddress.ip_network(item, strict=False) for item in items]
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"SERAI_TRUSTED_PROXIES must be a number of proxies or a comma-separated list of their "
            f"addresses or networks (such as 10.0.0.2,10.0.1.0/24); {exc}."
        ) from None


_parsed = functools.lru_cache(maxsize=8)(trusted_proxies)  # the setting, read once per value


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The reader's address: the socket's, or the one the outermost trusted proxy saw."""
    remote = request.META.get("REMOTE_ADDR", "")
    configured = settings.SERAI_TRUSTED_PROXIES
    proxies = _parsed(configured) if isinstance(configured, str) else trusted_proxies(configured)
    if not proxies:
        return remote
    forwarded = request.META.get(FORWARDED_FOR, "")
    chain = [hop.strip() for hop in forwarded.split(",") if hop.strip()] + [remote]
    if isinstance(proxies, int):
        # The last `proxies` hops are our proxies; the one before them is the reader.
        return chain[max(0, len(chain) - 1 - proxies)]
    # From the socket leftwards, past every hop that is one of our proxies.
    for hop in reversed(chain):
        if not _is_trusted(hop, proxies):
            return hop
    return chain[0]
