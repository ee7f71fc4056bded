"""Language editions: addresses, translations, alternates, and who may see what."""

import pytest
from django.conf import settings

from serai.newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.newsroom.markup import find_all, parse, story_of, text_of

pytestmark = pytest.mark.django_db


def _html_lang(page: str) -> str:
    return find_all(page, "html")[0].get("lang")


@pytest.fixture
def pair():
    """An English original and its Russian translation, in a section with a Russian name."""
    section = SectionFactory(name="Economy", slug="economy", translated_names={"ru": "Экономика"})
    en = ArticleFactory(language="en", section=section, slug="grain-prices", headline="Grain")
    ru = ArticleFactory(
        language="ru", section=section, slug="tseny-na-zerno", headline="Зерно", translation_of=en
    )
    return en, ru


def test_root_redirects_into_the_default_edition(client):
    """/ sends readers to /en/."""
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", ["en", "ru", "kk", "ky", "tg", "tk", "uz"])
def test_every_edition_home_answers_in_its_language(client, language):
    """Each configured edition has a home page whose <html lang> is the edition."""
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert _html_lang(response.content.decode()) == language


def test_urls_carry_the_edition(pair):
    """Articles live under their edition's prefix."""
    en, ru = pair
    assert en.get_absolute_url() == "/en/economy/grain-prices/"
    assert ru.get_absolute_url() == "/ru/economy/tseny-na-zerno/"


def test_article_is_only_found_in_its_own_edition(client, pair):
    """The English article is 404 under /ru/ and the Russian one under /en/."""
    en, ru = pair
    assert client.get(en.get_absolute_url()).status_code == 200
    assert client.get(ru.get_absolute_url()).status_code == 200
    assert client.get("/ru/economy/grain-prices/").status_code == 404
    assert client.get("/en/economy/tseny-na-zerno/").status_code == 404


def test_edition_lists_only_its_own_articles(client, pair):
    """The Russian home and section pages list the Russian article, not the English one."""
    en, ru = pair
    for url in ("/ru/", "/ru/economy/"):
        hrefs = {a.get("href") for a in find_all(client.get(url).content.decode(), "a")}
        assert ru.get_absolute_url() in hrefs
        assert en.get_absolute_url() not in hrefs
    hrefs = {a.get("href") for a in find_all(client.get("/en/").content.decode(), "a")}
    assert en.get_absolute_url() in hrefs
    assert ru.get_absolute_url() not in hrefs


def test_translations_link_to_each_other(client, pair):
    """Each edition lists the other under 'Also in', with its language, not itself."""
    en, ru = pair
    for this, other in ((en, ru), (ru, en)):
        story = story_of(client.get(this.get_absolute_url()).content.decode())
        (nav,) = find_all(story, "nav", "story-editions")
        assert {"en": "Also in", "ru": "На других языках"}[this.language] in nav.text
        links = nav.descendants("a")
        assert [(a.get("href"), a.get("hreflang"), a.get("lang")) for a in links] == [
            (other.get_absolute_url(), other.language, other.language)
        ]


def test_translations_emit_hreflang_alternates_for_both(client, pair):
    """Both pages carry <link rel=alternate hreflang> for en and ru, with absolute URLs."""
    en, ru = pair
    for article in (en, ru):
        page = client.get(article.get_absolute_url()).content.decode()
        alternates = {
            e.get("hreflang"): e.get("href")
            for e in find_all(page, "link")
            if e.get("rel") == "alternate" and e.get("hreflang")  # feeds are alternates without one
        }
        assert alternates == {
            "en": settings.SERAI_SITE_URL + en.get_absolute_url(),
            "ru": settings.SERAI_SITE_URL + ru.get_absolute_url(),
        }
        (canonical,) = [e for e in find_all(page, "link") if e.get("rel") == "canonical"]
        assert canonical.get("href") == settings.SERAI_SITE_URL + article.get_absolute_url()


