"""The back office: lists, the article form with its byline and photo inlines, actions, and
clear errors (never a 500) for bad input."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from serai.newsroom.models import Article
from serai.newsroom.models import Image as LibraryImage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    add_library_image,
    add_photo,
    image_bytes,
    image_file,
    upload,
)
from tests.newsroom.markup import find_all

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = "/admin/newsroom/article/"
LIBRARY = "/admin/newsroom/image/"
ADD = "/admin/newsroom/article/add/"


def change_url(article):
    return f"/admin/newsroom/article/{article.pk}/change/"


def article_form(section, authors, photos=(), **fields) -> dict:
    """POST data for the article form: the article's fields plus the management forms and
    rows of the `bylines` and `photos` inline formsets."""
    data = {
        "language": "en",
        "headline": "Water board raises tariffs",
        "slug": "water-board-raises-tariffs",
        "section": section.pk,
        "dateline": "Korsai",
        "standfirst": "Households will pay a third more.",
        "body": "The board voted on Monday.\n\n[photo 2]\n\nThe increase starts in May.",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "update_note": "",
        "translation_of": "",
        "bylines-TOTAL_FORMS": len(authors),
        "bylines-INITIAL_FORMS": 0,
        "bylines-MIN_NUM_FORMS": 1,
        "bylines-MAX_NUM_FORMS": 1000,
        "photos-TOTAL_FORMS": len(photos),
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for i, author in enumerate(authors):
        data.update(
            {
                f"bylines-{i}-author": author.pk,
                f"bylines-{i}-position": i,
                f"bylines-{i}-id": "",
                f"bylines-{i}-article": "",
            }
        )
    for i, photo in enumerate(photos):
        row = {"position": i + 1, "image": "", "caption_override": "", "id": "", "article": ""}
        row.update(photo)
        data.update({f"photos-{i}-{name}": value for name, value in row.items()})
    data.update(fields)
    return data


def change_form(article, **fields) -> dict:
    """POST data that saves `article` unchanged, apart from `fields`."""
    bylines = list(article.bylines.all())
    photos = list(article.photos.all())
    published = timezone.localtime(article.published_at) if article.published_at else None
    data = {
        "language": article.language,
        "headline": article.headline,
        "slug": article.slug,
        "section": article.section_id,
        "dateline": article.dateline,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d") if published else "",
        "published_at_1": published.strftime("%H:%M:%S") if published else "",
        "update_note": article.update_note,
        "translation_of": article.translation_of_id or "",
        "bylines-TOTAL_FORMS": len(bylines),
        "bylines-INITIAL_FORMS": len(bylines),
        "bylines-MIN_NUM_FORMS": 1,
        "bylines-MAX_NUM_FORMS": 1000,
        "photos-TOTAL_FORMS": len(photos),
        "photos-INITIAL_FORMS": len(photos),
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for i, b in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": b.pk,
                f"bylines-{i}-article": article.pk,
                f"bylines-{i}-author": b.author_id,
                f"bylines-{i}-position": b.position,
            }
        )
    for i, p in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": p.pk,
                f"photos-{i}-article": article.pk,
                f"photos-{i}-position": p.position,
                f"photos-{i}-image": p.image_id,
                f"photos-{i}-caption_override": p.caption_override,
            }
        )
    data.update(fields)
    return data


def library_form(image, **fields) -> dict:
    """POST data for a library image's form: `image` unchanged (or a new one), apart from `fields`."""
    data = {"alt_text": "", "caption": "", "credit": "", "focal_x": 50, "focal_y": 50, "_save": "Save"}
    if image is not None:
        data.update({f: getattr(image, f) for f in ("alt_text", "caption", "credit", "focal_x", "focal_y")})
    data.update(fields)
    return data


def errors_of(response) -> str:
    """The text of every error list on an admin form page."""
    html = response.content.decode()
    return (
        " ".join(e.text for e in find_all(html, "ul", "errorlist"))
        + " "
        + " ".join(e.text for e in find_all(html, "p", "errornote"))
    )


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def section():
    return SectionFactory(name="Economy", slug="economy")


@pytest.fixture
def author():
    return AuthorFactory(name="Dana Writer")


# Lists --------------------------------------------------------------------------------------


