"""Photos: upload validation, responsive renditions and the <picture> readers get."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from serai.newsroom import services
from serai.newsroom.images import figure_html, picture_html, validate_image_upload
from serai.newsroom.models import Photo
from serai.newsroom.rendering import render_body
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    add_photo,
    image_bytes,
    image_file,
    oriented_jpeg,
    upload,
)
from tests.newsroom.markup import find_all

pytestmark = pytest.mark.django_db


def _widths(photo, fmt):
    return [r["w"] for r in photo.renditions if r["format"] == fmt]


def _open(name):
    with default_storage.open(name) as f:
        img = Image.open(io.BytesIO(f.read()))
        img.load()
    return img


# Renditions --------------------------------------------------------------------------------


def test_jpeg_gets_webp_and_jpeg_at_every_width_up_to_its_own():
    """A 1600 px JPEG gets the four configured widths, each as WebP and JPEG, narrowest first."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(1600, 1000)))
    assert _widths(photo, "WEBP") == [480, 800, 1200, 1600]
    assert _widths(photo, "JPEG") == [480, 800, 1200, 1600]
    assert {r["format"] for r in photo.renditions} == {"WEBP", "JPEG"}


def test_widths_never_exceed_the_original():
    """No upscaling: a 1000 px photo stops at 1000 px."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(1000, 500)))
    assert _widths(photo, "JPEG") == [480, 800, 1000]
    assert max(r["w"] for r in photo.renditions) == 1000
    assert all(r["h"] == round(r["w"] / 2) for r in photo.renditions)


def test_wider_than_the_widest_rendition_stops_at_the_widest():
    """A 2400 px photo is served at most 1600 px wide."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(2400, 1200)))
    assert _widths(photo, "WEBP") == [480, 800, 1200, 1600]


def test_small_image_gets_a_single_width():
    """A 300 px photo gets one rendition at its own size (in both formats)."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(300, 200)))
    assert sorted((r["w"], r["h"], r["format"]) for r in photo.renditions) == [
        (300, 200, "JPEG"),
        (300, 200, "WEBP"),
    ]


def test_png_keeps_png_as_its_fallback():
    """A PNG (which may carry transparency) falls back to PNG, not JPEG."""
    photo = add_photo(ArticleFactory(), image=image_file("chart.png", size=(900, 600), fmt="PNG"))
    assert {r["format"] for r in photo.renditions} == {"WEBP", "PNG"}
    assert all(r["name"].endswith((".webp", ".png")) for r in photo.renditions)


def test_transparent_png_keeps_its_transparency():
    """The PNG fallback of a transparent image still has an alpha channel."""
    data = image_bytes((600, 400), "PNG", color=(0, 0, 0, 0), mode="RGBA")
    photo = add_photo(ArticleFactory(), image=upload("clear.png", data, "image/png"))
    png = next(r for r in photo.renditions if r["format"] == "PNG")
    assert "A" in _open(png["name"]).mode


def test_webp_upload_falls_back_to_jpeg():
    """A WebP upload gets a JPEG fallback for browsers without WebP."""
    data = image_bytes((800, 400), "WEBP")
    photo = add_photo(ArticleFactory(), image=upload("p.webp", data, "image/webp"))
    assert {r["format"] for r in photo.renditions} == {"WEBP", "JPEG"}


def test_rendition_files_exist_in_storage_with_the_described_size_and_format():
    """Every rendition the photo lists is a real file of that size and format."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(1000, 600)))
    assert len(photo.renditions) == 6
    for rendition in photo.renditions:
        assert default_storage.exists(rendition["name"])
        img = _open(rendition["name"])
        assert img.size == (rendition["w"], rendition["h"])
        assert img.format == rendition["format"]


def test_renditions_are_stored_on_the_photo():
    """The description is saved, so pages never open the image."""
    photo = add_photo(ArticleFactory())
    assert Photo.objects.get(pk=photo.pk).renditions == photo.renditions


