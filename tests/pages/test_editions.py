"""A fresh install's standing pages in every edition: the Comment Policy and About answer in the
edition's own language, and the links every article carries to them lead there."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings

from serai.pages.defaults import ABOUT_SLUG, COMMENT_POLICY_SLUG, DEFAULT_PAGES
from serai.pages.models import Page
from tests.factories import ArticleFactory
from tests.newsroom.markup import find_all

pytestmark = pytest.mark.django_db
EDITIONS = [code for code, _name in settings.LANGUAGES]
CYRILLIC = {"ru", "kk", "ky", "tg"}
LATIN = {"en", "tk", "uz"}
TITLES = {
    (COMMENT_POLICY_SLUG, "kk"): "Пікір қалдыру ережелері",
    (COMMENT_POLICY_SLUG, "tk"): "Teswir düzgünleri",
    (ABOUT_SLUG, "uz"): "Biz haqimizda",
    (ABOUT_SLUG, "tg"): "Дар бораи мо",
}


def default(slug: str, language: str):
    (page,) = [d for d in DEFAULT_PAGES if d.slug == slug and d.language == language]
    return page


def title_and_notice(html: str) -> tuple[list[str], list]:
    return [h.text for h in find_all(html, "h1")], find_all(html, "p", "notice")


def test_every_edition_has_its_own_policy_and_about_words():
    """Seven editions, two pages each, none a copy of another edition's, each in its script."""
    assert set(EDITIONS) == CYRILLIC | LATIN
    for slug in (COMMENT_POLICY_SLUG, ABOUT_SLUG):
        pages = [default(slug, code) for code in EDITIONS]
        assert len({p.body for p in pages}) == len({p.title for p in pages}) == len(EDITIONS)
        for page in pages:
            prose = re.sub(r"\(/[^)]*\)|\[clauses\]", "", page.body)
            cyrillic = len(re.findall(r"[\u0400-\u04ff]", prose))
            latin = len(re.findall(r"[A-Za-z]", prose))
            if page.language in CYRILLIC:
                assert cyrillic > 100 and latin == 0, page.language
            else:
                assert latin > 100 and cyrillic == 0, page.language
            if slug == COMMENT_POLICY_SLUG:
                assert "\n[clauses]\n" in page.body
                assert f"(/{page.language}/pages/{ABOUT_SLUG}/)" in page.body
            else:
                assert f"(/{page.language}/pages/{COMMENT_POLICY_SLUG}/)" in page.body
    for (slug, language), title in TITLES.items():
        assert default(slug, language).title == title


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_fresh_install_answers_both_pages_in_each_edition(client, edition):
    """`migrate` made them: each answers 200 in its edition's words, with no "in English" notice."""
    assert set(Page.objects.filter(language=edition).values_list("slug", flat=True)) >= {
        COMMENT_POLICY_SLUG,
        ABOUT_SLUG,
    }
    for slug in (COMMENT_POLICY_SLUG, ABOUT_SLUG):
        response = client.get(f"/{edition}/pages/{slug}/")
        assert response.status_code == 200, (edition, slug)
        html = response.content.decode()
        assert title_and_notice(html) == ([default(slug, edition).title], [])
        assert f'<article class="standing-page" lang="{edition}">' in html
    policy = client.get(f"/{edition}/pages/{COMMENT_POLICY_SLUG}/").content.decode()
    assert len([li for li in find_all(policy, "li") if li.get("id", "").startswith("clause-")]) == 7


@pytest.mark.parametrize("edition", EDITIONS)
def test_an_articles_policy_and_about_links_lead_to_its_editions_pages(client, edition):
    """The comment form's "Comment Policy" link and the footer's links, on an article of each
    edition, lead to that edition's pages, which answer in its language."""
    article = ArticleFactory(language=edition, slug=f"story-{edition}")
    html = client.get(article.get_absolute_url()).content.decode()
    links = {a.get("href") for a in find_all(html, "a")}
    (note,) = find_all(html, "p", "policy-note")
    assert [a.get("href") for a in note.children] == [f"/{edition}/pages/{COMMENT_POLICY_SLUG}/"]
    for slug in (COMMENT_POLICY_SLUG, ABOUT_SLUG):
        url = f"/{edition}/pages/{slug}/"
        assert url in links, (edition, slug)
        response = client.get(url)
        assert response.status_code == 200
        assert title_and_notice(response.content.decode())[0] == [default(slug, edition).title]


def test_the_migration_adds_missing_editions_and_keeps_an_editors_page():
    """On a site made before the five editions had words, 0003 adds their pages; one an editor
    wrote already stays as it is. Undone, it removes only the pages still as it wrote them."""
    migration = importlib.import_module("serai.pages.migrations.0003_standing_pages_in_every_edition")
    Page.objects.filter(language__in=["kk", "tk"]).delete()
    Page.objects.filter(language="uz", slug=ABOUT_SLUG).update(title="Tahririyat", body="Oʻz soʻzimiz.")
    migration.add_pages(apps, None)
    assert Page.objects.get(language="kk", slug=ABOUT_SLUG).title == "Біз туралы"
    assert Page.objects.get(language="tk", slug=COMMENT_POLICY_SLUG).body_html.startswith("<p>Makalalarymyz")
    assert Page.objects.get(language="uz", slug=ABOUT_SLUG).title == "Tahririyat"
    migration.add_pages(apps, None)
    assert Page.objects.count() == 2 * len(EDITIONS)

    migration.remove_untouched_pages(apps, None)
    assert set(Page.objects.values_list("language", "slug")) == {
        *((code, slug) for code in ("en", "ru") for slug in (COMMENT_POLICY_SLUG, ABOUT_SLUG)),
        ("uz", ABOUT_SLUG),
    }