def _listed(response) -> list[str]:
    html = response.content.decode()
    return [th.text for th in find_all(html, "th", "field-headline")]


def test_changelist_loads_with_filters_and_search(editor_client, section, author):
    """The article list loads, filtered by status, edition, section, author and date, and
    searched by text."""
    wanted = ArticleFactory(
        section=section, authors=[author], headline="Grain tariffs", body="Millers complain."
    )
    ArticleFactory(section=section, authors=[author], headline="Grain exports", draft=True)
    ArticleFactory(section=section, headline="Grain in Russian", language="ru")
    ArticleFactory(headline="Unrelated story")
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(_listed(response)) == 4
    year = wanted.published_at.year
    query = (
        f"?status__exact=published&language__exact=en&section__id__exact={section.pk}"
        f"&bylines__author__id__exact={author.pk}&published_at__year={year}&q=grain"
    )
    response = editor_client.get(CHANGELIST + query)
    assert response.status_code == 200
    assert _listed(response) == ["Grain tariffs"]
    assert _listed(editor_client.get(CHANGELIST + "?q=millers")) == ["Grain tariffs"]


def test_changelist_shows_a_due_scheduled_article_as_published(editor_client):
    """Editors see the state as readers experience it."""
    ArticleFactory(status=Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1))
    ArticleFactory(scheduled=True)
    html = editor_client.get(CHANGELIST + "?o=1").content.decode()
    shown = sorted(td.text for td in find_all(html, "td", "field-status_shown"))
    assert shown == ["Published", "Scheduled"]


def test_other_admin_pages_load(editor_client, section, author):
    """The section and author lists, and their add forms, answer."""
    for url in (
        "/admin/",
        "/admin/newsroom/section/",
        "/admin/newsroom/author/?q=Dana",
        "/admin/newsroom/section/add/",
        "/admin/newsroom/author/add/",
        ADD,
    ):
        assert editor_client.get(url).status_code == 200, url


def test_readers_cannot_open_the_back_office(client):
    """Signed-out visitors are sent to the login page."""
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# Creating an article --------------------------------------------------------------------------


def _library(n=2):
    sizes = [(1200, 800), (900, 600), (800, 800)]
    return [
        add_library_image(
            image=image_file(f"p{i}.jpg", size=sizes[i % 3]),
            alt_text=f"Photo {i + 1}",
            caption=f"Caption {i + 1}.",
            credit=f"Credit {i + 1}/Wire",
        )
        for i in range(n)
    ]


def test_add_article_with_photos_through_the_admin(editor_client, section, author):
    """One POST creates the article, its byline and two photos chosen from the library; the
    body is rendered with photo 2 in place, with its caption and credit."""
    data = article_form(section, [author], photos=[{"image": im.pk} for im in _library()])
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get(slug="water-board-raises-tariffs")
    assert article.byline_authors == [author]
    photos = list(article.photos.all())
    assert [(p.position, p.width, p.height) for p in photos] == [(1, 1200, 800), (2, 900, 600)]
    for photo in photos:
        assert photo.renditions
        assert all(default_storage.exists(r["name"]) for r in photo.renditions)
    assert {r["w"] for r in photos[0].renditions} == {480, 800, 1200}
    figures = find_all(article.body_html, "figure")
    assert len(figures) == 1
    assert "Caption 2." in figures[0].text and "[Credit 2/Wire]" in figures[0].text
    assert find_all(article.body_html, "span", "dateline")[0].text == "KORSAI"


