"""Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek editions: our own interface falls back to English.

Serai ships no catalogue for these languages yet (see docs/translating.md), so their pages must
render in full, with the edition's <html lang>, and with English interface text, never a mix of
Russian into them.
"""

import pytest
from django.utils import translation

from tests.factories import ArticleFactory, PageFactory
from tests.i18n.helpers import element_text, html_lang, publish_comment, text

pytestmark = pytest.mark.django_db

FALLBACK_EDITIONS = ["kk", "ky", "tg", "tk", "uz"]


@pytest.mark.parametrize("language", FALLBACK_EDITIONS)
def test_home_renders_in_the_edition(client, language):
    ArticleFactory(language=language, headline=f"Headline in {language}")
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(page) == language
    assert f"Headline in {language}" in text(page)
    assert "Comment Policy" in text(page)


@pytest.mark.parametrize("language", FALLBACK_EDITIONS)
def test_article_renders_with_english_interface_text(client, language):
    article = ArticleFactory(language=language)
    publish_comment(article, name="Aigerim", text="Interesting, thank you.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(page) == language
    assert element_text(page, "h2", 'id="feedback-title"') == "Do you like this article?"
    assert element_text(page, "h2", 'id="comments-title"') == "1 Comment"
    assert element_text(page, "a", 'class="reply-link"') == "Reply to Aigerim"
    assert "Denotes Required Field" in text(page)
    assert "комментари" not in text(page)


@pytest.mark.parametrize("language", FALLBACK_EDITIONS)
def test_other_pages_render_in_the_edition(client, language):
    PageFactory(language="en", slug="comment-policy", title="Comment Policy")
    for url, status in [
        (f"/{language}/pages/comment-policy/", 200),
        (f"/{language}/no-such-section/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert html_lang(response.content.decode()) == language, url


@pytest.mark.parametrize("language", FALLBACK_EDITIONS)
def test_the_fallback_is_english_not_another_catalogue(language):
    with translation.override(language):
        assert translation.gettext("Do you like this article?") == "Do you like this article?"
        plural = translation.ngettext("%(counter)s Comment", "%(counter)s Comments", 5)
        assert plural == "%(counter)s Comments"
