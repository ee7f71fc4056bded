"""Moderation by language in a real browser: declaring one's languages with JavaScript off, and
deciding by keyboard on a card flagged and machine-translated."""

import pytest

from serai.comments.models import Comment
from serai.staff.models import StaffLanguages
from serai.translation import backends
from tests.desk.test_browser import moderator_page
from tests.moderation.factories import ModeratorFactory, article_with_thread, post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def card_ids(page) -> list[int]:
    return [int(i) for i in page.locator("[data-card]").evaluate_all("cards => cards.map(c => c.dataset.id)")]


def test_a_moderator_declares_languages_without_javascript_and_the_queue_follows(browser, live_server):
    english = post(article_with_thread("pre"), "About the water tariffs.")
    kyrgyz = post(article_with_thread("pre", language="ky"), "Суу тарифтери жөнүндө.")
    page = moderator_page(browser, live_server, javascript=False)
    page.goto(live_server.url + "/en/moderation/")
    assert card_ids(page) == [english.pk, kyrgyz.pk]
    page.click("nav.moderation-nav >> text=My languages")
    page.check("input[name=languages][value=ky]")
    page.check("input[name=languages][value=ru]")
    page.select_option("select[name=first]", "ru")
    page.click("button:has-text('Save')")
    assert "Your languages are saved." in page.locator(".messages").inner_text()
    assert StaffLanguages.objects.get().languages == ["ru", "ky"]
    page.click("text=Queue")
    assert card_ids(page) == [kyrgyz.pk, english.pk]
    assert page.locator("[data-unread]").count() == 1  # English: nobody on the desk reads it now
    assert page.errors == []


def test_a_flagged_card_with_its_machine_translation_is_decided_by_keyboard(browser, live_server, settings):
    settings.SERAI_TRANSLATION_BACKEND = "dummy"
    backends.backend.cache_clear()
    try:
        kyrgyz = post(article_with_thread("pre", language="ky"), "Суу тарифтери жөнүндө.")
        page = moderator_page(browser, live_server, javascript=True)
        StaffLanguages.objects.create(user=ModeratorFactory(), languages=["en"])  # nobody reads Kyrgyz
        page.goto(live_server.url + "/en/moderation/")
        assert "[ky→en] Суу тарифтери жөнүндө." in page.locator("[data-machine]").inner_text()
        page.keyboard.press("j")
        page.keyboard.press("a")
        page.locator(f"#card-{kyrgyz.pk}").wait_for(state="detached")
        assert Comment.objects.get(pk=kyrgyz.pk).status == Comment.Status.PUBLISHED
        assert page.errors == []
    finally:
        backends.backend.cache_clear()