def test_article_added_as_published_gets_a_publication_time(editor_client, section, author):
    """Choosing 'published' without a time publishes it now."""
    response = editor_client.post(ADD, article_form(section, [author], status=Status.PUBLISHED))
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get()
    assert article.published_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_article_needs_a_byline(editor_client, section):
    """The byline row the form always shows must name an author."""
    data = article_form(section, [])
    data.update(
        {
            "bylines-TOTAL_FORMS": 2,
            "bylines-0-author": "",
            "bylines-0-position": 0,
            "bylines-1-author": "",
            "bylines-1-position": 0,
        }
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "required" in errors_of(response)


def test_scheduling_without_a_time_is_a_form_error(editor_client, section, author):
    """'Scheduled' without a time asks for the time."""
    response = editor_client.post(ADD, article_form(section, [author], status=Status.SCHEDULED))
    assert response.status_code == 200
    assert "publication time" in errors_of(response)
    assert not Article.objects.exists()


def test_adding_a_translation_links_it_to_the_original(editor_client, section, author):
    """'Add a translation' pre-fills the original; a translation of a translation is re-pointed
    to the original."""
    en = ArticleFactory(section=section, language="en")
    ru = ArticleFactory(section=section, language="ru", translation_of=en)
    html = editor_client.get(change_url(en)).content.decode()
    add_links = [a.get("href") for a in find_all(html, "a") if a.text == "Add a translation"]
    assert add_links == [f"{ADD}?translation_of={en.pk}&section={section.pk}"]
    assert change_url(ru) in [a.get("href") for a in find_all(html, "a")]
    response = editor_client.post(
        ADD, article_form(section, [author], language="kk", slug="kk", translation_of=ru.pk)
    )
    assert response.status_code == 302, errors_of(response)
    assert Article.objects.get(language="kk").translation_of == en


def test_view_on_site_opens_the_preview(editor_client):
    """The admin's 'View on site' link previews the article."""
    article = ArticleFactory(draft=True)
    html = editor_client.get(change_url(article)).content.decode()
    hrefs = [a.get("href") for a in find_all(html, "a", "viewsitelink")]
    assert hrefs == [article.get_absolute_url() + "?preview=1"]


# Editing --------------------------------------------------------------------------------------


def test_editing_a_live_article_records_the_update(editor_client):
    """Changing the body of a published article sets the 'Updated' time and re-renders."""
    article = ArticleFactory(body="Old text.")
    response = editor_client.post(
        change_url(article),
        change_form(article, body="New text.", update_note="Adds the ministry's reply."),
    )
    assert response.status_code == 302, errors_of(response)
    saved = Article.objects.get(pk=article.pk)
    assert saved.was_updated
    assert "New text." in saved.body_html
    page = editor_client.get(article.get_absolute_url()).content.decode()
    updated = find_all(page, "span", "updated")
    assert "Adds the ministry’s reply." in updated[0].text  # set with a typographic apostrophe


def test_saving_without_changes_is_not_an_update(editor_client):
    """Saving an unchanged article does not mark it updated."""
    article = ArticleFactory()
    response = editor_client.post(change_url(article), change_form(article))
    assert response.status_code == 302, errors_of(response)
    assert Article.objects.get(pk=article.pk).revised_at is None


def test_saving_an_article_with_photos_again_unchanged_keeps_them(editor_client):
    """An article with photos saves again through the form without uploading any photo again;
    the photos, their files and their renditions stay as they were."""
    article = ArticleFactory()
    first = add_photo(article, image=image_file(size=(1600, 1000)))
    second = add_photo(article, position=2, image=image_file("b.jpg", size=(900, 600)))
    before = {p.pk: (p.image_id, p.image.file.name, p.renditions) for p in (first, second)}
    response = editor_client.post(change_url(article), change_form(article, headline="Kept"))
    assert response.status_code == 302, errors_of(response)
    after = {
        p.pk: (p.image_id, p.image.file.name, p.renditions)
        for p in Article.objects.get(pk=article.pk).photos.all()
    }
    assert after == before
    assert all(default_storage.exists(name) for _, name, _ in after.values())


def test_saving_a_library_image_again_unchanged(editor_client):
    """A library image's form saves again without the file being uploaded again."""
    (image,) = _library(1)
    response = editor_client.post(f"{LIBRARY}{image.pk}/change/", library_form(image, credit="New/Wire"))
    assert response.status_code == 302, errors_of(response)
    image.refresh_from_db()
    assert image.credit == "New/Wire" and default_storage.exists(image.file.name)


def test_replacing_a_library_file_rebuilds_its_renditions(editor_client):
    """Uploading a new file for a library image replaces its renditions, and the articles that
    use it are rendered again."""
    article = ArticleFactory(body="Text.\n\n[photo 2]")
    add_photo(article)
    photo = add_photo(article, position=2, image=image_file(size=(1600, 1000)))
    data = library_form(photo.image, file=image_file("new.jpg", size=(600, 400)), caption="New words.")
    response = editor_client.post(f"{LIBRARY}{photo.image_id}/change/", data)
    assert response.status_code == 302, errors_of(response)
    photo.refresh_from_db()
    assert {r["w"] for r in photo.renditions} == {480, 600}
    assert "New words." in Article.objects.get(pk=article.pk).body_html


@pytest.mark.parametrize(
    ("factory_kwargs", "new_status", "when"),
    [
        ({}, Status.SCHEDULED, timedelta(days=1)),
        ({"draft": True}, Status.SCHEDULED, -timedelta(days=1)),
    ],
    ids=["published-to-scheduled", "scheduled-in-the-past"],
)
def test_status_field_follows_the_publication_rules(editor_client, factory_kwargs, new_status, when):
    """The form refuses what the services refuse, with a form error instead of saving."""
    article = ArticleFactory(**factory_kwargs)
    before = article.status
    at = timezone.localtime(timezone.now() + when)
    data = change_form(
        article,
        status=new_status,
        published_at_0=at.strftime("%Y-%m-%d"),
        published_at_1=at.strftime("%H:%M:%S"),
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == before


# Actions ---------------------------------------------------------------------------------------


def act(client, action, *articles):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [a.pk for a in articles], "index": 0}
    )


