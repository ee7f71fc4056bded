"""Photo uploads: validation, responsive renditions, and the <figure> readers see.

Renditions are made once, when a photo is saved: several widths, each as WebP and in the
original's format (JPEG for anything that is not PNG). They are stored as plain files and
described in a small JSON list on the photo, so pages never touch Pillow.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# MPO is how Pillow names the JPEGs many phones write (a second picture embedded for depth or HDR).
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# Images that carry transparency keep it (PNG); everything else becomes JPEG.
FALLBACK_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "JPEG", "GIF": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Shapes cut around each library image's focal point, each as (width / height, widths): teasers
# (3:2) and square thumbnails, and the three shapes search engines and share cards ask for (16:9,
# 4:3, 1:1), 1200 pixels wide where the original allows (serai.newsroom.structured_data).
CROPS = {
    "3x2": (3 / 2, [480, 800]),
    "1x1": (1.0, [480, 800, 1200]),
    "16x9": (16 / 9, [1200]),
    "4x3": (4 / 3, [1200]),
}


def validate_image_upload(file) -> None:
    """Refuse files that are too big, not images, of an unsupported type, or too many pixels.

    Runs before anything is written, so a refused upload leaves nothing behind. A file already
    stored was checked when it was uploaded: saving its record again does not read it again (its
    storage file is closed by then, and reading it would cost a decode on every save).
    """
    if _is_stored(file):
        return
    _check_file_size(getattr(file, "size", None))
    fmt, width, height = _read_image(file)
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF.")
            % {"format": fmt or _("This kind of")},
            code="invalid_format",
        )
    _check_pixels(width, height)


def _check_file_size(size: int | None) -> None:
    limit = settings.SERAI_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _(
                "This file is %(size).1f MB; photos may be at most %(limit).0f MB. "
                "Export a smaller JPEG or WebP and upload that instead."
            )
            % {"size": size / 1_048_576, "limit": limit / 1_048_576},
            code="file_too_large",
        )


def _read_image(file) -> tuple[str | None, int, int]:
    """The image's format and size, read from the start of the file, which is then left where it
    was. An image Serai accepts is decoded in full, so a truncated or corrupt file is refused here,
    not when renditions are made after the form was accepted."""
    try:
        position = file.tell()
        file.seek(0)
        with Image.open(file) as img:
            fmt = img.format
            width, height = img.size
            if fmt in ALLOWED_FORMATS and width * height <= settings.SERAI_MAX_IMAGE_PIXELS:
                img.load()
        file.seek(position)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image Serai can read, or it is damaged. Upload a JPEG, PNG, WebP or GIF."),
            code="invalid_image",
        ) from None
    return fmt, width, height


def _check_pixels(width: int, height: int) -> None:
    if width * height > settings.SERAI_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "This image is %(w)d × %(h)d pixels, more than Serai accepts. "
                "Resize it to at most %(mp)s megapixels and upload it again."
            )
            % {
                "w": width,
                "h": height,
                "mp": f"{settings.SERAI_MAX_IMAGE_PIXELS / 1_000_000:.1f}".removesuffix(".0"),
            },
            code="too_many_pixels",
        )


def _is_stored(file) -> bool:
    """True for a model's file that is already in storage, not a fresh upload or new content."""
    if not isinstance(file, FieldFile) or not file.name or not file.storage.exists(file.name):
        return False
    inner = file.file
    fresh = isinstance(inner, UploadedFile)
    if not fresh:
        inner.close()
    return not fresh


def _open_upright(source) -> Image.Image:
    source.open("rb")
    try:
        source.seek(0)
        with Image.open(source) as img:
            img.load()
            fmt = img.format
            upright = ImageOps.exif_transpose(img)
    finally:
        source.close()
    upright.format_hint = fmt  # type: ignore[attr-defined]
    return upright


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "WEBP":
        if img.mode not in ("RGB", "RGBA"):
            img = img.convert("RGBA" if "A" in img.mode or img.mode == "P" else "RGB")
        img.save(out, "WEBP", quality=80, method=4)
    else:
        if img.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            img = img.convert("RGBA")
        img.save(out, "PNG", optimize=True)
    return out.getvalue()


