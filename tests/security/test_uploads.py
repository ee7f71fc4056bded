"""Uploads through the back office: only real images of the accepted types and size, no bombs.

tests/newsroom/test_admin.py and test_images.py cover text files, the byte limit, truncated files and
the pixel limit on ordinary images; this file adds files that pretend to be images (SVG, PDF, HTML,
polyglots), names that lie about the type, decompression bombs built by hand, and how an accepted
original is served.
"""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from serai.newsroom.models import Author
from serai.newsroom.models import Image as LibraryImage
from tests.factories import AuthorFactory, SectionFactory, image_bytes, upload
from tests.newsroom.test_admin import errors_of, library_form

pytestmark = pytest.mark.django_db

ADD_IMAGE = "/admin/newsroom/image/add/"
ADD_AUTHOR = "/admin/newsroom/author/add/"


@pytest.fixture
def editor_client(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="chief", superuser=True))
    client.raise_request_exception = False  # a 500 must show as a 500, not as an exception
    return client


@pytest.fixture
def section():
    return SectionFactory(name="Economy", slug="economy")


@pytest.fixture
def author():
    return AuthorFactory(name="Dana Writer")


def _post_photo(client, section, author, name, data, content_type="image/jpeg"):
    started = time.monotonic()
    # Photos are uploaded into the image library; articles choose them from there.
    data = library_form(None, file=upload(name, data, content_type), alt_text="A photo")
    response = client.post(ADD_IMAGE, data)
    assert time.monotonic() - started < 5, "a refused upload must be refused quickly"
    return response


def _refused(response, *words):
    assert response.status_code == 200, response.status_code
    errors = errors_of(response)
    assert errors.strip(), "refused without a message"
    for word in words:
        assert word in errors, errors
    assert not LibraryImage.objects.exists()
    return errors


# Hand-made files ------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header promises width × height one-bit pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" + b"\x00" * ((width + 7) // 8)) * 8, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def gif_bomb(width: int = 65535, height: int = 65535) -> bytes:
    """A tiny GIF whose screen and only frame claim 65535 × 65535 pixels."""
    small = io.BytesIO()
    Image.new("P", (4, 4)).save(small, "GIF")
    data = bytearray(small.getvalue())
    data[6:10] = struct.pack("<HH", width, height)  # logical screen
    frame = data.index(b",")  # image descriptor
    data[frame + 5 : frame + 9] = struct.pack("<HH", width, height)
    return bytes(data)