def test_publish_action(editor_client):
    """'Publish now' publishes the selected drafts and says how many."""
    a, b = ArticleFactory(draft=True), ArticleFactory(draft=True)
    response = act(editor_client, "publish", a, b)
    assert response.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert messages_of(response) == [("success", "2 articles published.")]


def test_schedule_action_uses_each_articles_time(editor_client):
    """'Schedule' schedules articles with a future time and explains what is wrong with the
    others, without failing the whole batch."""
    at = timezone.now() + timedelta(days=2)
    future = ArticleFactory(status=Status.DRAFT, published_at=at, headline="Future one")
    timeless = ArticleFactory(draft=True, headline="No time")
    past = ArticleFactory(
        status=Status.DRAFT, published_at=timezone.now() - timedelta(days=1), headline="Past one"
    )
    response = act(editor_client, "schedule", future, timeless, past)
    assert response.status_code == 302
    statuses = dict(Article.objects.values_list("headline", "status"))
    assert statuses == {
        "Future one": Status.SCHEDULED,
        "No time": Status.DRAFT,
        "Past one": Status.DRAFT,
    }
    messages = messages_of(response)
    assert ("success", "1 article scheduled.") in messages
    errors = [m for level, m in messages if level == "error"]
    assert len(errors) == 2
    assert any(m.startswith("No time:") and "publication time" in m for m in errors)
    assert any(m.startswith("Past one:") and "future" in m for m in errors)


def test_unpublish_action(editor_client):
    """'Unpublish' takes articles back to draft."""
    article = ArticleFactory()
    response = act(editor_client, "unpublish", article)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert messages_of(response) == [("success", "1 article unpublished.")]


def test_archive_action_and_refused_moves(editor_client):
    """'Archive' archives the published article; the draft cannot be archived and the editor
    is told why; the page never fails."""
    published, draft = ArticleFactory(headline="Live"), ArticleFactory(draft=True, headline="Raw")
    response = act(editor_client, "archive", published, draft)
    assert response.status_code == 302
    assert Article.objects.get(pk=published.pk).status == Status.ARCHIVED
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
    messages = messages_of(response)
    assert ("success", "1 article archived.") in messages
    assert ("error", "Raw: A draft article cannot become archived.") in messages


def test_publish_action_brings_back_the_archive_with_its_time(editor_client):
    """Re-publishing an archived article keeps the original time."""
    first = timezone.now() - timedelta(days=100)
    article = ArticleFactory(archived=True, published_at=first)
    act(editor_client, "publish", article)
    saved = Article.objects.get(pk=article.pk)
    assert (saved.status, saved.published_at) == (Status.PUBLISHED, first)


# Bad input: a clear form error, never a 500 ------------------------------------------------------


def _post_photo(client, section, author, **photo):
    """An upload into the library, as the library's add form sends it."""
    photo.setdefault("alt_text", "A photo")
    return client.post(f"{LIBRARY}add/", library_form(None, file=photo.pop("image"), **photo))


def _assert_refused(response, *words):
    assert response.status_code == 200
    errors = errors_of(response)
    for word in words:
        assert word in errors, errors
    assert not LibraryImage.objects.exists()