def focal_crop_box(width: int, height: int, ratio: float, fx: float, fy: float) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (width / height) inside the image, centred on the focal point
    (fx, fy in per cent) as far as the edges allow, so the subject stays in every crop."""
    crop_w, crop_h = (
        (width, round(width / ratio)) if width / height < ratio else (round(height * ratio), height)
    )
    crop_w, crop_h = max(1, min(crop_w, width)), max(1, min(crop_h, height))
    left = min(max(round(width * fx / 100 - crop_w / 2), 0), width - crop_w)
    top = min(max(round(height * fy / 100 - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def make_renditions(
    source,
    prefix: str,
    widths: Iterable[int] | None = None,
    *,
    crop: tuple[str, float, float, float] | None = None,
) -> list[dict]:
    """Write renditions of an image file under `prefix` and describe them.

    Returns a list of {"w", "h", "format", "name"} dicts, narrowest first. Widths wider than the
    original are skipped (no upscaling); an original narrower than every width gets one rendition
    at its own size. Metadata such as EXIF GPS tags is not copied into renditions.
    `crop` = (name, ratio, fx, fy) first cuts the image to `ratio` around the focal point; the
    renditions then carry "crop": name.
    """
    img = _open_upright(source)
    if crop is not None:
        fmt = img.format_hint  # type: ignore[attr-defined]
        img = img.crop(focal_crop_box(img.width, img.height, crop[1], crop[2], crop[3]))
        img.format_hint = fmt  # type: ignore[attr-defined]
        prefix = f"{prefix}/{crop[0]}"
    fallback = FALLBACK_FORMAT.get(img.format_hint, "JPEG")  # type: ignore[attr-defined]
    widths = sorted(set(widths or settings.SERAI_RENDITION_WIDTHS))
    usable = [w for w in widths if w < img.width] + [min(img.width, widths[-1])]
    renditions = []
    for width in sorted(set(usable)):
        height = max(1, round(img.height * width / img.width))
        resized = img if width == img.width else img.resize((width, height), Image.LANCZOS)
        for fmt in ("WEBP", fallback):
            name = f"{prefix}/{width}.{EXTENSIONS[fmt]}"
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(_encode(resized, fmt)))
            rendition = {"w": width, "h": height, "format": fmt, "name": saved}
            renditions.append({**rendition, "crop": crop[0]} if crop else rendition)
    return renditions


def delete_renditions(renditions: list[dict]) -> None:
    for r in renditions:
        default_storage.delete(r["name"])


def _url(name: str) -> str:
    return settings.MEDIA_URL + name


def picture_html(
    renditions: list[dict], alt: str, sizes: str, *, lazy: bool = True, crop: str | None = None
) -> str:
    """A <picture> with a WebP srcset and a fallback <img>, sized so the page does not shift.
    With `crop` (e.g. "3x2"), the renditions cut around the focal point to that shape."""
    renditions = [r for r in renditions if r.get("crop") == crop]
    if not renditions:
        return ""
    webp = [r for r in renditions if r["format"] == "WEBP"]
    fallback = [r for r in renditions if r["format"] != "WEBP"] or webp
    largest = fallback[-1]
    default = next((r for r in fallback if r["w"] >= 800), largest)
    sources = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">',
            ", ".join(f"{_url(r['name'])} {r['w']}w" for r in webp),
            sizes,
        )
        if webp and fallback is not webp
        else ""
    )
    img = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}>',
        _url(default["name"]),
        ", ".join(f"{_url(r['name'])} {r['w']}w" for r in fallback),
        sizes,
        largest["w"],
        largest["h"],
        alt,
        mark_safe(' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high"'),
    )
    return format_html("<picture>{}{}</picture>", sources, img)


def figure_html(photo, sizes: str, *, lazy: bool = True, css_class: str = "photo") -> str:
    """A photo as readers see it: the picture, then its caption and its credit in brackets."""
    caption_parts = []
    if photo.caption:
        caption_parts.append(format_html('<span class="caption">{}</span>', photo.caption))
    if photo.credit:
        caption_parts.append(format_html('<span class="credit">[{}]</span>', photo.credit))
    figcaption = (
        format_html("<figcaption>{}</figcaption>", format_html_join(" ", "{}", ((p,) for p in caption_parts)))
        if caption_parts
        else ""
    )
    return format_html(
        '<figure class="{}">{}{}</figure>',
        css_class,
        picture_html(photo.renditions, photo.alt_text, sizes, lazy=lazy),
        figcaption,
    )
