"""Each edition's own settings: its tagline in the masthead (else the site's), an editor changing
them in the admin, and every cached page and kept masthead of the edition made afresh after a save.

Transactional: what runs after a commit (generations, purges) runs, as in production; the page
cache is on (the tests' default).
"""

import re

import pytest
from django.test import Client

from serai.core import purge
from serai.core.roles import ensure_roles
from serai.newsroom.editions import Edition, OtherLanguages, edition_settings, tagline
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def masthead_tagline(html: str) -> str | None:
    match = re.search(r'<header class="masthead">.*?<p class="tagline">([^<]*)</p>', html, re.S)
    return match.group(1) if match else None


def description(html: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', html).group(1)


@pytest.fixture
def site_tagline(settings):
    settings.SITE_TAGLINE = "News from the steppe"


def test_without_its_own_tagline_an_edition_shows_the_sites(site_tagline):
    html = Client().get("/ru/").content.decode()
    assert masthead_tagline(html) == "News from the steppe"
    assert tagline("ru") == "News from the steppe"


def test_each_edition_shows_its_own_tagline(site_tagline):
    Edition.objects.create(language="ru", tagline="Новости степи")
    Edition.objects.create(language="kk", tagline="Дала жаңалықтары")
    assert masthead_tagline(Client().get("/ru/").content.decode()) == "Новости степи"
    assert masthead_tagline(Client().get("/kk/").content.decode()) == "Дала жаңалықтары"
    en = Client().get("/en/").content.decode()
    assert masthead_tagline(en) == "News from the steppe"
    assert description(en) == "News from the steppe"


def test_no_tagline_at_all_shows_none(settings):
    settings.SITE_TAGLINE = ""
    html = Client().get("/uz/").content.decode()
    assert masthead_tagline(html) is None
    assert description(html) == settings.SITE_NAME


def test_a_tagline_is_escaped(site_tagline):
    Edition.objects.create(language="en", tagline="<script>alert(1)</script> & more")
    html = Client().get("/en/").content.decode()
    assert masthead_tagline(html) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    assert "<script>alert(1)" not in html


def test_pages_of_the_edition_are_made_afresh_after_a_save(site_tagline):
    """The home and an article page, both cached, show the new tagline on the next request; the
    caches in front are told the edition's home page."""
    article = ArticleFactory(language="ru", slug="poezd", headline="Поезд")
    reader = Client()
    for path in ("/ru/", article.get_absolute_url()):
        response = reader.get(path)
        assert "s-maxage" in response.headers["Cache-Control"]
        assert masthead_tagline(response.content.decode()) == "News from the steppe"
    purge.purger().purged.clear()  # the dummy backend, as in every test

    edition = Edition.objects.create(language="ru", tagline="Новости степи")
    assert "/ru/" in purge.purger().purged and "/en/" not in purge.purger().purged
    for path in ("/ru/", article.get_absolute_url()):
        assert masthead_tagline(reader.get(path).content.decode()) == "Новости степи"

    edition.tagline = ""
    edition.save()
    assert masthead_tagline(reader.get("/ru/").content.decode()) == "News from the steppe"
    edition.other_language_comments = OtherLanguages.TRANSLATED
    edition.save()
    assert edition_settings("ru").other_language_comments == OtherLanguages.TRANSLATED


def test_an_editor_sets_an_editions_tagline_in_the_admin(site_tagline):
    editor = UserFactory(username="editor", staff=True)
    editor.groups.add(ensure_roles())
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/newsroom/edition/").status_code == 200
    response = client.post(
        "/admin/newsroom/edition/add/",
        {"language": "ky", "tagline": "Талаа жаңылыктары", "other_language_comments": "translated"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    edition = Edition.objects.get(language="ky")
    assert (edition.tagline, edition.other_language_comments) == ("Талаа жаңылыктары", "translated")
    assert masthead_tagline(Client().get("/ky/").content.decode()) == "Талаа жаңылыктары"

    response = client.post(
        f"/admin/newsroom/edition/{edition.pk}/change/",
        {"tagline": "", "other_language_comments": "all"},
    )
    assert response.status_code == 302
    assert masthead_tagline(Client().get("/ky/").content.decode()) == "News from the steppe"
    # Deleting is not offered: emptying the tagline and choosing "all" is the way back.
    assert client.get(f"/admin/newsroom/edition/{edition.pk}/delete/").status_code == 403


def test_an_edition_is_set_once_per_language(site_tagline):
    editor = UserFactory(username="chief", superuser=True)
    client = Client()
    client.force_login(editor)
    Edition.objects.create(language="tg")
    response = client.post(
        "/admin/newsroom/edition/add/", {"language": "tg", "tagline": "x", "other_language_comments": "all"}
    )
    assert response.status_code == 200 and Edition.objects.filter(language="tg").count() == 1
    response = client.post(
        "/admin/newsroom/edition/add/", {"language": "xx", "tagline": "x", "other_language_comments": "all"}
    )
    assert response.status_code == 200 and not Edition.objects.filter(language="xx").exists()
