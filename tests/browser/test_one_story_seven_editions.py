"""One story, one conversation across editions, in a real browser with JavaScript on and off: a
reader comments on the Russian edition; after a moderator approves it, the comment is on every
edition on the next request; a translator translates it into English at the translation desk; the
English page shows "Translated from Russian", and "Show original" reveals the reader's words."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from serai.comments.models import Comment, CommentTranslation
from serai.moderation.roles import moderators_group
from serai.staff.roles import translators_group
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
ORIGINAL = "Дорогу обещают уже третий год, а весной опять всё размыло. Кто за это ответит?"
TRANSLATED = (
    "The road has been promised for three years, and in spring it was washed out [again]. Who answers for it?"
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def new_page(browser, javascript: bool):
    page = browser.new_context(java_script_enabled=javascript).new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    assert "/login/" in page.url
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit], button[type=submit]")
    assert "/login/" not in page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_russian_comment_reaches_the_english_edition_in_translation(live_server, browser, javascript):
    english = ArticleFactory(language="en", slug="steppe-road", headline="The steppe road, again")
    russian = ArticleFactory(
        language="ru", slug="stepnaya-doroga", headline="Степная дорога, опять", section=english.section,
        translation_of=english,
    )  # fmt: skip
    User.objects.create_user("mod", "mod@example.org", "a-long-moderator-pass", is_staff=True).groups.add(
        moderators_group()
    )
    User.objects.create_user("tr", "tr@example.org", "a-long-translator-pass", is_staff=True).groups.add(
        translators_group()
    )

    # A reader comments on the Russian edition.
    reader = new_page(browser, javascript)
    reader.goto(live_server.url + russian.get_absolute_url())
    reader.fill("#id_author_name", "Асель")
    reader.fill("#id_email", "asel@example.org")
    reader.fill("#id_text", ORIGINAL)
    reader.click("#comment-form button[type=submit]")
    reader.locator(".notice.posted, #your-comments").first.wait_for()
    comment = Comment.objects.get(author_name="Асель")
    assert (comment.status, comment.language, comment.story_id) == (Comment.Status.PENDING, "ru", english.pk)

    # A moderator approves it in the queue.
    queue = new_page(browser, javascript)
    sign_in(queue, live_server.url + "/en/moderation/", "mod", "a-long-moderator-pass")
    queue.locator(f"#card-{comment.pk} button[data-action=approve]").click()
    queue.locator(f"#card-{comment.pk}").wait_for(state="detached")

    # On the next request it is on every edition, marked with its language on the English one.
    for article, note in ((russian, None), (english, "Written in Russian")):
        page = new_page(browser, javascript)
        page.goto(live_server.url + article.get_absolute_url())
        shown = page.locator(f"#comment-{comment.pk}")
        assert ORIGINAL in shown.inner_text()
        if note:
            assert note in shown.inner_text()
            assert shown.locator('.comment-text[lang="ru"]').count() == 1
        page.context.close()

    # A translator translates it into English at the desk.
    desk = new_page(browser, javascript)
    sign_in(desk, live_server.url + "/en/translation/?pair=ru-en", "tr", "a-long-translator-pass")
    card = desk.locator(f"#card-{comment.pk}")
    assert ORIGINAL in card.inner_text()
    card.locator("textarea[name=text]").fill(TRANSLATED)
    card.locator("button[data-action=save]").click()
    desk.locator(f"#card-{comment.pk}").wait_for(state="detached")
    translation = CommentTranslation.objects.get(comment=comment, language="en")
    assert (translation.text, translation.origin, translation.translated_by.username) == (
        TRANSLATED,
        "human",
        "tr",
    )

    # The English page shows the translation, and the original one click away.
    page = new_page(browser, javascript)
    page.goto(live_server.url + english.get_absolute_url())
    shown = page.locator(f"#comment-{comment.pk}")
    assert "Translated from Russian" in shown.locator(".comment-language").inner_text()
    assert TRANSLATED in shown.inner_text()
    original = shown.locator(".comment-original .comment-text")
    assert not original.is_visible()
    shown.locator(".comment-original summary").click()
    assert original.is_visible() and ORIGINAL in original.inner_text()
    assert original.get_attribute("lang") == "ru"
    for each in (reader, queue, desk, page):
        assert each.errors == []
        each.context.close()
