"""Personal data in a URL, however it is dressed: as typed, lower-cased, percent-encoded, or in
base64 (plain or URL-safe, as `django.core.signing` writes its payloads) within any part of it."""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from urllib.parse import unquote

_CHUNK = re.compile(r"[A-Za-z0-9_\-+/=]{4,}")


def _decodings(url: str) -> list[str]:
    texts = [url, unquote(url)]
    for chunk in _CHUNK.findall(unquote(url)):
        for start in range(4):  # base64 read from any offset, in case the chunk starts mid-token
            piece = chunk[start:].rstrip("=")
            piece += "=" * (-len(piece) % 4)
            for decode in (base64.urlsafe_b64decode, base64.b64decode):
                try:
                    raw = decode(piece)
                except (binascii.Error, ValueError):
                    continue
                texts.append(raw.decode("utf-8", "replace"))
                try:
                    texts.append(zlib.decompress(raw).decode("utf-8", "replace"))
                except zlib.error:
                    pass
    return texts


def personal_data_in(url: str, needles: list[str]) -> list[str]:
    """The needles (emails, names) found in the URL in any of the forms above."""
    texts = [t.lower() for t in _decodings(url)]
    return [n for n in needles if any(n.lower() in t for t in texts)]