def test_making_renditions_again_removes_widths_that_no_longer_apply():
    """Replacing a large image with a small one deletes the old, now stale, files."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(1600, 1000)))
    old_names = {r["name"] for r in photo.renditions}
    photo.image.file = image_file("small.jpg", size=(500, 300))
    photo.image.save()
    services.image_make_renditions(image=photo.image)
    new_names = {r["name"] for r in photo.renditions}
    assert _widths(photo, "JPEG") == [480, 500]
    for name in old_names - new_names:
        assert not default_storage.exists(name)
    for name in new_names:
        assert default_storage.exists(name)


def test_exif_orientation_is_applied():
    """A photo stored sideways with an EXIF rotation is served upright."""
    photo = add_photo(ArticleFactory(), image=oriented_jpeg(size=(400, 200), orientation=6))
    assert (photo.width, photo.height) == (400, 200)  # as stored
    assert {(r["w"], r["h"]) for r in photo.renditions} == {(200, 400)}
    for rendition in photo.renditions:
        assert _open(rendition["name"]).size == (200, 400)


def test_renditions_carry_no_exif_metadata():
    """Camera metadata (including any GPS position) is not copied into what readers get."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    data = image_bytes((600, 400), "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif()[0x010F] == "SecretCam"
    photo = add_photo(ArticleFactory(), image=upload("gps.jpg", data, "image/jpeg"))
    for rendition in photo.renditions:
        assert "SecretCam" not in str(dict(_open(rendition["name"]).getexif()))


def test_author_portrait_renditions():
    """Portraits get the small widths; removing the portrait clears them."""
    author = AuthorFactory(portrait=image_file("face.jpg", size=(400, 400)))
    services.author_make_renditions(author=author)
    assert sorted({r["w"] for r in author.portrait_renditions}) == [96, 192, 320]
    author.portrait = None
    services.author_make_renditions(author=author)
    author.refresh_from_db()
    assert author.portrait_renditions == []


# The <picture> --------------------------------------------------------------------------------


def test_picture_has_webp_source_and_sized_fallback_img():
    """The <img> has width, height (no layout shift), srcset and sizes, after a WebP source."""
    photo = add_photo(ArticleFactory(), image=image_file(size=(1200, 800)), alt_text="Dam at dusk")
    html = picture_html(photo.renditions, photo.alt_text, "100vw")
    (source,) = find_all(html, "source")
    (img,) = find_all(html, "img")
    assert source.get("type") == "image/webp"
    assert source.get("srcset").count(".webp ") == 3
    assert source.get("sizes") == img.get("sizes") == "100vw"
    assert (img.get("width"), img.get("height")) == ("1200", "800")
    assert img.get("alt") == "Dam at dusk"
    assert img.get("srcset").split(", ")[0].endswith("/480.jpg 480w")
    assert img.get("src").endswith("/800.jpg")
    assert img.get("loading") == "lazy"


def test_lead_picture_loads_eagerly():
    """The lead photo is above the fold: not lazy, high priority."""
    photo = add_photo(ArticleFactory())
    (img,) = find_all(picture_html(photo.renditions, "x", "100vw", lazy=False), "img")
    assert img.get("loading") is None
    assert img.get("fetchpriority") == "high"


def test_picture_urls_point_into_media():
    """Rendition URLs are under MEDIA_URL and served."""
    photo = add_photo(ArticleFactory())
    (img,) = find_all(picture_html(photo.renditions, "x", "100vw"), "img")
    assert img.get("src").startswith("/media/renditions/")


def test_no_renditions_no_picture():
    """A photo without renditions renders nothing rather than a broken image."""
    assert picture_html([], "x", "100vw") == ""


def test_article_page_img_has_dimensions_srcset_sizes_and_webp(client):
    """On the page, every photo is a <picture> with a WebP source and a sized <img>."""
    article = ArticleFactory()
    add_photo(article, position=1)
    add_photo(article, position=2)
    page = client.get(article.get_absolute_url()).content.decode()
    pictures = find_all(page, "picture")
    assert len(pictures) == 2
    for picture in pictures:
        types = [c.get("type") for c in picture.children if c.tag == "source"]
        (img,) = [c for c in picture.children if c.tag == "img"]
        assert types == ["image/webp"]
        for attribute in ("width", "height", "srcset", "sizes", "alt"):
            assert img.get(attribute), attribute


def test_figure_shows_caption_then_bracketed_credit():
    """The caption, then the credit in brackets, inside <figcaption>."""
    photo = add_photo(ArticleFactory(), caption="Dam at dusk.", credit="A. Person/Agency")
    (figcaption,) = find_all(figure_html(photo, "100vw"), "figcaption")
    assert " ".join(figcaption.text.split()) == "Dam at dusk. [A. Person/Agency]"