def test_unpublished_translation_is_not_linked(client, pair):
    """A draft translation is neither listed nor an alternate of the original."""
    en, ru = pair
    Article.objects.filter(pk=ru.pk).update(status=Article.Status.DRAFT)
    page = client.get(en.get_absolute_url()).content.decode()
    assert find_all(page, "nav", "story-editions") == []
    assert ru.get_absolute_url() not in page


def test_three_editions_all_link_to_one_another(client, pair):
    """A Kazakh edition of the same story appears on the English and Russian pages too."""
    en, ru = pair
    kk = ArticleFactory(language="kk", section=en.section, slug="astyq", translation_of=en)
    for article in (en, ru, kk):
        page = client.get(article.get_absolute_url()).content.decode()
        links = [e for e in find_all(page, "link") if e.get("rel") == "alternate" and e.get("hreflang")]
        langs = sorted(e.get("hreflang") for e in links)
        assert langs == ["en", "kk", "ru"]


def test_russian_page_declares_russian(client, pair):
    """The Russian edition's pages say lang="ru" on <html> and on the story."""
    _, ru = pair
    page = client.get(ru.get_absolute_url()).content.decode()
    assert _html_lang(page) == "ru"
    assert find_all(page, "article", "story")[0].get("lang") == "ru"


def test_section_name_is_shown_in_russian_on_russian_pages(client, pair):
    """Section.translated_names gives the Russian name on /ru/ pages (navigation, kicker,
    section title), the default name on /en/ pages."""
    en, ru = pair
    for url in (ru.get_absolute_url(), "/ru/economy/", "/ru/"):
        page = client.get(url).content.decode()
        names = {a.text for a in find_all(page, "a") if a.get("href") == "/ru/economy/"}
        assert names == {"Экономика"}, url
        assert "Economy" not in text_of(page), url
    assert [h.text for h in find_all(client.get("/ru/economy/").content.decode(), "h1")] == ["Экономика"]
    page = client.get(en.get_absolute_url()).content.decode()
    assert {a.text for a in find_all(page, "a") if a.get("href") == "/en/economy/"} == {"Economy"}


def test_russian_section_page_describes_itself_in_russian(client, pair):
    """Without a description, the meta description of /ru/economy/ is the Russian name."""
    page = client.get("/ru/economy/").content.decode()
    (meta,) = [m for m in find_all(page, "meta") if m.get("name") == "description"]
    assert meta.get("content") == "Экономика"


def test_section_without_a_russian_name_falls_back(client):
    """A section with no Russian name shows its default name on /ru/."""
    SectionFactory(name="Sport", slug="sport")
    page = client.get("/ru/sport/").content.decode()
    assert [h.text for h in find_all(page, "h1")] == ["Sport"]


def test_empty_edition_home_falls_back_cleanly(client):
    """The Kazakh edition, with nothing published, explains itself and links to English."""
    ArticleFactory(language="en")
    response = client.get("/kk/")
    assert response.status_code == 200
    page = response.content.decode()
    (empty,) = find_all(page, "p", "empty")
    links = [c for c in empty.children if c.tag == "a"]
    assert [(a.get("href"), a.get("lang")) for a in links] == [("/en/", "en")]
    assert find_all(page, "article") == []


def test_english_home_has_no_fallback_link_to_itself(client):
    """The empty English edition does not send readers to itself."""
    page = client.get("/en/").content.decode()
    (empty,) = find_all(page, "p", "empty")
    assert [c for c in empty.children if c.tag == "a"] == []


def test_edition_switcher_marks_the_current_edition(client):
    """The header links every edition and marks the one being read."""
    page = client.get("/ru/").content.decode()
    (nav,) = find_all(page, "nav", "editions")
    current = [a.get("href") for a in find_all(page, "a") if a.get("aria-current") == "true"]
    assert current == ["/ru/"]
    assert {a.get("hreflang") for a in find_all(page, "a") if a.get("hreflang")} >= {
        "en",
        "ru",
        "kk",
        "ky",
        "tg",
        "tk",
        "uz",
    }


# Canonical addresses ----------------------------------------------------------------------


