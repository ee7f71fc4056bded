"""Compressed responses for readers whose browsers ask for them (Accept-Encoding).

An article page is about 40 KB of HTML and 6–8 KB compressed: on a slow mobile connection that is
the difference a reader notices. Two places compress:

- the page cache (`serai.core.pagecache`) keeps, beside each stored page, its brotli and gzip
  copies, made the first time a reader asks for them and kept until the page changes: a cache hit
  costs no compression;
- `CompressionMiddleware` compresses what Django makes (cache misses, pages for staff and for a
  commenter who sees their own comment) as it goes out, with fast gzip settings and a random
  number of padding bytes in the gzip header, so the length of a page with a secret in it tells
  an eavesdropper less (as Django's GZipMiddleware does against BREACH).

A request without Accept-Encoding gets the page as before, without `Vary: Accept-Encoding`. A
request that names codings gets `Vary: Accept-Encoding` on every answer that could have been
compressed (a compressible type, 512 bytes or more, not streamed), compressed or not, so a shared
cache keeps the copies apart; other answers are the same whatever the reader accepts. A
compressed answer's ETag is weak (W/"…"), and conditional requests compare ETags weakly, as RFC
9110 asks. nginx in the documented configuration keeps two copies of each page, asking Serai for
each as `Accept-Encoding: gzip` or as nothing (see docs/deploy.md).
"""

from __future__ import annotations

import gzip
import re
import secrets

import brotli
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

# What we can make, best first when a reader accepts several equally.
CODINGS = ("br", "gzip")
ALIASES = {"x-gzip": "gzip"}

# Below this many bytes a compressed answer saves less than its headers and the work cost.
MIN_BYTES = 512

COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/css",
        "text/javascript",
        "text/xml",
        "application/javascript",
        "application/json",
        "application/xml",
        "application/atom+xml",
        "application/rss+xml",
        "application/manifest+json",
        "image/svg+xml",
    }
)

# For pages kept in the page cache, made once per page and process: smaller is worth the time
# (brotli 5: about 0.6 ms and 6.4 KB for a 40 KB article page; gzip 6: 0.7 ms and 7.1 KB).
STORED_BROTLI_QUALITY = 5
STORED_GZIP_LEVEL = 6
# For answers made per request: gzip at level 1 costs a fifth of level 6 for 12% more bytes.
PER_REQUEST_GZIP_LEVEL = 1
PER_REQUEST_BROTLI_QUALITY = 4
MAX_PADDING = 100

_choices: dict[str, tuple[str, ...]] = {}
_MAX_REMEMBERED = 512


# RFC 9110, 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def _weight(parameters: list[str]) -> float | None:
    """The q-value among a coding's parameters: 1 when absent, None when malformed (then the
    coding is ignored, neither accepted nor refused)."""
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if QVALUE.fullmatch(value) else None
    return 1.0


def _choose(header: str) -> tuple[str, ...]:
    weights: dict[str, float] = {}
    for item in header.split(","):
        coding, *parameters = item.split(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        weight = _weight(parameters)
        if weight is None:
            continue  # a malformed weight says nothing we can rely on
        coding = ALIASES.get(coding, coding)
        weights[coding] = max(weight, weights.get(coding, 0.0))
    weight = {coding: weights.get(coding, weights.get("*", 0.0)) for coding in CODINGS}
    ranked = sorted(CODINGS, key=lambda coding: -weight[coding])  # stable: ties keep our order
    return tuple(coding for coding in ranked if weight[coding] > 0)


def acceptable(header: str | None) -> tuple[str, ...]:
    """The codings we can make that this Accept-Encoding value accepts, the reader's favourite
    first (brotli before gzip when they weigh the same). Codings weighted q=0 are refused; "*"
    stands for every coding not named."""
    if not header:
        return ()
    choice = _choices.get(header)
    if choice is None:
        choice = _choose(header)
        if len(_choices) < _MAX_REMEMBERED:
            _choices[header] = choice
    return choice


def preferred(header: str | None) -> str | None:
    """The coding to answer with ("br", "gzip"), or None for the page as it is."""
    codings = acceptable(header)
    return codings[0] if codings else None


def compressible(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";", 1)[0].strip().lower() in COMPRESSIBLE_TYPES


def compress_stored(body: bytes, coding: str) -> bytes:
    """`body` in `coding`, as well as is worth once per stored page."""
    if coding == "br":
        return brotli.compress(body, quality=STORED_BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=STORED_GZIP_LEVEL, mtime=0)


def _padding() -> bytes:
    length = 1 + secrets.randbelow(MAX_PADDING)
    return bytes(97 + secrets.randbelow(26) for _ in range(length)) + b"\x00"


def compress_response(body: bytes, coding: str) -> bytes:
    """`body` in `coding`, quickly, for one answer; gzip carries a random-length file name in its
    header, so two answers with the same text have different lengths."""
    if coding == "br":
        return brotli.compress(body, quality=PER_REQUEST_BROTLI_QUALITY)
    data = gzip.compress(body, compresslevel=PER_REQUEST_GZIP_LEVEL, mtime=0)
    header = bytearray(data[:10])
    header[3] |= gzip.FNAME
    return bytes(header) + _padding() + data[10:]


def weak(etag: str) -> str:
    return etag if etag.startswith("W/") else "W/" + etag


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110, 13.1.2): W/"x" and "x" name the same page."""
    tags = parse_etags(if_none_match)
    strong = etag.removeprefix("W/")
    return "*" in tags or any(tag.removeprefix("W/") == strong for tag in tags)


_enabled: bool | None = None  # settings.SERAI_COMPRESSION, read once (again when a test changes it)


def enabled() -> bool:
    global _enabled
    if _enabled is None:
        _enabled = bool(settings.SERAI_COMPRESSION)
    return _enabled


@receiver(setting_changed)
def _forget_enabled(setting, **kwargs) -> None:
    global _enabled
    if setting == "SERAI_COMPRESSION":
        _enabled = None


class CompressionMiddleware:
    """Outermost: compresses what Django made, after the page cache has stored it as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = request.META.get("HTTP_ACCEPT_ENCODING")
        if (
            not header
            or not enabled()
            or response.streaming
            or response.has_header("Content-Encoding")
            or not compressible(response.get("Content-Type"))
            or len(response.content) < MIN_BYTES
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        codings = acceptable(header)
        if not codings:
            return response
        # gzip whenever accepted: it is faster at this level, and only it carries the padding.
        coding = "gzip" if "gzip" in codings else codings[0]
        body = compress_response(response.content, coding)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = coding
        if response.has_header("ETag"):
            response["ETag"] = weak(response["ETag"])
        return response