def jpeg_bomb(width: int = 65000, height: int = 65000) -> bytes:
    """A small JPEG whose frame header (SOF0) is rewritten to claim 65000 × 65000 pixels."""
    data = bytearray(image_bytes((16, 16), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def test_the_bombs_are_cheap_to_make_and_claim_huge_sizes():
    for data, size in [
        (png_bomb(30000, 30000), (30000, 30000)),
        (gif_bomb(), (65535, 65535)),
        (jpeg_bomb(), (65000, 65000)),
    ]:
        assert len(data) < 2000
        Image.MAX_IMAGE_PIXELS, limit = None, Image.MAX_IMAGE_PIXELS
        try:
            assert Image.open(io.BytesIO(data)).size == size
        finally:
            Image.MAX_IMAGE_PIXELS = limit


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
# Valid JavaScript that starts like a GIF: `GIF89a` is a variable, the size bytes a comment.
GIF_JS = b"GIF89a/*\x01\x00\x01\x00\x00\xff\x00*/=1;alert(1);//" + b"\x00" * 16 + b";"


@pytest.mark.parametrize(
    "name, data, content_type",
    [
        ("drawing.svg", SVG, "image/svg+xml"),
        ("drawing.png", SVG, "image/png"),
        ("scan.pdf", PDF, "application/pdf"),
        ("scan.jpg", PDF, "image/jpeg"),
        ("notes.txt", b"Just words, no picture.", "text/plain"),
        ("page.jpg", HTML, "image/jpeg"),
        ("page.html", HTML, "text/html"),
        ("polyglot.gif", GIF_JS, "image/gif"),
        ("empty.jpg", b"", "image/jpeg"),
    ],
)
def test_files_that_are_not_images_are_refused(editor_client, section, author, name, data, content_type):
    response = _post_photo(editor_client, section, author, name, data, content_type)
    errors = _refused(response)
    assert "image" in errors.lower() or "empty" in errors.lower() or "extension" in errors.lower(), errors


def test_a_real_image_with_a_page_extension_is_refused(editor_client, section, author):
    """Served as text/html it would be a page on our site: the extension must be an image's."""
    errors = _refused(_post_photo(editor_client, section, author, "photo.html", image_bytes((60, 40), "PNG")))
    assert "extension" in errors


def test_a_png_named_jpg_is_a_real_image_and_is_accepted(editor_client, section, author):
    response = _post_photo(editor_client, section, author, "photo.jpg", image_bytes((900, 600), "PNG"))
    assert response.status_code == 302, errors_of(response)
    photo = LibraryImage.objects.get()
    assert {r["format"] for r in photo.renditions} == {"WEBP", "PNG"}


@pytest.mark.parametrize(
    "name, data",
    [
        ("bomb.png", png_bomb(30000, 30000)),
        ("bomb.png", png_bomb(100_000, 100_000)),
        ("bomb.gif", gif_bomb()),
        ("bomb.jpg", jpeg_bomb()),
        ("wide.png", png_bomb(200_000, 300)),
    ],
    ids=["png-30000", "png-100000", "gif-65535", "jpeg-65000", "png-60-megapixels"],
)
def test_decompression_bombs_are_refused_without_a_server_error(editor_client, section, author, name, data):
    response = _post_photo(editor_client, section, author, name, data)
    errors = _refused(response)
    assert "pixels" in errors or "image" in errors, errors


def test_a_bomb_gets_a_message_about_the_image(editor_client, section, author):
    """Pillow will not even read the size of the largest bombs: the form calls them invalid images.
    Smaller ones (under Pillow's own limit, over ours) are refused with their size and ours."""
    errors = _refused(_post_photo(editor_client, section, author, "bomb.png", png_bomb(30000, 30000)))
    assert "Upload a valid image" in errors
    LibraryImage.objects.all().delete()
    errors = _refused(_post_photo(editor_client, section, author, "wide.png", png_bomb(200_000, 300)))
    assert "200000 × 300 pixels" in errors and "40 megapixels" in errors


def test_a_bomb_as_an_authors_portrait_is_refused(editor_client):
    response = editor_client.post(
        ADD_AUTHOR,
        {"name": "Bomb", "slug": "bomb", "bio": "", "portrait": upload("me.png", png_bomb(30000, 30000))},
    )
    assert response.status_code == 200
    assert errors_of(response).strip()
    assert not Author.objects.filter(slug="bomb").exists()


def test_the_byte_limit_is_exact(editor_client, section, author, settings):
    settings.SERAI_MAX_UPLOAD_BYTES = 200_000
    png = image_bytes((200, 200), "PNG")
    at_limit = png + b"\x00" * (200_000 - len(png))  # Pillow ignores what follows the image
    over = at_limit + b"\x00"
    errors = _refused(_post_photo(editor_client, section, author, "over.png", over, "image/png"))
    assert "MB" in errors
    response = _post_photo(editor_client, section, author, "at-limit.png", at_limit, "image/png")
    assert response.status_code == 302, errors_of(response)


def test_an_accepted_original_is_never_served_as_anything_but_an_image(editor_client, section, author):
    """A real GIF with script after its end is still a GIF: it is kept, but only ever served with
    its image type, nosniff and a sandboxing policy, and readers' pages use re-encoded renditions."""
    import importlib

    from django.urls import clear_url_caches

    import serai.urls

    importlib.reload(serai.urls)
    clear_url_caches()
    gif = io.BytesIO()
    Image.new("P", (64, 64)).save(gif, "GIF")
    data = gif.getvalue() + b"<script>alert(1)</script>"
    response = _post_photo(editor_client, section, author, "trick.gif", data, "image/gif")
    assert response.status_code == 302, errors_of(response)
    photo = LibraryImage.objects.get()
    served = editor_client.get("/media/" + photo.file.name)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/gif"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert "default-src 'none'" in served["Content-Security-Policy"]
    for rendition in photo.renditions:
        with default_storage.open(rendition["name"]) as f:
            assert b"<script" not in f.read()
    clear_url_caches()
