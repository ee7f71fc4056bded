"""Addresses are never stored: only a salted HMAC whose salt rotates, so hashes expire by
themselves.

Within one rotation period the same address gives the same hash (enough for rate limits, duplicate
votes and bans of a troublemaker's current address); across periods they cannot be linked, and
without the secret key they cannot be reversed by trying all IPv4 addresses.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings


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
    if not address:
        return ""
    key = f"{settings.SECRET_KEY}:ip:{_period(now)}".encode()
    return hmac.new(key, _normalise(address).encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    """The reader's address as seen by us, or by the trusted proxy in front of us."""
    if settings.SERAI_TRUSTED_PROXY_HEADER:
        forwarded = request.META.get(settings.SERAI_TRUSTED_PROXY_HEADER, "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def email_hash(email: str) -> str:
    """A keyed hash of an address (the same one the comments app keeps for confirmed addresses)."""
    if not email or not email.strip():
        return ""
    key = f"{settings.SECRET_KEY}:email".encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def reader_key_hash(key: str) -> str:
    """A keyed hash of a reader's random cookie id, so stored reports carry no reusable id."""
    return hmac.new(
        f"{settings.SECRET_KEY}:reader".encode(), key.encode(), hashlib.sha256
    ).hexdigest()
