"""The Russian edition speaks Russian: page furniture, the conversation, plurals and email."""

import types

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.i18n.helpers import element_text, html_lang, publish_comment, set_published_count, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def ru_article():
    section = SectionFactory(slug="ekonomika", name="Economy", translated_names={"ru": "Экономика"})
    return ArticleFactory(
        language="ru",
        section=section,
        slug="tseny-na-zerno",
        headline="Цены на зерно выросли",
        authors=[AuthorFactory(name="Айгерим Сапарова")],
    )


@pytest.fixture
def en_article():
    return ArticleFactory(
        language="en", headline="Grain prices rise", authors=[AuthorFactory(name="Dana Lee")]
    )


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_russian_article_page_furniture_is_russian(client, ru_article):
    page = get(client, ru_article.get_absolute_url())
    body = text(page)
    assert html_lang(page) == "ru"
    assert element_text(page, "h2", 'id="feedback-title"') == "Вам понравилась эта статья?"
    assert "Правила комментирования" in body
    assert "Обязательное поле" in element_text(page, "p", 'class="required-legend"')
    assert "Отправить комментарий" in body
    assert "Комментариев пока нет. Начните обсуждение." in body
    assert element_text(page, "span", 'class="byline"') == "Автор: Айгерим Сапарова"
    for english in ("Do you like this article?", "Comment Policy", "Denotes Required Field", "By "):
        assert english not in body


def test_the_comment_form_messages_for_the_script_are_russian(client, ru_article):
    page = get(client, ru_article.get_absolute_url())
    assert "Осталось {n} символов" in page and "Остался {n} символ" in page  # data-msg-left, by plural form
    assert 'data-msg-result="Статья понравилась {n}% читателей"' in page
    assert 'data-msg-replying="Ответ пользователю {name}."' in page


def test_two_authors_read_as_a_russian_byline(client):
    article = ArticleFactory(
        language="ru", authors=[AuthorFactory(name="Айгерим Сапарова"), AuthorFactory(name="Болат Иманов")]
    )
    page = get(client, article.get_absolute_url())
    assert element_text(page, "span", 'class="byline"') == "Авторы: Айгерим Сапарова и Болат Иманов"


def test_a_published_comment_offers_reply_in_russian(client, ru_article):
    comment = publish_comment(ru_article, name="Болат")
    page = get(client, ru_article.get_absolute_url())
    reply = element_text(page, "a", 'class="reply-link"')
    assert reply == "Ответить пользователю Болат"
    assert "Пожаловаться" in text(page)
    assert f'id="comment-{comment.pk}"' in page
    assert element_text(page, "h2", 'id="comments-title"') == "1 комментарий"


@pytest.mark.parametrize(
    ("count", "heading"),
    [
        (1, "1 комментарий"),
        (2, "2 комментария"),
        (4, "4 комментария"),
        (5, "5 комментариев"),
        (11, "11 комментариев"),
        (12, "12 комментариев"),
        (21, "21 комментарий"),
        (22, "22 комментария"),
        (111, "111 комментариев"),
    ],
)
def test_the_comment_count_uses_russian_plural_forms(client, ru_article, count, heading):
    set_published_count(ru_article, count)
    page = get(client, ru_article.get_absolute_url())
    assert element_text(page, "h2", 'id="comments-title"') == heading


def test_the_russian_home_page_is_russian(client, ru_article):
    page = get(client, "/ru/")
    body = text(page)
    assert html_lang(page) == "ru"
    assert "Правила комментирования" in body
    assert "О нас" in body
    assert "Перейти к содержимому" in body
    assert ru_article.headline in body
    assert "Автор: Айгерим Сапарова" in body


def test_an_empty_russian_edition_says_so_in_russian(client):
    body = text(get(client, "/ru/"))
    assert "В этой версии пока нет опубликованных статей." in body
    assert "Читать английскую версию" in body


def test_the_russian_not_found_page_is_russian(client):
    response = client.get("/ru/net-takoi-rubriki/net-takoi-stati/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_the_server_error_page_follows_the_edition():
    with translation.override("ru"):
        page = render_to_string("500.html")
    assert html_lang(page) == "ru"
    assert "Что-то пошло не так" in page


@pytest.mark.parametrize(
    ("days", "phrase"),
    [(1, "в течение 1 дня:"), (2, "в течение 2 дней:"), (7, "в течение 7 дней:"), (21, "в течение 21 дня:")],
)
def test_the_confirmation_email_counts_days_in_russian(days, phrase):
    comment = types.SimpleNamespace(article=types.SimpleNamespace(headline="Цены на зерно"))
    with translation.override("ru"):
        body = render_to_string(
            "comments/email/confirm.txt",
            {"comment": comment, "days": days, "confirm_url": "https://example.org/c/", "SITE_NAME": "Serai"},
        )
    assert "к статье «Цены на зерно»" in body
    assert phrase in body


def test_the_english_edition_stays_english(client, en_article):
    publish_comment(en_article, name="Bolat", text="A good read, thank you.")
    page = get(client, en_article.get_absolute_url())
    body = text(page)
    assert html_lang(page) == "en"
    assert element_text(page, "h2", 'id="feedback-title"') == "Do you like this article?"
    assert element_text(page, "h2", 'id="comments-title"') == "1 Comment"
    assert element_text(page, "span", 'class="byline"') == "By Dana Lee"
    assert element_text(page, "a", 'class="reply-link"') == "Reply to Bolat"
    assert "Comment Policy" in body
    assert "Denotes Required Field" in body
    for russian in ("Вам понравилась", "Правила комментирования", "Ответить", "комментари"):
        assert russian not in body
    set_published_count(en_article, 5)
    page = get(client, en_article.get_absolute_url())
    assert element_text(page, "h2", 'id="comments-title"') == "5 Comments"