def test_upload_that_is_not_an_image(editor_client, section, author):
    """A text file is refused: 'image' is in the message."""
    response = _post_photo(
        editor_client,
        section,
        author,
        image=upload("report.jpg", b"%PDF-1.4 not a photo", "image/jpeg"),
    )
    _assert_refused(response, "image")


def test_upload_over_the_byte_limit(editor_client, section, author, settings):
    """A photo bigger than the limit is refused, the message in MB."""
    settings.SERAI_MAX_UPLOAD_BYTES = 1_048_576
    data = image_bytes((1000, 1000), "PNG", compress_level=0)
    response = _post_photo(editor_client, section, author, image=upload("big.png", data, "image/png"))
    _assert_refused(response, "MB", "at most 1 MB")


def test_real_twenty_megabyte_upload(editor_client, section, author):
    """A genuine 20 MB photo (more than the default 10 MB limit) gets a clear error quickly."""
    data = image_bytes((2700, 2700), "PNG", compress_level=0)
    assert len(data) > 20 * 1_048_576
    started = time.monotonic()
    response = _post_photo(editor_client, section, author, image=upload("huge.png", data, "image/png"))
    _assert_refused(response, "MB", "20.9 MB", "at most 10 MB")
    assert time.monotonic() - started < 10


def test_random_noise_photo_over_the_limit(editor_client, section, author, settings):
    """An incompressible (noise) photo over the limit is refused the same way."""
    settings.SERAI_MAX_UPLOAD_BYTES = 2_000_000
    buf = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(buf, "PNG", compress_level=1)
    assert buf.tell() > 2_000_000
    response = _post_photo(
        editor_client, section, author, image=upload("noise.png", buf.getvalue(), "image/png")
    )
    _assert_refused(response, "MB")


