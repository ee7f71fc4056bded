"""The editor's desk: revisions (history, diff, restore), two editors on one article, corrections,
typographic care on save, the live body preview, and one way to publish."""

import pytest

from serai.newsroom.models import Article, Revision
from serai.newsroom.models import Image as LibraryImage
from serai.newsroom.typography import smarten
from tests.factories import ArticleFactory, UserFactory, add_library_image, add_photo
from tests.newsroom.markup import find_all, text_of
from tests.newsroom.test_admin import change_form, change_url, errors_of, messages_of

pytestmark = pytest.mark.django_db
Status = Article.Status


def _save(client, article, **fields):
    article = Article.objects.get(pk=article.pk)
    response = client.post(change_url(article), change_form(article, **fields))
    assert response.status_code == 302, errors_of(response)
    return Article.objects.get(pk=article.pk)


def _edit_version(client, article) -> str:
    page = client.get(change_url(article)).content.decode()
    (field,) = [i for i in find_all(page, "input") if i.get("name") == "edit_version"]
    return field.get("value")


# Revisions ------------------------------------------------------------------------------------


def test_every_save_keeps_a_revision_with_who_and_what(editor_client, superuser):
    """The first save keeps the article as it was, then each save what it changed and by whom."""
    article = ArticleFactory(body="First text.")
    _save(editor_client, article, body="Second text.")
    _save(editor_client, article, headline="A new headline")
    revisions = list(Revision.objects.filter(article=article).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[0].data["body"] == "First text." and revisions[0].author is None
    assert revisions[1].changed == ["body"] and revisions[1].author == superuser
    assert revisions[2].changed == ["headline"]


def test_saving_unchanged_keeps_no_new_revision(editor_client):
    """Saving with nothing changed adds no revision."""
    article = ArticleFactory()
    _save(editor_client, article, body="Changed.")
    count = Revision.objects.count()
    _save(editor_client, article)
    assert Revision.objects.count() == count


def test_history_lists_revisions_and_compares_two(editor_client):
    """The History page lists every revision; comparing two shows removed and added lines."""
    article = ArticleFactory(body="The board met.\n\nTariffs rise by a third.")
    _save(editor_client, article, body="The board met.\n\nTariffs rise by a half.")
    history = editor_client.get(f"{change_url(article).removesuffix('change/')}history/")
    assert history.status_code == 200
    assert "body" in text_of(history.content.decode())
    compare = editor_client.get(f"/admin/newsroom/article/{article.pk}/revisions/compare/", {"a": 1, "b": 2})
    page = compare.content.decode()
    assert [d.text for d in find_all(page, "del")][-1] == "Tariffs rise by a third."
    assert [i.text for i in find_all(page, "ins")][-1] == "Tariffs rise by a half."


def test_comparing_nonsense_revisions_is_not_an_error_page(editor_client):
    """Unknown or malformed revision numbers answer 404 or send back to the history, never 500."""
    article = ArticleFactory()
    url = f"/admin/newsroom/article/{article.pk}/revisions/compare/"
    assert editor_client.get(url, {"a": "x", "b": "1"}).status_code == 302
    assert editor_client.get(url, {"a": 7, "b": 9}).status_code == 404
    for bad in ("١٢", "²", "9" * 30, "-1", ""):
        assert editor_client.get(url, {"a": bad, "b": "1"}).status_code == 302, bad


def test_restoring_a_revision_brings_back_text_and_photos(editor_client):
    """Restoring revision 1 brings back its body and its photos, and is itself a new revision."""
    article = ArticleFactory(body="Original.")
    image = add_library_image(alt_text="A dam")
    add_photo(article, library_image=image)
    _save(editor_client, article, body="Rewritten.", **{"photos-0-DELETE": "on"})
    assert not Article.objects.get(pk=article.pk).photos.exists()
    response = editor_client.post(f"/admin/newsroom/article/{article.pk}/revisions/1/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "Original."
    assert [p.image_id for p in article.photos.all()] == [image.pk]
    assert "Restored revision 1" in Revision.objects.filter(article=article).first().note


def test_restoring_a_revision_whose_photo_was_deleted(editor_client):
    """A photo whose library image was deleted since is left out, with a message; the rest of the
    revision is restored and nothing answers 500."""
    article = ArticleFactory(body="Original.")
    image = add_library_image(alt_text="Gone soon")
    add_photo(article, library_image=image)
    _save(editor_client, article, body="Rewritten.", **{"photos-0-DELETE": "on"})
    LibraryImage.objects.filter(pk=image.pk).delete()
    response = editor_client.post(f"/admin/newsroom/article/{article.pk}/revisions/1/restore/", follow=True)
    assert response.status_code == 200
    said = " ".join(m for _, m in messages_of(response))
    assert "photo 1" in said and "deleted" in said
    article.refresh_from_db()
    assert article.body == "Original." and not article.photos.exists()


def test_restore_needs_a_post(editor_client):
    """A link cannot restore a revision: only the form's POST does."""
    article = ArticleFactory()
    _save(editor_client, article, body="Changed.")
    assert editor_client.get(f"/admin/newsroom/article/{article.pk}/revisions/1/restore/").status_code == 405


# Two editors ----------------------------------------------------------------------------------


def test_two_editors_saving_the_same_article(client, editor_client):
    """Both open the form; the first saves; the second is told who changed what, keeps every word
    typed, and a second save keeps the second editor's version, with both in the history."""
    article = ArticleFactory(headline="Dam opens", body="Old body.")
    other = UserFactory(username="rival", superuser=True)
    client.force_login(other)
    opened = _edit_version(editor_client, article)  # the first editor opens the form
    _save(client, article, headline="Dam opens at dawn")  # the other editor saves first
    data = change_form(Article.objects.get(pk=article.pk), body="My new body.", headline="Dam opens")
    data["edit_version"] = opened
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "rival saved this article" in errors and "headline" in errors
    page = response.content.decode()
    (body,) = [t for t in find_all(page, "textarea") if t.get("name") == "body"]
    assert body.text.strip() == "My new body."
    (version,) = [i for i in find_all(page, "input") if i.get("name") == "edit_version"]
    data["edit_version"] = version.get("value")
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, errors_of(response)
    article.refresh_from_db()
    assert article.body == "My new body."
    assert Revision.objects.filter(article=article, data__headline="Dam opens at dawn").exists()


# Corrections and silent fixes -------------------------------------------------------------------


def test_a_public_correction_is_shown_on_the_article(editor_client, client):
    """A correction note appears on the article page, labelled as a correction."""
    article = ArticleFactory()
    _save(editor_client, article, correction_note="An earlier version gave the wrong tariff.")
    page = client.get(article.get_absolute_url()).content.decode()
    (aside,) = find_all(page, "aside", "correction")
    assert "Correction:" in aside.text and "wrong tariff" in aside.text


def test_a_silent_fix_shows_no_update(editor_client):
    """A typo fixed as a silent fix changes the text without an 'Updated' note."""
    article = ArticleFactory(body="The bord met.")
    saved = _save(editor_client, article, body="The board met.", silent_fix="on")
    assert saved.body == "The board met." and saved.revised_at is None


# Typography -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "set_"),
    [
        ("en", "He said \"it is 'fine'\" -- and left.", "He said “it is ‘fine’” — and left."),
        ("en", "don't", "don’t"),
        ("ru", 'Он сказал: "это "Газпром" -- и всё".', "Он сказал: «это „Газпром“ — и всё»."),
        (
            "en",
            'Run `a "b" -- c` or see [x](https://e.org/"q"--r).',
            'Run `a "b" -- c` or see [x](https://e.org/"q"--r).',
        ),
        (
            "en",
            'A <abbr title="x">tag</abbr> and https://e.org/a--"b"',
            'A <abbr title="x">tag</abbr> and https://e.org/a--"b"',
        ),
        ("en", '```\ncode "x" -- y\n```', '```\ncode "x" -- y\n```'),
    ],
)
def test_quotes_and_dashes_for_the_language(language, typed, set_):
    """Quotes and dashes become the language's; code, URLs and tags stay as typed; twice is once."""
    assert smarten(typed, language) == set_
    assert smarten(set_, language) == set_


def test_the_form_sets_quotes_once_when_saved(editor_client):
    """An editor's straight quotes are stored as «ёлочки» in a Russian article; the dateline
    field is left as typed (the page sets its dash)."""
    article = ArticleFactory(language="ru", dateline="Алматы")
    saved = _save(editor_client, article, headline='"Газпром" -- снова', body='Он сказал: "да".')
    assert saved.headline == "«Газпром» — снова"
    assert saved.body == "Он сказал: «да»."
    assert saved.dateline == "Алматы"


# The live preview and publishing ------------------------------------------------------------------


def test_the_body_preview_uses_the_article_renderer(editor_client):
    """The preview endpoint renders the typed Markdown as the page would, sanitised."""
    article = ArticleFactory()
    response = editor_client.post(
        f"/admin/newsroom/article/preview/?article={article.pk}",
        {
            "body": '## Sub\n\nText "quoted". <script>alert(1)</script>',
            "dateline": "Korsai",
            "language": "en",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Sub</h2>" in html and "“quoted”" in html and "<script>" not in html
    assert find_all(html, "span", "dateline")[0].text == "KORSAI"


def test_the_body_preview_is_for_staff_only(client):
    """Readers (and anyone signed out) cannot use the preview."""
    response = client.post("/admin/newsroom/article/preview/", {"body": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post("/admin/newsroom/article/preview/", {"body": "x"}).status_code == 302


def test_the_form_publishes_through_the_same_rules_as_the_actions(editor_client):
    """Publishing from the form gives a publication time, as the list's action does; an archived
    article published again from the form keeps its first time, as the action does."""
    article = ArticleFactory(draft=True)
    saved = _save(editor_client, article, status=Status.PUBLISHED, published_at_0="", published_at_1="")
    assert saved.status == Status.PUBLISHED and saved.published_at is not None
    first = saved.published_at
    saved = _save(editor_client, saved, status=Status.ARCHIVED)
    saved = _save(editor_client, saved, status=Status.PUBLISHED)
    assert saved.published_at == first.replace(microsecond=0)


# Sections, pages and permissions ------------------------------------------------------------------


def test_section_names_per_edition_are_one_field_each(editor_client, settings):
    """The section form has a name field per other edition language, stored as translations."""
    from serai.newsroom.models import Section

    others = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    page = editor_client.get("/admin/newsroom/section/add/").content.decode()
    names = {i.get("name") for i in find_all(page, "input")}
    assert {f"name_{code}" for code in others} <= names and "translated_names" not in names
    data = {"name": "Security", "slug": "security", "description": "", "position": 0}
    data.update({f"name_{code}": "" for code in others})
    data["name_ru"] = "Безопасность"
    response = editor_client.post("/admin/newsroom/section/add/", data)
    assert response.status_code == 302, errors_of(response)
    section = Section.objects.get(slug="security")
    assert section.translated_names == {"ru": "Безопасность"}
    page = editor_client.get(f"/admin/newsroom/section/{section.pk}/change/").content.decode()
    (ru,) = [i for i in find_all(page, "input") if i.get("name") == "name_ru"]
    assert ru.get("value") == "Безопасность"


def test_page_slug_is_filled_from_its_title(editor_client):
    """The page form fills the slug from the title as the editor types."""
    page = editor_client.get("/admin/pages/page/add/").content.decode()
    (script,) = [
        s for s in find_all(page, "script") if s.get("id") == "django-admin-prepopulated-fields-constants"
    ]
    assert "#id_slug" in script.get("data-prepopulated-fields") and "#id_title" in script.get(
        "data-prepopulated-fields"
    )


def test_staff_without_a_permission_get_a_styled_page(client):
    """An editor whose role lacks a permission gets the site's 403 page with a way back."""
    client.force_login(UserFactory(staff=True))
    response = client.get("/admin/newsroom/image/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have permission to open this page" in page
    assert any(a.get("href") == "/admin/" for a in find_all(page, "a"))
