"""A moderator clears a queue of 20 comments with the keyboard alone, in a real browser.

Each decision is one keystroke after the first focus; no decision lands on a comment that was
not in focus or selected; a stray key with nothing in focus changes nothing. The same journey
works by forms with JavaScript off, and axe-core finds no violations on the queue. The test
takes the screenshots docs/moderators.md shows (docs/img/moderation-*.png).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.moderation.models import Decision, WordListEntry
from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.factories import SectionFactory
from tests.moderation.factories import ModeratorFactory, WordFactory, article_with_thread, clause, post

pytestmark = pytest.mark.django_db(transaction=True)

Status = Comment.Status
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
QUEUE = "/en/moderation/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def build_queue() -> dict:
    """20 held comments: most fine, four with a suspect term whose entry cites clause 3 (so "r"
    alone rejects them), one reply, one with a link, across two sections."""
    for n in (1, 2, 3, 4):
        clause(n)
    WordFactory(term="miracle cure", kind=WordListEntry.Kind.SUSPECT, clause=clause(3))
    WordFactory(term="scam", kind=WordListEntry.Kind.SUSPECT, clause=clause(3))
    politics = SectionFactory(name="Politics", slug="politics")
    economy = SectionFactory(name="Economy", slug="economy", position=1)
    water = article_with_thread("pre", section=politics, headline="Water tariffs rise by a fifth")
    bread = article_with_thread("pre", section=economy, headline="Bread prices hold steady")
    first = post(water, "The pipes are sixty years old.", author_name="Aigerim Reader")
    first = comments.comment_set_status(comment=first, status=Status.PUBLISHED)
    held = []
    for n in range(20):
        article = water if n % 2 else bread
        if n in (3, 8, 13, 17):
            text = f"Buy this scam product number {n} today." if n % 2 else f"A miracle cure, offer {n}."
        elif n == 5:
            text = "See https://example.org/budget for the figures."
        else:
            text = f"A measured view, number {n}, on what the council should do next."
        parent = first if n == 1 else None
        held.append(
            post(article, text, author_name=f"Reader {n:02d}", email=f"reader{n}@example.org", parent=parent)
        )
    return {"held": held, "rejects": {held[n].pk for n in (3, 8, 13, 17)}}


def moderator_context(browser, live_server, *, javascript: bool):
    moderator = ModeratorFactory(username="desk-moderator")
    client = Client()
    client.force_login(moderator)
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
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
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.problems.append(r.url))
    return moderator, context, page


def statuses(held) -> list[str]:
    found = dict(Comment.objects.filter(pk__in=[c.pk for c in held]).values_list("pk", "status"))
    return [found[c.pk] for c in held]


def focused_card(page) -> int | None:
    value = page.evaluate("(document.activeElement.closest('[data-card]') || {}).dataset?.id || null")
    return int(value) if value else None


def test_a_moderator_clears_twenty_comments_with_one_key_each(browser, live_server):
    data = build_queue()
    held, rejects = data["held"], data["rejects"]
    moderator, context, page = moderator_context(browser, live_server, javascript=True)
    page.goto(live_server.url + QUEUE)
    assert page.locator("[data-card]").count() == 20
    DOCS_IMG.mkdir(parents=True, exist_ok=True)

    # Stray keys with nothing in focus or selected change nothing, and say why.
    for key in "arbdx":
        page.keyboard.press(key)
    assert statuses(held) == [Status.PENDING] * 20
    assert "Nothing is in focus or selected" in page.locator("[data-status]").inner_text()
    assert Decision.objects.count() == 0

    page.keyboard.press("j")  # the first focus
    assert focused_card(page) == held[0].pk
    page.locator(f"#card-{held[3].pk}").screenshot(path=str(DOCS_IMG / "moderation-card.png"))
    page.locator(f"#card-{held[1].pk}").screenshot(path=str(DOCS_IMG / "moderation-reply.png"))
    page.screenshot(path=str(DOCS_IMG / "moderation-queue.png"))

    keystrokes = 1
    for n, comment in enumerate(held):
        assert focused_card(page) == comment.pk, f"card {n} should have the focus"
        key = "r" if comment.pk in rejects else "a"
        page.keyboard.press(key)
        keystrokes += 1
        # The card leaves at once; the decision is confirmed before the next key.
        page.locator(f"#card-{comment.pk}").wait_for(state="detached")
        expected = Status.REJECTED if key == "r" else Status.PUBLISHED
        assert statuses([comment]) == [expected]
        # No decision landed on any comment not yet focused.
        assert statuses(held[n + 1 :]) == [Status.PENDING] * (19 - n)
        if n == 0:
            assert page.locator("[data-status]").inner_text().startswith("Approved 1 comment.")
            page.screenshot(path=str(DOCS_IMG / "moderation-after-decision.png"))
    assert keystrokes == 21
    assert page.locator("[data-count=pending]").inner_text() == "0"
    assert page.locator("[data-empty]").is_visible()
    decided = Decision.objects.filter(moderator=moderator)
    assert sorted(decided.values_list("comment_id", flat=True)) == sorted(c.pk for c in held)
    assert set(decided.filter(action="reject").values_list("clause__number", flat=True)) == {3}

    # Undo takes back the last decision (and only it).
    page.keyboard.press("u")
    page.wait_for_url(f"**#card-{held[-1].pk}")
    assert statuses(held) == [Status.REJECTED if c.pk in rejects else Status.PUBLISHED for c in held[:-1]] + [
        Status.PENDING
    ]
    assert "Undone: 1 comment is back" in page.locator("[data-status]").inner_text()
    assert focused_card(page) == held[-1].pk  # the page came back to the card undone
    assert page.problems == []
    context.close()


def test_select_all_and_ranges_decide_only_what_is_selected(browser, live_server):
    held = build_queue()["held"]
    _moderator, context, page = moderator_context(browser, live_server, javascript=True)
    page.goto(live_server.url + QUEUE)
    page.keyboard.press("j")
    page.keyboard.press("j")  # the second card
    page.keyboard.press("Shift+J")
    page.keyboard.press("Shift+J")  # the second to the fourth are selected
    ticked = [page.locator(f"#select-{c.pk}").is_checked() for c in held[:5]]
    assert ticked == [False, True, True, True, False]
    page.keyboard.press("a")
    page.locator("[data-status] p").filter(has_text="Approved 3 comments.").wait_for()
    assert statuses(held[:5]) == [
        Status.PENDING,
        Status.PUBLISHED,
        Status.PUBLISHED,
        Status.PUBLISHED,
        Status.PENDING,
    ]
    # Focus taken away from the cards (a click on the heading): a key decides nothing.
    before = statuses(held)
    page.click("h1")
    assert focused_card(page) is None
    page.keyboard.press("a")
    assert "Nothing is in focus or selected" in page.locator("[data-status]").inner_text()
    assert statuses(held) == before
    # shift+click selects a range of checkboxes.
    page.click(f"#select-{held[4].pk}")
    page.click(f"#select-{held[6].pk}", modifiers=["Shift"])
    assert page.locator("[data-select]:checked").count() == 3
    page.keyboard.press("Escape")
    assert page.locator("[data-select]:checked").count() == 0
    # Select all, then one key.
    page.keyboard.press("Shift+X")
    assert page.locator("[data-select]:checked").count() == 17
    page.screenshot(path=str(DOCS_IMG / "moderation-selected.png"))
    page.keyboard.press("a")
    page.locator("[data-status] p").filter(has_text="Approved 17 comments.").wait_for()
    assert statuses(held) == [Status.PUBLISHED] * 20
    assert page.problems == []
    context.close()


def test_the_same_journey_works_by_forms_without_javascript(browser, live_server):
    data = build_queue()
    held = data["held"]
    _moderator, context, page = moderator_context(browser, live_server, javascript=False)
    page.goto(live_server.url + QUEUE)
    page.click(f"#card-{held[0].pk} [data-action=approve]")
    assert page.url.endswith(f"#card-{held[1].pk}")  # back where the moderator was
    assert "Approved 1 comment." in page.locator("[data-status]").inner_text()
    assert statuses(held[:2]) == [Status.PUBLISHED, Status.PENDING]
    page.click(f"#card-{held[3].pk} [data-action=reject]")  # its clause was chosen in advance
    assert statuses([held[3]]) == [Status.REJECTED]
    page.click("[data-undo] button")
    assert statuses([held[3]]) == [Status.PENDING]
    page.check(f"#select-{held[1].pk}")
    page.check(f"#select-{held[2].pk}")
    page.select_option("select[name=bulk_clause]", label="2. " + clause(2).title)
    page.click("button[name=bulk][value=reject]")
    assert "Rejected 2 comments." in page.locator("[data-status]").inner_text()
    page.check("[data-select-all]")
    page.click("button[name=bulk][value=approve]")
    assert "Approved 17 comments." in page.locator("[data-status]").inner_text()
    assert statuses(held)[3:] == [Status.PUBLISHED] * 17
    assert page.locator("[data-card]").count() == 0
    assert page.problems == []
    context.close()


def test_axe_finds_no_violations_on_the_queue(browser, live_server, artifacts):
    build_queue()
    _moderator, context, page = moderator_context(browser, live_server, javascript=True)
    found = {}
    for name, path in {
        "queue": QUEUE,
        "reported": QUEUE + "?tab=reported",
        "filtered": QUEUE + "?rule=suspect-word",
    }.items():
        page.goto(live_server.url + path)
        page.evaluate(AXE.read_text())
        found[name] = page.evaluate(RUN_AXE)
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.locator("[data-status] p").wait_for()
    found["after-decision"] = page.evaluate(RUN_AXE)
    problems = {
        name: r["violations"] + r["incomplete"]
        for name, r in found.items()
        if r["violations"] or r["incomplete"]
    }
    (artifacts / "axe-moderator-desk.json").write_text(json.dumps(found, indent=1))
    assert problems == {}
    context.close()


def test_a_stray_key_after_the_last_decision_keeps_its_undo(browser, live_server):
    """A key pressed with nothing left in focus or selected says why, but the undo of the last
    decision stays on the page and the u key still takes that decision back."""
    held = build_queue()["held"][:2]
    Comment.objects.filter(status=Status.PENDING).exclude(pk__in=[c.pk for c in held]).delete()
    _moderator, context, page = moderator_context(browser, live_server, javascript=True)
    page.goto(live_server.url + QUEUE)
    page.keyboard.press("Shift+X")
    page.keyboard.press("a")
    page.locator("[data-status] p").filter(has_text="Approved 2 comments.").wait_for()
    page.keyboard.press("a")  # the queue is empty: nothing to decide
    assert "Nothing is in focus or selected" in page.locator("[data-status]").inner_text()
    assert page.locator("[data-status] [data-undo] button").count() == 1
    page.keyboard.press("u")
    page.locator("[data-status]", has_text="Undone: 2 comments are back").wait_for()
    assert statuses(held) == [Status.PENDING] * 2
    assert page.problems == []
    context.close()
