"""A section's names in the back office: one box per edition, never a JSON box, for an editor."""

import pytest
from django.conf import settings

from serai.core.roles import ensure_roles
from serai.newsroom.models import Section
from tests.factories import SectionFactory, UserFactory
from tests.newsroom.markup import find_all

pytestmark = pytest.mark.django_db
OTHERS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
NAMES = {"ru": "Политика", "kk": "Саясат", "ky": "Саясат", "tg": "Сиёсат", "tk": "Syýasat", "uz": "Siyosat"}


@pytest.fixture
def editor(client):
    user = UserFactory(username="dana", is_staff=True)
    user.groups.add(ensure_roles())
    client.force_login(user)
    return client


def form_data(section: Section, **changes) -> dict:
    data = {"name": section.name, "slug": section.slug, "description": section.description}
    data["position"] = section.position
    data |= {f"name_{code}": section.translated_names.get(code, "") for code in OTHERS}
    return data | changes


def test_the_form_shows_one_labelled_box_per_other_edition(editor):
    section = SectionFactory(name="Politics", slug="politics", translated_names={"ru": "Политика"})
    html = editor.get(f"/admin/newsroom/section/{section.pk}/change/").content.decode()
    inputs = {i.get("name"): i for i in find_all(html, "input") if i.get("name")}
    assert [f"name_{code}" for code in OTHERS] == [n for n in inputs if n.startswith("name_")]
    assert inputs["name_ru"].get("value") == "Политика"
    assert inputs["name_kk"].get("value", "") == ""
    labels = " ".join(label.text for label in find_all(html, "label"))
    assert "Name in Kazakh" in labels and "Name in Uzbek" in labels
    assert 'name="translated_names"' not in html


def test_saving_writes_every_editions_name_and_drops_an_emptied_one(editor):
    section = SectionFactory(name="Politics", slug="politics", translated_names={"ru": "Old"})
    url = f"/admin/newsroom/section/{section.pk}/change/"
    response = editor.post(url, form_data(section, **{f"name_{c}": f"  {n} " for c, n in NAMES.items()}))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.translated_names == NAMES
    assert section.display_name("tg") == "Сиёсат" and section.display_name("en") == "Politics"

    response = editor.post(url, form_data(section, name_ky="", name_uz=""))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.translated_names == {c: n for c, n in NAMES.items() if c not in ("ky", "uz")}
    assert section.display_name("ky") == "Politics"


def test_a_name_too_long_is_refused_and_nothing_is_lost(editor):
    section = SectionFactory(name="Politics", slug="politics", translated_names={"ru": "Политика"})
    url = f"/admin/newsroom/section/{section.pk}/change/"
    response = editor.post(url, form_data(section, name_kk="Ж" * 81, name_tk="Syýasat"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html and 'value="Syýasat"' in html
    section.refresh_from_db()
    assert section.translated_names == {"ru": "Политика"}


def test_a_new_section_is_added_with_its_names(editor):
    data = {"name": "Sport", "slug": "sport", "description": "", "position": 6}
    data |= {f"name_{code}": "" for code in OTHERS} | {"name_kk": "Спорт", "name_uz": "Sport"}
    assert editor.post("/admin/newsroom/section/add/", data).status_code == 302
    assert Section.objects.get(slug="sport").translated_names == {"kk": "Спорт", "uz": "Sport"}
