"""The Kazakh, Kyrgyz and Tajik editions: what a reader reads around an article, word for word.

The text is the catalogues' (src/serai/locale/{kk,ky,tg}); a change to a translation that a
reader sees on every article page should be a deliberate one, so it shows up here.
"""

import types

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import ArticleFactory, AuthorFactory
from tests.i18n.helpers import element_text, html_lang, publish_comment, set_published_count, text

pytestmark = pytest.mark.django_db

READER_TEXT = {
    "kk": {
        "feedback": "Бұл мақала сізге ұнады ма?",
        "policy": "Пікір қалдыру ережелері",
        "policy_note": "Пікір жазбас бұрын Пікір қалдыру ережелерімен танысыңыз.",
        "required": "* Міндетті өріс",
        "post": "Пікір жіберу",
        "empty": "Әзірге пікір жоқ. Талқылауды бастаңыз.",
        "byline": "Авторы: Айгерим Сапарова",
        "reply": "Жауап беру Болат пікіріне",
        "report": "Шағымдану Болат пікіріне",
        "left": "{n} таңба қалды",
        "one": "1 пікір",
        "five": "5 пікір",
        "confirm": "осы сілтемені 7 күн ішінде ашыңыз:",
    },
    "ky": {
        "feedback": "Бул макала сизге жактыбы?",
        "policy": "Пикир калтыруу эрежелери",
        "policy_note": "Пикир жазуудан мурун Пикир калтыруу эрежелери менен таанышып чыгыңыз.",
        "required": "* Милдеттүү талаа",
        "post": "Пикир жөнөтүү",
        "empty": "Азырынча пикир жок. Талкууну баштаңыз.",
        "byline": "Автору: Айгерим Сапарова",
        "reply": "Жооп берүү Болат пикирине",
        "report": "Даттануу Болат пикирине",
        "left": "{n} белги калды",
        "one": "1 пикир",
        "five": "5 пикир",
        "confirm": "ушул шилтемени 7 күндүн ичинде ачыңыз:",
    },
    "tg": {
        "feedback": "Ин мақола ба шумо маъқул шуд?",
        "policy": "Қоидаҳои шарҳнависӣ",
        "policy_note": "Пеш аз навиштани шарҳ, лутфан, бо Қоидаҳои шарҳнависӣ шинос шавед.",
        "required": "* Майдони ҳатмӣ",
        "post": "Фиристодани шарҳ",
        "empty": "Ҳоло шарҳе нест. Муҳокимаро оғоз кунед.",
        "byline": "Муаллиф: Айгерим Сапарова",
        "reply": "Ҷавоб ба Болат",
        "report": "Шикоят аз шарҳи Болат",
        "left": "{n} аломат боқӣ монд",
        "one": "1 шарҳ",
        "five": "5 шарҳ",
        "confirm": "ин пайвандро дар давоми 7 рӯз кушоед:",
    },
}
EDITIONS = sorted(READER_TEXT)


def article_page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article(request):
    return ArticleFactory(language=request.param, authors=[AuthorFactory(name="Айгерим Сапарова")])


@pytest.mark.parametrize("article", EDITIONS, indirect=True)
def test_the_article_page_furniture_is_translated(client, article):
    words = READER_TEXT[article.language]
    page = article_page(client, article)
    body = text(page)
    assert html_lang(page) == article.language
    assert element_text(page, "h2", 'id="feedback-title"') == words["feedback"]
    assert element_text(page, "p", 'class="required-legend"') == words["required"]
    note = element_text(page, "p", 'class="policy-note"')
    assert note.startswith(words["policy_note"])
    footer = page[page.index('<footer class="site-footer"') :]
    assert element_text(footer, "a", f'href="/{article.language}/pages/comment-policy/"') == words["policy"]
    assert element_text(page, "span", 'class="byline"') == words["byline"]
    for phrase in (words["post"], words["empty"]):
        assert phrase in body
    assert words["left"] in page  # the counter's message for the script (data-msg-left)


@pytest.mark.parametrize("article", EDITIONS, indirect=True)
def test_a_comment_reads_in_the_edition(client, article):
    words = READER_TEXT[article.language]
    publish_comment(article, name="Болат", text="Рахмет.")
    page = article_page(client, article)
    assert element_text(page, "h2", 'id="comments-title"') == words["one"]
    assert element_text(page, "a", 'class="reply-link"') == words["reply"]
    assert element_text(page, "a", 'class="report-link"') == words["report"]
    set_published_count(article, 5)
    assert element_text(article_page(client, article), "h2", 'id="comments-title"') == words["five"]


@pytest.mark.parametrize("language", EDITIONS)
def test_the_confirmation_email_is_translated(language):
    comment = types.SimpleNamespace(article=types.SimpleNamespace(headline="Су тарифтері"))
    with translation.override(language):
        body = render_to_string(
            "comments/email/confirm.txt",
            {"comment": comment, "days": 7, "confirm_url": "https://example.org/c/", "SITE_NAME": "Serai"},
        )
    assert "«Су тарифтері»" in body
    assert READER_TEXT[language]["confirm"] in body
    assert "To confirm this address" not in body