def _truncated(fmt: str) -> bytes:
    """An image cut off half way, as an interrupted transfer leaves it: the header is fine."""
    buf = io.BytesIO()
    Image.frombytes("RGB", (600, 400), os.urandom(600 * 400 * 3)).save(buf, fmt)
    return buf.getvalue()[: buf.tell() // 2]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_truncated_png_or_webp_upload(editor_client, section, author, fmt):
    """A PNG or WebP cut off half way is refused as an unreadable image."""
    response = _post_photo(
        editor_client, section, author, image=upload(f"cut.{fmt.lower()}", _truncated(fmt))
    )
    _assert_refused(response, "image")


@pytest.mark.parametrize("fmt", ["JPEG", "GIF"])
def test_truncated_jpeg_or_gif_upload(editor_client, section, author, fmt):
    """A JPEG or GIF cut off half way is a form error about the image, not a server error."""
    editor_client.raise_request_exception = False
    response = _post_photo(
        editor_client, section, author, image=upload(f"cut.{fmt.lower()}", _truncated(fmt))
    )
    _assert_refused(response, "image")


def test_upload_with_too_many_pixels(editor_client, section, author, settings):
    """An image over the pixel limit is refused with its dimensions and the limit."""
    settings.SERAI_MAX_IMAGE_PIXELS = 1_000_000
    response = _post_photo(editor_client, section, author, image=image_file(size=(1200, 1000)))
    _assert_refused(response, "image", "1200 × 1000", "1 megapixels")


def test_pixel_limit_message_never_says_zero(settings):
    """Whatever the configured limit, the message names a usable size."""
    from django.core.exceptions import ValidationError

    from serai.newsroom.images import validate_image_upload

    settings.SERAI_MAX_IMAGE_PIXELS = 500_000
    with pytest.raises(ValidationError) as excinfo:
        validate_image_upload(image_file(size=(1000, 1000)))
    assert "at most 0 " not in excinfo.value.messages[0]


def test_duplicate_slug_in_the_same_edition(editor_client, section, author):
    """A slug already used in the edition is a form error naming the slug."""
    ArticleFactory(language="en", slug="water-board-raises-tariffs")
    response = editor_client.post(ADD, article_form(section, [author]))
    assert response.status_code == 200
    assert "slug" in errors_of(response)
    assert Article.objects.count() == 1


def test_same_slug_in_another_edition_is_fine(editor_client, section, author):
    """The Russian edition may reuse the English slug."""
    ArticleFactory(language="ru", slug="water-board-raises-tariffs")
    response = editor_client.post(ADD, article_form(section, [author]))
    assert response.status_code == 302, errors_of(response)


def test_a_library_image_without_alt_text_cannot_illustrate_an_article(editor_client, section, author):
    """An image uploaded without alt text waits in the library; choosing it for an article is a
    form error at that photo that says what to do, and the article keeps everything typed."""
    (image,) = _library(1)
    LibraryImage.objects.filter(pk=image.pk).update(alt_text="")
    response = editor_client.post(ADD, article_form(section, [author], photos=[{"image": image.pk}]))
    assert response.status_code == 200
    assert "no alt text" in errors_of(response)
    assert not Article.objects.exists()


def test_two_photos_with_the_same_number(editor_client, section, author):
    """Two photos numbered 1 are refused with a message, not a database error."""
    first, second = _library()
    response = editor_client.post(
        ADD,
        article_form(
            section,
            [author],
            photos=[{"image": first.pk, "position": 1}, {"image": second.pk, "position": 1}],
        ),
    )
    assert response.status_code == 200
    assert "same number" in errors_of(response) or "duplicate" in errors_of(response).lower()


def test_reserved_section_slug_in_the_admin(editor_client):
    """Creating a section called 'authors' is refused with a message about the slug."""
    response = editor_client.post(
        "/admin/newsroom/section/add/",
        {
            "name": "Authors",
            "slug": "authors",
            "translated_names": "{}",
            "description": "",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "authors" in errors_of(response) and "slug" in errors_of(response)


def test_bad_input_error_pages_show_the_form_again(editor_client, section, author):
    """After a refused upload, the description the editor typed is still there."""
    response = _post_photo(
        editor_client, section, author, image=upload("x.jpg", b"nope", "image/jpeg"), caption="Long words."
    )
    html = response.content.decode()
    (caption,) = [t for t in find_all(html, "textarea") if t.get("name") == "caption"]
    assert caption.text.strip() == "Long words."
    (alt,) = [t for t in find_all(html, "textarea") if t.get("name") == "alt_text"]
    assert alt.text.strip() == "A photo"


def _chosen_images(html) -> list[str]:
    """The library images chosen in the photo rows of a form page, in order."""
    chosen = []
    for select in find_all(html, "select"):
        name = select.get("name") or ""
        if name.startswith("photos-") and name.endswith("-image"):
            chosen += [o.get("value") for o in select.descendants("option") if "selected" in o.attrs]
    return chosen


def test_a_form_error_keeps_every_photo(editor_client, section, author):
    """An article refused for a missing headline comes back with all three photos still chosen,
    in their order; fixing the headline then saves them all."""
    images = _library(3)
    data = article_form(section, [author], photos=[{"image": im.pk, "position": ""} for im in images])
    response = editor_client.post(ADD, {**data, "headline": ""})
    assert response.status_code == 200
    assert _chosen_images(response.content.decode()) == [str(im.pk) for im in images]
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    photos = list(Article.objects.get().photos.all())
    assert [(p.position, p.image_id) for p in photos] == [
        (1, images[0].pk),
        (2, images[1].pk),
        (3, images[2].pk),
    ]


def test_added_photos_follow_the_others_without_colliding(editor_client):
    """The empty row for another photo proposes no number; photos added without a number go after
    the existing ones (never a duplicate of photo 1)."""
    article = ArticleFactory()
    add_photo(article)
    page = editor_client.get(change_url(article)).content.decode()
    (extra,) = [i for i in find_all(page, "input") if i.get("name") == "photos-1-position"]
    assert not extra.get("value")
    first, second = _library(2)
    data = change_form(article)
    data.update({"photos-TOTAL_FORMS": 3})
    for i, image in ((1, first), (2, second)):
        data.update(
            {
                f"photos-{i}-image": image.pk,
                f"photos-{i}-position": "",
                f"photos-{i}-id": "",
                f"photos-{i}-article": article.pk,
                f"photos-{i}-caption_override": "",
            }
        )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, errors_of(response)
    assert [(p.position, p.image_id) for p in article.photos.all()][1:] == [(2, first.pk), (3, second.pk)]
