"""Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek editions: Serai's own interface speaks their language.

Each has a catalogue (see docs/translating.md), so their pages render in full, with the edition's
<html lang>, with none of the English interface text, and never a mix of Russian into them. An
edition whose catalogue is missing fails here, as it does in test_catalogue.py.
"""

import pytest
from django.conf import settings
from django.utils import translation

from serai.pages.models import Page
from tests.factories import ArticleFactory, PageFactory
from tests.i18n.helpers import element_text, html_lang, publish_comment, text

pytestmark = pytest.mark.django_db

EDITIONS = [code for code, _name in settings.LANGUAGES if code not in ("en", "ru")]
# Interface text every page or every article page shows, in English.
ENGLISH_PAGE = ("Comment Policy", "Skip to content", "Your comments and your data")
ENGLISH_ARTICLE = (
    "Do you like this article?",
    "Denotes Required Field",
    "Post comment",
    "Never shown. Used only to send you replies",
    "Newest first",
)


@pytest.mark.parametrize("language", EDITIONS)
def test_home_renders_in_the_edition(client, language):
    ArticleFactory(language=language, headline=f"Headline in {language}")
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(page) == language
    assert f"Headline in {language}" in text(page)
    for english in ENGLISH_PAGE:
        assert english not in text(page)


@pytest.mark.parametrize("language", EDITIONS)
def test_article_interface_text_is_not_english(client, language):
    article = ArticleFactory(language=language)
    publish_comment(article, name="Aigerim", text="Interesting, thank you.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    body = text(page)
    assert html_lang(page) == language
    assert element_text(page, "h2", 'id="feedback-title"') not in ("", "Do you like this article?")
    heading = element_text(page, "h2", 'id="comments-title"')
    assert heading.startswith("1 ") and heading != "1 Comment"
    reply = element_text(page, "a", 'class="reply-link"')
    assert "Aigerim" in reply and "Reply" not in reply
    policy_note = element_text(page, "p", 'class="policy-note"')
    assert policy_note and "Comment Policy" not in policy_note and "Please read" not in policy_note
    for english in ENGLISH_PAGE + ENGLISH_ARTICLE:
        assert english not in body
    assert "комментари" not in body


@pytest.mark.parametrize("language", EDITIONS)
def test_other_pages_render_in_the_edition(client, language):
    PageFactory(language="en", slug="comment-policy", title="Comment Policy")
    # A fresh install writes the policy in every edition: without this edition's, the English shows.
    Page.objects.filter(language=language, slug="comment-policy").delete()
    for url, status in [
        (f"/{language}/pages/comment-policy/", 200),
        (f"/{language}/no-such-section/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert html_lang(response.content.decode()) == language, url
    policy = client.get(f"/{language}/pages/comment-policy/").content.decode()
    # The policy itself is the English page; the notice saying so is in the edition's language.
    notice = element_text(policy, "p", 'class="notice"')
    assert notice and "English" not in notice
    missing = client.get(f"/{language}/no-such-section/").content.decode()
    assert "Page not found" not in missing and "We could not find that page" not in missing


@pytest.mark.parametrize("language", EDITIONS)
def test_the_catalogue_is_the_editions_own(language):
    with translation.override(language):
        assert translation.gettext("Do you like this article?") != "Do you like this article?"
        plural = translation.ngettext("%(counter)s Comment", "%(counter)s Comments", 5)
        assert "%(counter)s" in plural and plural != "%(counter)s Comments"
    with translation.override("ru"):
        russian = translation.gettext("Denotes Required Field")
    with translation.override(language):
        assert translation.gettext("Denotes Required Field") not in ("Denotes Required Field", russian)
