"""A translator works through the desk in a real browser: by keyboard, where a stray key with
nothing in focus saves or skips nothing, and with JavaScript off."""

import pytest
from django.conf import settings
from django.test import Client

from serai.comments.models import CommentTranslation
from tests.factories import ArticleFactory
from tests.moderation.factories import article_with_thread, post
from tests.translation.conftest import make_translator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def translator_page(browser, live_server, *, javascript: bool):
    client = Client()
    client.force_login(make_translator())
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": live_server.url,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.errors.append(r.url))
    return page


@pytest.fixture
def waiting():
    original = article_with_thread("post")
    ArticleFactory(language="ru", translation_of=original)
    return [
        post(original, f"Comment number {n}.", author_name=f"Reader {n}", language="en") for n in range(3)
    ]


def test_keys_act_only_on_the_comment_in_focus(browser, live_server, waiting):
    page = translator_page(browser, live_server, javascript=True)
    page.goto(live_server.url + "/en/translation/?pair=en-ru")
    page.keyboard.press("s")  # nothing in focus: nothing is skipped, and the page says so
    page.keyboard.press("Control+Enter")
    assert "press j" in page.locator(".messages").inner_text()
    assert page.locator("[data-card]").count() == 3

    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"card-{waiting[0].pk}"
    page.keyboard.press("Enter")  # into the box of the comment in focus
    page.keyboard.type("Комментарий [номер] ноль.")
    page.keyboard.press("s")  # typed into the box, not a key for the desk
    page.keyboard.press("Control+Enter")
    page.locator(f"#card-{waiting[0].pk}").wait_for(state="detached")
    saved = CommentTranslation.objects.get()
    assert (saved.comment_id, saved.language, saved.text) == (
        waiting[0].pk,
        "ru",
        "Комментарий [номер] ноль.s",
    )
    assert "Saved your translation into Russian." in page.locator(".messages").inner_text()
    assert page.evaluate("document.activeElement.id") == f"card-{waiting[1].pk}"

    page.keyboard.press("s")  # the card in focus is skipped, the next one takes the focus
    page.locator(f"#card-{waiting[1].pk}").wait_for(state="detached")
    assert page.evaluate("document.activeElement.id") == f"card-{waiting[2].pk}"
    assert CommentTranslation.objects.count() == 1
    assert page.errors == []


def test_a_refused_save_keeps_the_card_and_its_text(browser, live_server, waiting):
    page = translator_page(browser, live_server, javascript=True)
    page.goto(live_server.url + "/en/translation/?pair=en-ru")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Enter")  # empty: refused
    page.locator(".messages .message-error").wait_for()
    assert "Write the translation" in page.locator(".messages").inner_text()
    assert page.locator("[data-card]").count() == 3 and not CommentTranslation.objects.exists()


def test_the_desk_works_with_javascript_off(browser, live_server, waiting):
    page = translator_page(browser, live_server, javascript=False)
    page.goto(live_server.url + "/en/translation/?pair=en-ru")
    page.fill(f"#text-{waiting[0].pk}", "Первый.")
    page.click(f"#card-{waiting[0].pk} [data-action=save]")
    assert CommentTranslation.objects.get().text == "Первый."
    assert "Saved your translation into Russian." in page.content()
    page.click(f"#card-{waiting[1].pk} [data-action=skip]")
    assert page.locator(f"#card-{waiting[1].pk}").count() == 0
    assert page.locator(f"#card-{waiting[2].pk}").count() == 1


def test_axe_finds_no_violations_at_the_desk(browser, live_server, waiting, settings):
    """With a machine draft in the boxes and a refused save on the page (errors, kept text)."""
    from serai.translation import backends
    from tests.browser.test_accessibility import AXE, RUN_AXE, describe

    settings.SERAI_TRANSLATION_BACKEND = "dummy"
    backends.backend.cache_clear()
    post(waiting[0].article, "A reply [with brackets].", parent=waiting[0], language="en")
    page = translator_page(browser, live_server, javascript=True)
    found = {}
    for name, url in [("desk", "/en/translation/?pair=en-ru"), ("desk in Russian", "/ru/translation/")]:
        page.goto(live_server.url + url)
        page.evaluate(AXE.read_text())
        result = page.evaluate(RUN_AXE)
        if result["violations"] or result["incomplete"]:
            found[name] = result["violations"] + result["incomplete"]
    assert not found, describe(found)
