"""Compressed pages for readers who ask: negotiated by Accept-Encoding, kept beside cached pages."""

import gzip

import brotli
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from serai.core import compression, pagecache
from tests.core.test_pagecache import get, published_comment
from tests.factories import ArticleFactory
from tests.security.payloads import blns_lines

BROWSER = "gzip, deflate, br, zstd"  # what Chromium and Firefox send


def decoded(response) -> bytes:
    coding = response.headers.get("Content-Encoding")
    if coding == "br":
        return brotli.decompress(response.body)
    if coding == "gzip":
        return gzip.decompress(response.body)
    assert coding is None
    return response.body


def vary(response) -> list[str]:
    return [v.strip().lower() for v in response.headers.get("Vary", "").split(",") if v.strip()]


# Negotiation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        (BROWSER, "br"),
        ("gzip, deflate", "gzip"),
        ("GZIP", "gzip"),
        ("x-gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0", None),
        ("gzip;q=0.5, br;q=0.4", "gzip"),
        ("br;q=0.2, gzip;q=0.8", "gzip"),
        ("gzip;q=1.0, br;q=1.0", "br"),
        ("*", "br"),
        ("*;q=0", None),
        ("br;q=0, *", "gzip"),
        ("identity", None),
        ("deflate", None),
        ("gzip;q=2", None),
        ("gzip;q=abc", None),
        ("gzip;q=", None),
        ("gzip;q=-1", None),
        ("gzip;q=1e-9", None),
        ("gzip;q=.5", None),
        ("gzip;q=0.5000", None),
        ("gzip;q=0;level=1", None),
        ("gzip;q=0.001", "gzip"),
        ("gzip;q=1.000", "gzip"),
        ("gzip; Q=0.3", "gzip"),
        (" , ;;, =,", None),
        ("", None),
        (None, None),
    ],
)
def test_the_coding_follows_the_readers_weights(header, coding):
    assert compression.preferred(header) == coding
    if header:  # what the page cache's hit path reads, remembered the same
        assert (compression._choices[header] or ("",))[0] == (coding or "")


@pytest.mark.parametrize(
    ("header", "codings"),
    [(BROWSER, ("br", "gzip")), ("br;q=0.5, gzip;q=0.8", ("gzip", "br")), ("br", ("br",)), ("*;q=0", ())],
)
def test_every_acceptable_coding_is_known_best_first(header, codings):
    assert compression.acceptable(header) == codings


def test_any_accept_encoding_text_is_answered_without_an_error():
    for line in blns_lines() + ["\x00", "q=0;q=1", "br;q=" + "9" * 5000, ";" * 10000]:
        assert compression.preferred(line) in (None, "br", "gzip")


def test_remembered_choices_are_bounded():
    for n in range(2 * compression._MAX_REMEMBERED):
        compression.preferred(f"gzip;q=0.{n}")
        assert compression.preferred(f"br, x-coding-{n}") == "br"
    assert len(compression._choices) <= compression._MAX_REMEMBERED


@pytest.mark.parametrize(
    ("header", "etag", "matches"),
    [
        ('"abc"', '"abc"', True),
        ('W/"abc"', '"abc"', True),
        ('"abc"', 'W/"abc"', True),
        ('"x", W/"abc"', '"abc"', True),
        ("*", '"abc"', True),
        ('"abd"', '"abc"', False),
        ("", '"abc"', False),
    ],
)
def test_etags_compare_weakly(header, etag, matches):
    assert compression.etag_matches(header, etag) is matches


# Cached pages --------------------------------------------------------------------------------

needs_db = pytest.mark.django_db(transaction=True)


@needs_db
@pytest.mark.parametrize(("accept", "coding"), [(BROWSER, "br"), ("gzip", "gzip")])
def test_a_cached_page_is_served_compressed_and_reads_the_same(accept, coding):
    article = ArticleFactory()
    plain = get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        packed = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=accept)
    assert len(queries) == 0  # a hit, compressed
    assert packed.headers["Content-Encoding"] == coding
    assert decoded(packed) == plain.body
    assert int(packed.headers["Content-Length"]) == len(packed.body) < len(plain.body) / 2
    assert "accept-encoding" in vary(packed)
    assert packed.headers["ETag"] == "W/" + plain.headers["ETag"]
    assert packed.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]
    assert packed.headers["Cache-Control"] == plain.headers["Cache-Control"]


@needs_db
def test_without_accept_encoding_a_page_is_as_it_was():
    article = ArticleFactory()
    get(article.get_absolute_url())
    page = get(article.get_absolute_url())
    assert "Content-Encoding" not in page.headers
    assert "Vary" not in page.headers  # a proxy that asks this way keeps one copy
    assert page.headers["Content-Length"] == str(len(page.body))


