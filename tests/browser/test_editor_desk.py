"""The editor's desk in a real browser: photos uploaded to the library and described once, an
article made with three of them, saved again unchanged, edited, a revision restored, published;
a form error keeps every photo; no console errors on the back office's pages.

Screenshots go to docs/img/ for the editors' guide (docs/editors.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from PIL import Image

from serai.core.roles import ensure_roles
from serai.newsroom.models import Article, Revision
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-editor-pass"
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PHOTOS = [
    ("ferry", (1200, 800), (30, 90, 140), "A ferry moored at the repaired quay"),
    ("crane", (1000, 1000), (140, 90, 30), "A crane lifting a container"),
    ("market", (900, 1200), (60, 140, 60), "Fishermen selling the morning catch"),
]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def shot(page, name: str) -> None:
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_IMG / f"{name}.png"))


def editor_page(browser, live_server, tmp_path):
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    editor.groups.add(ensure_roles())
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return page


def upload_and_describe(page, live_server, tmp_path) -> None:
    """Three photos in one upload, then each described once in the library."""
    files = []
    for name, size, colour, _alt in PHOTOS:
        path = tmp_path / f"{name}.jpg"
        Image.new("RGB", size, colour).save(path, "JPEG", quality=85)
        files.append(str(path))
    page.goto(live_server.url + "/admin/newsroom/image/upload/")
    page.set_input_files("#id_files", files)
    page.fill("#id_credit", "Aisha Example/Serai")
    shot(page, "library-upload")
    page.click("input[type=submit]")
    assert "Added 3 photos to the library" in page.locator(".messagelist").inner_text()
    for _name, _size, _colour, alt in PHOTOS:
        page.locator("#result_list a", has_text="Needs alt text").first.click()
        page.fill("#id_alt_text", alt)
        page.fill("#id_caption", f"{alt}, on the first morning the port reopened after the storm.")
        if "crane" in alt:
            page.locator(".focal-picker").click(position={"x": 100, "y": 60})
            shot(page, "library-describe")
        page.click("input[name=_save]")
        assert "was changed successfully" in page.locator(".messagelist").inner_text()
    page.goto(live_server.url + "/admin/newsroom/image/")
    shot(page, "library-list")


def choose_photo(page, row: int, search: str, text: str) -> None:
    if page.locator(f"#photos-{row}").count() == 0:
        page.locator(".inline-group#photos-group .add-row a").click()
    page.click(f"#photos-{row} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.locator(".select2-results__option", has_text=text).click()


def save(page) -> str:
    page.click("input[name=_continue]")
    return page.locator(".messagelist").inner_text()


def test_editor_makes_an_article_from_the_library(live_server, browser, tmp_path):
    section = SectionFactory(name="Economy", slug="economy")
    AuthorFactory(name="Dana Example", slug="dana-example")
    page = editor_page(browser, live_server, tmp_path)
    upload_and_describe(page, live_server, tmp_path)

    page.goto(live_server.url + "/admin/newsroom/article/add/")
    page.locator("#id_headline").press_sequentially('Harbour "reopens" -- at last')
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_dateline", "Aktau")
    page.fill(
        "#id_body",
        "The port authority said the quays were safe.\n\n## Timetable\n\n[photo 2]\n\nDaily ferries.",
    )
    page.click("#bylines-0 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Dana")
    page.locator(".select2-results__option", has_text="Dana Example").click()
    for row, (name, _size, _colour, alt) in enumerate(PHOTOS):
        choose_photo(page, row, name if name != "market" else "catch", alt)
    # The live preview shows the rendered body, its subheading and the dateline.
    page.locator(".body-preview h2", has_text="Timetable").wait_for()
    assert "AKTAU" in page.locator(".body-preview .dateline").inner_text()
    # A form error (no slug) keeps every photo chosen, in order.
    page.fill("#id_slug", "")
    page.click("input[name=_continue]")
    page.locator(".errornote").wait_for()  # the form comes back once the server has answered
    assert page.locator(".errornote").count() == 1
    for row, (_name, _size, _colour, alt) in enumerate(PHOTOS):
        assert alt in page.locator(f"#photos-{row} .select2-selection__rendered").inner_text()
    shot(page, "article-form-error-keeps-photos")
    page.fill("#id_slug", "harbour-reopens")
    assert "was added successfully" in save(page)
    article = Article.objects.get(slug="harbour-reopens")
    assert article.headline == "Harbour “reopens” — at last"
    assert [p.position for p in article.photos.all()] == [1, 2, 3]
    shot(page, "article-form")

    # Saved again unchanged: no error, the photos kept, no new revision.
    revisions = Revision.objects.filter(article=article).count()
    assert "was changed successfully" in save(page)
    assert Revision.objects.filter(article=article).count() == revisions
    assert article.photos.count() == 3

    # Edited, then the first revision restored from the history.
    page.fill("#id_body", "A wrong paragraph that will be taken back.")
    assert "was changed successfully" in save(page)
    page.goto(live_server.url + f"/admin/newsroom/article/{article.pk}/history/")
    shot(page, "article-history")
    page.click("input[type=submit]")  # compare the two latest
    assert page.locator(".diff del", has_text="A wrong paragraph").count() == 0
    assert page.locator(".diff ins", has_text="A wrong paragraph").count() == 1
    shot(page, "article-compare")
    page.goto(live_server.url + f"/admin/newsroom/article/{article.pk}/history/")
    page.locator("#revision-list tr", has_text="first saved").locator("button").click()
    assert "Restored revision 1" in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    assert "Daily ferries." in article.body and article.photos.count() == 3

    # Published from the form.
    page.select_option("#id_status", "published")
    assert "was changed successfully" in save(page)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_live
    reader = browser.new_context().new_page()
    assert reader.goto(live_server.url + article.get_absolute_url()).status == 200
    assert reader.locator("figure.photo-lead img").get_attribute("alt") == PHOTOS[0][3]
    assert reader.locator("figure.photo-inline").count() == 2
    assert page.errors == []
