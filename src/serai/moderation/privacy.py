"""Keyed hashes of what identifies a commenter (email, reader id); addresses are hashed by
`serai.core.addresses`."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def email_hash(email: str) -> str:
    """A keyed hash of an address (the same one the comments app keeps for confirmed addresses)."""
    if not email or not email.strip():
        return ""
    key = f"{settings.SECRET_KEY}:email".encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def reader_key_hash(key: str) -> str:
    """A keyed hash of a reader's random cookie id, so stored reports carry no reusable id."""
    return hmac.new(f"{settings.SECRET_KEY}:reader".encode(), key.encode(), hashlib.sha256).hexdigest()