@needs_db
def test_a_reader_refusing_every_coding_gets_the_page_with_vary():
    article = ArticleFactory()
    plain = get(article.get_absolute_url())
    for _ in range(2):  # the copy made, then the copy kept
        page = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="identity")
        assert "Content-Encoding" not in page.headers
        assert page.body == plain.body
        assert "accept-encoding" in vary(page)
        assert page.headers["ETag"] == plain.headers["ETag"]


@needs_db
def test_the_compressed_copy_is_made_once_per_page_and_coding(monkeypatch):
    article = ArticleFactory()
    get(article.get_absolute_url())
    made = []
    real = compression.compress_stored
    monkeypatch.setattr(
        compression, "compress_stored", lambda body, coding: made.append(coding) or real(body, coding)
    )
    for _ in range(3):
        get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
        get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert made == ["br", "gzip"]


@needs_db
def test_a_new_comment_shows_in_the_compressed_page_at_once():
    article = ArticleFactory()
    get(article.get_absolute_url())
    before = decoded(get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER))
    assert b"Newly said" not in before
    published_comment(article, "Newly said")
    get(article.get_absolute_url())  # made again and stored
    after = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
    assert b"Newly said" in decoded(after)


@needs_db
@pytest.mark.parametrize("sent", ["plain", "weak", "list"])
def test_conditional_requests_match_either_copy(sent):
    article = ArticleFactory()
    plain = get(article.get_absolute_url())
    packed = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
    tag = {"plain": plain.headers["ETag"], "weak": packed.headers["ETag"]}.get(
        sent, f'"old", {packed.headers["ETag"]}'
    )
    again = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER, HTTP_IF_NONE_MATCH=tag)
    assert again.code == 304
    assert again.body == b""
    assert again.headers["ETag"] == packed.headers["ETag"]
    assert "accept-encoding" in vary(again)
    stale = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER, HTTP_IF_NONE_MATCH='W/"old"')
    assert stale.code == 200


@needs_db
def test_head_gives_the_compressed_length_without_a_body():
    article = ArticleFactory()
    get(article.get_absolute_url())
    packed = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    head = get(article.get_absolute_url(), REQUEST_METHOD="HEAD", HTTP_ACCEPT_ENCODING="gzip")
    assert head.body == b""
    assert head.headers["Content-Encoding"] == "gzip"
    assert head.headers["Content-Length"] == packed.headers["Content-Length"]


@needs_db
@override_settings(SERAI_COMPRESSION=False)
def test_compression_can_be_left_to_a_proxy():
    article = ArticleFactory()
    get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
    page = get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
    assert "Content-Encoding" not in page.headers
    assert "Vary" not in page.headers


# What Django makes (misses, personal pages) --------------------------------------------------


@needs_db
def test_a_miss_is_compressed_and_the_cache_keeps_the_page_as_it_is(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert int(response["Content-Length"]) == len(response.content)
    assert "accept-encoding" in [v.strip().lower() for v in response["Vary"].split(",")]
    assert response["ETag"].startswith('W/"')
    text = gzip.decompress(response.content)
    assert article.headline.encode() in text
    stored = pagecache.pages().get(article.get_absolute_url())
    assert stored is not None and stored.body == text
    assert not any(name.lower() == "content-encoding" for name, _ in stored.headers)


@needs_db
def test_personal_pages_are_compressed_with_a_varying_length(admin_client):
    article = ArticleFactory()
    lengths, texts = set(), set()
    for _ in range(6):
        response = admin_client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=BROWSER)
        assert response["Content-Encoding"] == "gzip"
        assert "private" in response["Cache-Control"]
        assert response.content[3] & gzip.FNAME  # the padding sits in the header's name field
        lengths.add(len(response.content))
        texts.add(gzip.decompress(response.content).count(b"<"))
    assert len(lengths) > 1  # the padding: a page's length does not give its text away
    assert len(texts) == 1


@needs_db
def test_small_and_binary_answers_are_left_alone(client):
    robots = client.get("/robots.txt", HTTP_ACCEPT_ENCODING="gzip")
    assert robots.status_code == 200
    if len(robots.content) < compression.MIN_BYTES:
        assert not robots.has_header("Content-Encoding")
    assert not compression.compressible("image/jpeg")
    assert not compression.compressible("image/webp")
    assert compression.compressible("text/html; charset=utf-8")
    assert not compression.compressible(None)


@needs_db
def test_without_accept_encoding_django_adds_nothing(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" not in response.get("Vary", "").lower()
