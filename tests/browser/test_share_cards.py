"""Structured data and share cards in a real browser: loading an article, a section and the home
pages asks nothing of any other site (share cards are tags for others to read, never widgets), the
browser parses every JSON-LD block, and a headline that tries to end the script element stays text."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = "</script><script>alert('shared')</script><!--"
BLOCKS = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map(s => JSON.parse(s.textContent))"""


def _story():
    section = SectionFactory(slug="economy", name="Economy")
    article = ArticleFactory(
        slug="tariffs",
        section=section,
        headline=f"Tariffs {HOSTILE}",
        standfirst=HOSTILE,
        dateline="ALMATY",
        authors=[AuthorFactory(name=f"Dana {HOSTILE}")],
    )
    add_photo(article, position=1, alt_text=HOSTILE)
    ArticleFactory(language="ru", slug="tariffs", section=section, translation_of=article)
    return article


def test_pages_share_nothing_with_third_parties(live_server, page, settings):
    settings.SERAI_SITE_URL = live_server.url
    article = _story()
    requests, dialogs = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for path in (article.get_absolute_url(), "/en/economy/", "/en/", "/ru/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found[path] = page.evaluate(BLOCKS)
    assert requests, "the browser made no request at all"
    assert [url for url in requests if not url.startswith((live_server.url + "/", "data:"))] == []
    assert page.foreign_requests == [] and page.console_errors == [] and dialogs == []

    news, crumbs = found[article.get_absolute_url()]
    assert news["@type"] == "NewsArticle" and crumbs["@type"] == "BreadcrumbList"
    assert news["headline"] == f"Tariffs {HOSTILE}" and news["description"] == HOSTILE
    assert [t["@type"] for t in found["/en/"]] == ["NewsMediaOrganization", "WebSite"]
    assert found["/en/economy/"] == []


def test_the_share_card_image_is_served_by_the_site(live_server, page, settings):
    """The image a share card shows (og:image) is our own 16:9 rendition, served as a JPEG."""
    settings.SERAI_SITE_URL = live_server.url
    article = _story()
    page.goto(live_server.url + article.get_absolute_url())
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    width = page.locator('meta[property="og:image:width"]').get_attribute("content")
    height = page.locator('meta[property="og:image:height"]').get_attribute("content")
    assert image.startswith(live_server.url + "/") and "/16x9/" in image
    assert abs(int(width) / int(height) - 16 / 9) < 0.01
    response = page.request.get(image)
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    assert page.locator('meta[property="og:image:alt"]').get_attribute("content") == HOSTILE
    assert page.title().startswith(f"Tariffs {HOSTILE}")