def test_sanitiser_keeps_the_picture_markup_of_body_photos():
    """The allow-list keeps what a figure needs: srcset, sizes, width, height, the source."""
    photo = add_photo(ArticleFactory())
    photo.position = 2
    lead = add_photo(ArticleFactory())
    html = render_body("Text.\n\n[photo 2]", photos=[lead, photo])
    (img,) = find_all(html, "img")
    assert {"src", "srcset", "sizes", "width", "height", "alt"} <= set(img.attrs)
    assert find_all(html, "source")[0].get("type") == "image/webp"


# Upload validation ---------------------------------------------------------------------------


def test_valid_jpeg_passes():
    """An ordinary photo is accepted."""
    validate_image_upload(image_file())


def test_file_that_is_not_an_image_is_refused():
    """A text file named .jpg is refused with a message naming the accepted types."""
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(upload("notes.jpg", b"Not a picture at all", "image/jpeg"))
    assert excinfo.value.code == "invalid_image"
    assert "image" in excinfo.value.messages[0]
    assert "JPEG" in excinfo.value.messages[0]


def test_file_too_large_is_refused_with_its_size_in_mb(settings):
    """Over the byte limit: the message gives the size and the limit in MB."""
    settings.SERAI_MAX_UPLOAD_BYTES = 1_048_576
    data = image_bytes((1200, 1200), "PNG", compress_level=0)
    assert len(data) > 1_048_576
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(upload("big.png", data, "image/png"))
    assert excinfo.value.code == "file_too_large"
    message = excinfo.value.messages[0]
    assert "MB" in message and "4.1 MB" in message and "at most 1 MB" in message


def test_too_many_pixels_is_refused(settings):
    """Over the pixel limit (decompression bombs): refused, with the image's dimensions."""
    settings.SERAI_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(image_file(size=(1200, 1000)))
    assert excinfo.value.code == "too_many_pixels"
    assert "1200 × 1000" in excinfo.value.messages[0]


def test_exactly_the_pixel_limit_is_accepted(settings):
    """The limit itself is allowed."""
    settings.SERAI_MAX_IMAGE_PIXELS = 1_200_000
    validate_image_upload(image_file(size=(1200, 1000)))


def _multi_picture_jpeg(size=(800, 600)) -> bytes:
    """A JPEG with a second image inside (Multi-Picture Format), as many phones write for HDR
    gain maps, depth maps or previews. Pillow reports it as "MPO"."""
    buf = io.BytesIO()
    main, extra = Image.new("RGB", size, (90, 120, 150)), Image.new("RGB", (160, 120))
    main.save(buf, "MPO", save_all=True, append_images=[extra])
    return buf.getvalue()


def test_phone_jpeg_with_an_embedded_second_picture_is_accepted():
    """A .jpg straight from a phone is a JPEG to editors, and gets WebP and JPEG renditions."""
    data = _multi_picture_jpeg()
    assert Image.open(io.BytesIO(data)).format == "MPO"
    validate_image_upload(upload("IMG_0001.jpg", data, "image/jpeg"))
    photo = add_photo(ArticleFactory(), image=upload("IMG_0001.jpg", data, "image/jpeg"))
    assert {r["format"] for r in photo.renditions} == {"WEBP", "JPEG"}


def test_unsupported_image_format_is_refused():
    """A real image in a format Serai does not serve (BMP) is refused by name."""
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(upload("scan.bmp", image_bytes((50, 50), "BMP"), "image/bmp"))
    assert excinfo.value.code == "invalid_format"
    assert "BMP" in excinfo.value.messages[0]


def test_truncated_jpeg_is_refused():
    """A JPEG whose data stops half way is not an image Serai can read."""
    data = image_bytes((600, 400), "JPEG")
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(upload("cut.jpg", data[: len(data) // 2], "image/jpeg"))
    assert excinfo.value.code == "invalid_image"


def test_validation_leaves_the_file_position_alone():
    """The validator reads the header and puts the file back where it was."""
    f = image_file()
    f.seek(5)
    validate_image_upload(f)
    assert f.tell() == 5
