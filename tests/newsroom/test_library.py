"""The image library: several uploads at once, described once, found by search, chosen for
articles; bad files and bad focal points are refused with a message; photos of articles made
before the library moved into it without loss."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from serai.newsroom.models import Image as LibraryImage
from tests.factories import ArticleFactory, add_library_image, add_photo, image_bytes, image_file, upload
from tests.newsroom.markup import find_all
from tests.newsroom.test_admin import LIBRARY, errors_of, library_form, messages_of

pytestmark = pytest.mark.django_db

UPLOAD = f"{LIBRARY}upload/"


def test_several_photos_upload_at_once(editor_client):
    """Three files in one upload become three library images with renditions, credited alike,
    and the editor is sent to the images that still need alt text."""
    files = [image_file(f"p{i}.jpg", size=(900 + i, 600)) for i in range(3)]
    response = editor_client.post(UPLOAD, {"files": files, "credit": "Dana Example/Wire"})
    assert response.status_code == 302
    assert "described=no" in response["Location"]
    images = list(LibraryImage.objects.order_by("pk"))
    assert [im.width for im in images] == [900, 901, 902]
    assert all(im.credit == "Dana Example/Wire" and im.renditions for im in images)
    listing = editor_client.get(response["Location"]).content.decode()
    assert listing.count("Needs alt text") >= 3


def test_a_bad_file_among_good_ones_is_named_and_the_rest_are_kept(editor_client):
    """One text file and a 20 MB photo among two good photos: the good ones are stored, each bad
    one is named with the reason, and nothing answers 500."""
    huge = image_bytes((2700, 2700), "PNG", compress_level=0)
    files = [
        image_file("good1.jpg"),
        upload("notes.jpg", b"%PDF-1.4 not a photo", "image/jpeg"),
        upload("huge.png", huge, "image/png"),
        image_file("good2.jpg"),
    ]
    response = editor_client.post(UPLOAD, {"files": files}, follow=True)
    assert response.status_code == 200
    assert LibraryImage.objects.count() == 2
    said = " ".join(m for _, m in messages_of(response))
    assert "notes.jpg" in said and "not an image" in said
    assert "huge.png" in said and "at most 10 MB" in said


def test_an_upload_with_no_file_is_a_form_error(editor_client):
    """Sending the upload form empty says what to do."""
    response = editor_client.post(UPLOAD, {"credit": ""})
    assert response.status_code == 200
    assert "Choose one or more photos" in errors_of(response)


def test_search_finds_images_by_their_description(editor_client):
    """The library's search looks in alt text, caption and credit, every word."""
    add_library_image(alt_text="A camel at the market", caption="Korsai bazaar.")
    add_library_image(alt_text="A dam at night", caption="Power plant.")
    page = editor_client.get(LIBRARY, {"q": "camel bazaar"}).content.decode()
    assert "A camel at the market" in page and "A dam at night" not in page
    found = editor_client.get(
        "/admin/autocomplete/",
        {"term": "dam", "app_label": "newsroom", "model_name": "photo", "field_name": "image"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["A dam at night"]


def test_library_previews_are_small(editor_client):
    """The library list shows each image from its narrowest rendition, not the original."""
    add_library_image(image=image_file(size=(1600, 1000)))
    page = editor_client.get(LIBRARY).content.decode()
    imgs = [i for i in find_all(page, "img") if "/renditions/" in (i.get("src") or "")]
    assert imgs and all("/480." in i.get("src") for i in imgs)
    assert all("1600" not in (i.get("srcset") or "") for i in imgs)


@pytest.mark.parametrize(("x", "y"), [(101, 50), (50, 250), (-5, 10)])
def test_a_focal_point_outside_the_image_is_refused(editor_client, x, y):
    """A focal point beyond the image's edges is a form error at the field; nothing changes."""
    image = add_library_image()
    response = editor_client.post(
        f"{LIBRARY}{image.pk}/change/", library_form(image, focal_x=x, focal_y=y, caption="Changed.")
    )
    assert response.status_code == 200
    assert "inside the image" in errors_of(response) or "greater than or equal to 0" in errors_of(response)
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y, image.caption) == (50, 50, "Rain over the old market.")


def test_describing_an_image_once_changes_every_article_using_it(editor_client):
    """A caption corrected in the library reaches each article's page that shows it."""
    image = add_library_image(caption="Old caption.")
    articles = [ArticleFactory(body="Text.\n\n[photo 2]") for _ in range(2)]
    for article in articles:
        add_photo(article)
        add_photo(article, position=2, library_image=image)
    response = editor_client.post(f"{LIBRARY}{image.pk}/change/", library_form(image, caption="New caption."))
    assert response.status_code == 302, errors_of(response)
    for article in articles:
        article.refresh_from_db()
        assert "New caption." in article.body_html and "Old caption." not in article.body_html


def test_a_caption_for_one_article_overrides_the_library(editor_client):
    """An article may give a library image its own caption; the library keeps its own."""
    article = ArticleFactory(body="Text.\n\n[photo 2]")
    add_photo(article)
    image = add_library_image(caption="Library caption.")
    add_photo(article, position=2, library_image=image, caption_override="Here, the dam at dawn.")
    article.refresh_from_db()
    assert "Here, the dam at dawn." in article.body_html and "Library caption." not in article.body_html


def test_an_image_in_use_cannot_be_deleted(editor_client):
    """Deleting a library image an article shows is refused with the article named, not a 500."""
    article = ArticleFactory(headline="Dam opens")
    photo = add_photo(article)
    response = editor_client.post(f"{LIBRARY}{photo.image_id}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "Dam opens" in response.content.decode()
    assert LibraryImage.objects.filter(pk=photo.image_id).exists()


@pytest.mark.django_db(transaction=True)
def test_existing_photos_move_into_the_library_without_loss():
    """Migrating a database from before the library: each photo becomes a library image with
    the same file, description and renditions, linked in the same place of its article."""
    executor = MigrationExecutor(connection)
    executor.migrate([("newsroom", "0001_initial")])
    old = executor.loader.project_state([("newsroom", "0001_initial")]).apps
    section = old.get_model("newsroom", "Section").objects.create(name="S", slug="s")
    article = old.get_model("newsroom", "Article").objects.create(
        headline="H", slug="h", section=section, language="en"
    )
    name = default_storage.save("photos/old.jpg", ContentFile(image_bytes((640, 480))))
    renditions = [{"w": 480, "h": 360, "format": "WEBP", "name": "renditions/photo-1/480.webp"}]
    old.get_model("newsroom", "Photo").objects.create(
        article=article,
        position=2,
        image=name,
        width=640,
        height=480,
        alt_text="Alt",
        caption="Cap",
        credit="Cred",
        renditions=renditions,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from serai.newsroom.models import Photo

    (photo,) = Photo.objects.select_related("image")
    assert (photo.article_id, photo.position) == (article.pk, 2)
    image = photo.image
    assert (image.file.name, image.width, image.height) == (name, 640, 480)
    assert (image.alt_text, image.caption, image.credit, image.renditions) == (
        "Alt",
        "Cap",
        "Cred",
        renditions,
    )


def _subject_on_the_right() -> bytes:
    """A wide grey picture whose subject (a red block) stands near its right edge."""
    from io import BytesIO

    from PIL import Image as Pillow

    img = Pillow.new("RGB", (1200, 400), (128, 128, 128))
    img.paste((220, 0, 0), (1040, 160, 1120, 240))
    out = BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _red_in(name: str) -> bool:
    from PIL import Image as Pillow

    with default_storage.open(name) as f:
        img = Pillow.open(f).convert("RGB")
        reds = img.point(lambda v: 255 if v > 180 else 0).getchannel("R")
        greens = img.getchannel("G").point(lambda v: 255 if v < 60 else 0)
        from PIL import ImageChops

        return ImageChops.multiply(reds, greens).getbbox() is not None


def test_crops_keep_the_focal_point_in_view(editor_client):
    """Setting the focal point on the subject rebuilds the crops so every one still shows it; the
    whole picture's renditions are unchanged in shape."""
    image = add_library_image(image=upload("wide.png", _subject_on_the_right(), "image/png"))
    crops = [r for r in image.renditions if "crop" in r]
    assert crops and not any(_red_in(r["name"]) for r in crops if r["format"] == "PNG")  # centred
    response = editor_client.post(f"{LIBRARY}{image.pk}/change/", library_form(image, focal_x=90, focal_y=50))
    assert response.status_code == 302, errors_of(response)
    image.refresh_from_db()
    crops = [r for r in image.renditions if "crop" in r and r["format"] == "PNG"]
    assert {r["crop"] for r in crops} == {"3x2", "1x1", "16x9", "4x3"}
    assert all(_red_in(r["name"]) for r in crops)
    assert {round(r["w"] / r["h"], 2) for r in crops if r["crop"] == "3x2"} == {1.5}
    assert {round(r["w"] / r["h"], 2) for r in crops if r["crop"] == "16x9"} == {1.78}
    assert {round(r["w"] / r["h"], 2) for r in crops if r["crop"] == "4x3"} == {1.33}
    assert all(r["w"] == r["h"] for r in crops if r["crop"] == "1x1")
    whole = [r for r in image.renditions if "crop" not in r]
    assert all(round(r["w"] / r["h"]) == 3 for r in whole)


@pytest.mark.parametrize(
    ("size", "ratio", "focal", "box"),
    [
        ((1200, 400), 1.5, (90, 50), (600, 0, 1200, 400)),
        ((1200, 400), 1.0, (0, 0), (0, 0, 400, 400)),
        ((400, 1200), 1.5, (50, 100), (0, 933, 400, 1200)),
        ((600, 400), 1.5, (10, 10), (0, 0, 600, 400)),
    ],
)
def test_focal_crop_box(size, ratio, focal, box):
    """The crop is the largest box of the shape, centred on the focal point within the edges."""
    from serai.newsroom.images import focal_crop_box

    assert focal_crop_box(*size, ratio, *focal) == box


def test_staff_who_may_not_add_images_are_refused_the_upload_page(client):
    """Staff without the permission to add library images get the 403 page, not a server error."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(staff=True))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"files": [image_file()]}).status_code == 403
    assert not LibraryImage.objects.exists()


def test_teasers_show_the_crop_cut_around_the_focal_point():
    """Home and section teasers use the 3:2 crop made around the focal point, not the whole
    picture centred by the stylesheet."""
    from serai.newsroom.templatetags.serai import teaser_picture

    article = ArticleFactory()
    photo = add_photo(article)
    html = teaser_picture(photo)
    crop_names = {r["name"] for r in photo.crops if r["crop"] == "3x2"}
    assert crop_names, "a library image has 3:2 crops"
    assert any(name in html for name in crop_names)
    assert not any(r["name"] in html for r in photo.renditions)
