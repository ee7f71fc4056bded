"""Each edition's tagline under the site name, set by an editor in the back office."""

import pytest

from serai.core.roles import ensure_roles
from serai.newsroom.models import Edition
from tests.factories import UserFactory
from tests.newsroom.markup import find_all

pytestmark = pytest.mark.django_db


def tagline(client, edition: str) -> list[str]:
    return [p.text for p in find_all(client.get(f"/{edition}/").content.decode(), "p", "tagline")]


def test_an_edition_shows_its_own_tagline_and_the_others_the_sites(client, settings):
    settings.SITE_TAGLINE = "News from the region"
    Edition.objects.create(language="kk", tagline="Өңір жаңалықтары")
    Edition.objects.create(language="uz", tagline="")  # its own settings, but no tagline of its own
    assert tagline(client, "kk") == ["Өңір жаңалықтары"]
    assert tagline(client, "en") == tagline(client, "uz") == ["News from the region"]
    html = client.get("/kk/").content.decode()
    assert '<meta name="description" content="Өңір жаңалықтары">' in html


def test_an_editor_sets_a_tagline_and_the_edition_shows_it_at_once(client, settings):
    settings.SITE_TAGLINE = ""
    assert tagline(client, "ky") == []
    editor = UserFactory(username="dana", is_staff=True)
    editor.groups.add(ensure_roles())
    client.force_login(editor)
    data = {"language": "ky", "tagline": "<b>Аймактын</b> жаңылыктары", "other_language_comments": "all"}
    assert client.post("/admin/newsroom/edition/add/", data).status_code == 302
    client.logout()
    html = client.get("/ky/").content.decode()
    assert "&lt;b&gt;Аймактын&lt;/b&gt; жаңылыктары" in html and "<b>Аймактын" not in html
    Edition.objects.filter(language="ky").get().delete()
    assert tagline(client, "ky") == []
