"""A moderator works through the queue in a real browser: by keyboard, and with JavaScript off."""

import pytest
from django.conf import settings
from django.test import Client

from serai.comments.models import Comment
from tests.moderation.factories import ModeratorFactory, article_with_thread, clause, post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = Comment.Status


def moderator_page(browser, live_server, *, javascript: bool):
    client = Client()
    client.force_login(ModeratorFactory())
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
def held():
    article = article_with_thread("pre")
    return [post(article, f"Held comment number {n}.", author_name=f"Reader {n}") for n in range(3)]


def status_of(comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


def test_keyboard_moves_approves_selects_and_rejects(browser, live_server, held):
    page = moderator_page(browser, live_server, javascript=True)
    clause(2)
    page.goto(live_server.url + "/en/moderation/")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"card-{held[0].pk}"
    page.keyboard.press("a")  # decided in place: the card leaves, the next one takes the focus
    page.locator(f"#card-{held[0].pk}").wait_for(state="detached")
    assert status_of(held[0]) == Status.PUBLISHED
    assert "Approved 1 comment." in page.locator(".messages").inner_text()
    assert page.evaluate("document.activeElement.id") == f"card-{held[1].pk}"

    page.keyboard.press("r")  # no clause chosen yet: the clause list takes the focus instead
    assert page.evaluate("document.activeElement.name") == f"clause-{held[1].pk}"
    page.select_option(f"select[name='clause-{held[1].pk}']", label="2. " + clause(2).title)
    page.locator(f"#card-{held[1].pk}").focus()
    page.keyboard.press("r")
    page.locator(f"#card-{held[1].pk}").wait_for(state="detached")
    assert status_of(held[1]) == Status.REJECTED

    page.keyboard.press("x")
    assert page.locator(f"#select-{held[2].pk}").is_checked()
    assert page.errors == []


def test_the_queue_works_with_javascript_off(browser, live_server, held):
    page = moderator_page(browser, live_server, javascript=False)
    clause(4)
    page.goto(live_server.url + "/en/moderation/")
    page.click(f"#card-{held[0].pk} [data-action=approve]")
    assert status_of(held[0]) == Status.PUBLISHED
    page.check(f"#select-{held[1].pk}")
    page.check(f"#select-{held[2].pk}")
    page.select_option("select[name=bulk_clause]", label="4. " + clause(4).title)
    page.click("button[name=bulk][value=reject]")
    assert [status_of(c) for c in held[1:]] == [Status.REJECTED, Status.REJECTED]
    assert "No" in page.locator(".empty").inner_text()
    assert page.errors == []