def test_wrong_section_redirects_permanently_to_the_canonical_url(client, pair):
    """An old link with the previous section redirects (301) to the current address."""
    en, ru = pair
    SectionFactory(slug="old-section")
    for article in (en, ru):
        wrong = f"/{article.language}/old-section/{article.slug}/"
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_redirect_follows_a_section_change(client, pair):
    """After an editor moves the article, its old address leads to the new one."""
    en, _ = pair
    old_url = en.get_absolute_url()
    en.section = SectionFactory(slug="business")
    en.save()
    response = client.get(old_url, follow=True)
    assert response.redirect_chain == [("/en/business/grain-prices/", 301)]
    assert response.status_code == 200


def test_unknown_article_in_a_known_section_is_404(client, pair):
    """A slug that does not exist is 404, not a redirect."""
    assert client.get("/en/economy/no-such-story/").status_code == 404


# Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [{"draft": True}, {"scheduled": True}], ids=["draft", "future-scheduled"])
def test_unpublished_articles_are_404_for_readers(client, kwargs):
    """Drafts and future scheduled articles do not exist for the public, preview or not."""
    article = ArticleFactory(**kwargs)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url() + "?preview=1").status_code == 404


def test_readers_who_are_not_staff_cannot_preview(client):
    """A signed-in reader without staff status gets 404 for a draft preview."""
    article = ArticleFactory(draft=True)
    client.force_login(UserFactory())
    assert client.get(article.get_absolute_url() + "?preview=1").status_code == 404


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [({"draft": True}, "Draft"), ({"scheduled": True}, "Scheduled")],
)
def test_staff_can_preview_unpublished_articles(editor_client, kwargs, status):
    """Staff see a draft with ?preview=1, with a notice saying it is not public."""
    article = ArticleFactory(headline="Embargoed story", **kwargs)
    assert editor_client.get(article.get_absolute_url()).status_code == 404
    response = editor_client.get(article.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    page = response.content.decode()
    assert [h.text for h in find_all(page, "h1")] == ["Embargoed story"]
    (notice,) = [p for p in find_all(page, "p", "notice") if p.get("role") == "status"]
    assert status.lower() in notice.text and "Preview" in notice.text
    # A sentence, not a field's value pasted in ("this article is Draft").
    assert f"is {status}" not in notice.text
    assert "is a draft;" in notice.text or "is scheduled for " in notice.text


def test_staff_preview_works_for_editors_too(client):
    """An editor (staff, not superuser) may preview."""
    article = ArticleFactory(draft=True)
    client.force_login(UserFactory(staff=True))
    assert client.get(article.get_absolute_url() + "?preview=1").status_code == 200


def test_published_article_shows_no_preview_notice(editor_client):
    """Staff reading a published article with ?preview=1 get no false 'not visible' notice."""
    article = ArticleFactory()
    page = editor_client.get(article.get_absolute_url() + "?preview=1").content.decode()
    notices = [p.text for p in find_all(page, "p", "notice")]
    assert not any("not visible" in n for n in notices)


def test_archived_article_is_readable_with_an_archive_notice(client):
    """The archive is public by URL and says so."""
    article = ArticleFactory(archived=True)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    notices = [p.text for p in find_all(response.content.decode(), "p", "notice")]
    assert any("archive" in n for n in notices)


def test_due_scheduled_article_is_public_by_itself(client):
    """A scheduled article whose time has passed opens without anyone publishing it."""
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 200
    hrefs = {e.get("href") for e in parse(client.get("/en/").content.decode())}
    assert article.get_absolute_url() in hrefs


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [({"draft": True}, "черновик"), ({"scheduled": True}, "запланирован")],
)
def test_the_preview_notice_speaks_the_editions_language(editor_client, kwargs, expected):
    """A Russian draft or scheduled article previewed by staff carries its notice in Russian."""
    article = ArticleFactory(language="ru", slug="chernovik", headline="Черновик", **kwargs)
    page = editor_client.get(article.get_absolute_url() + "?preview=1").content.decode()
    (notice,) = [p for p in find_all(page, "p", "notice") if p.get("role") == "status"]
    assert expected in notice.text and "Preview" not in notice.text
