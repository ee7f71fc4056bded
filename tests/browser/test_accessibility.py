"""axe-core finds no violations on the pages readers and moderators use, with JavaScript on and off.

How axe gets into the page. Our pages' Content-Security-Policy allows no inline script, so
`page.add_script_tag(path=...)`, which inlines the file, is refused. The source of
node_modules/axe-core/axe.min.js is run with `page.evaluate` instead: evaluation through the
DevTools protocol is not subject to the page's CSP. So the page is checked with its CSP in
force, as readers get it (an inline style the CSP blocks stays blocked), and no `bypass_csp`
context is needed.

"JavaScript off". axe needs script to run, and in a context with JavaScript disabled its promises
never settle. So the JavaScript-off check uses a context with JavaScript on in which every script
the page itself asks for is aborted: the DOM axe sees is the server's HTML, untouched, which is
what a reader without JavaScript gets (no template uses <noscript>, the one difference).

The data is what readers meet: an illustrated lead story and sections of teasers, an author with
a portrait, an article with its Russian edition, a lead photo, threaded comments with replies, a
staff reply, a removed comment standing as a tombstone and the reader's own comment awaiting
moderation; the Comment Policy; the moderation queue with held, reported and word-list cards.
The full axe results go to test-artifacts/axe-js.json and axe-nojs.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, override_settings

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.desk import services as desk
from serai.moderation.models import WordListEntry
from serai.moderation.roles import moderators_group
from serai.newsroom import services as newsroom
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PageFactory,
    SectionFactory,
    add_photo,
    image_file,
)
from tests.moderation.factories import WordFactory, clause, post

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations', 'incomplete'],
                                     rules: {'target-size': {enabled: true}}});
  const brief = list => list.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
  return {violations: brief(r.violations), incomplete: brief(r.incomplete), passes: r.passes.map(p => p.id)};
}"""
POLICY = """We welcome disagreement argued with respect. Moderators apply these rules.

## The clauses

1. **Be civil.** No insults, slurs or threats.
2. **Stay on topic.** Comments are about the article.
3. **No spam.** No advertising or repeated posts.
4. **Respect privacy.** Do not publish anyone's personal details.
"""


@pytest.fixture(autouse=True)
def _empty_cache():
    """An empty cache before and after (the live server shares it): rate-limit counters kept for
    the test addresses must not hold this test's comments, nor a later test's."""
    cache.clear()
    yield
    cache.clear()


def photo(article, colour, **fields):
    # A small original keeps renditions quick; the page still gets a WebP and a JPEG srcset.
    return add_photo(article, image=image_file(size=(960, 600), color=colour), **fields)


def held(article, text, *, name, parent=None, **fields):
    """A reader's comment through the posting pipeline: held for a moderator (pre-moderation)."""
    email = f"{name.split()[0].lower()}@example.org"
    return post(article, text, author_name=name, email=email, parent=parent, **fields)


def published(article, text, *, name, parent=None, **fields):
    comment = held(article, text, name=name, parent=parent, **fields)
    return comments.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


def build_newsroom() -> dict:
    """A small outlet with every kind of page; returns their paths and the people in it."""
    clauses = [clause(n) for n in (1, 2, 3, 4)]
    PageFactory(slug="comment-policy", title="Comment Policy", body=POLICY)
    PageFactory(slug="about", title="About us", body="An independent newsroom.")
    politics = SectionFactory(
        name="Politics",
        slug="politics",
        description="Parliament and the regions.",
        translated_names={"ru": "Политика"},
    )
    economy = SectionFactory(name="Economy", slug="economy", position=1, translated_names={"ru": "Экономика"})
    reporter = AuthorFactory(
        name="Dana Example",
        slug="dana-example",
        bio="Dana covers water, land and the regional parliament.",
        portrait=image_file("dana.jpg", size=(400, 400), color=(90, 110, 130)),
    )
    newsroom.author_make_renditions(author=reporter)
    editor = AuthorFactory(name="Timur Example", slug="timur-example")

    story = ArticleFactory(
        section=politics,
        headline="Water tariffs rise by a fifth across the region",
        slug="water-tariffs",
        standfirst="The regional council voted late on Tuesday.",
        body="KORSAI — The council voted 21 to 9.\n\n## What changes\n\nBills rise in March.\n\n"
        "> We had no choice, the chairwoman said.",
        authors=[reporter, editor],
    )
    photo(
        story,
        (60, 90, 120),
        alt_text="Council members raise their hands in the vote",
        caption="The vote in the council chamber.",
        credit="Dana Example/Serai",
    )
    russian = ArticleFactory(
        language="ru",
        translation_of=story,
        section=politics,
        slug="tarify-na-vodu",
        headline="Тарифы на воду выросли на пятую часть",
        standfirst="Совет проголосовал во вторник.",
        body="КОРСАЙ — Совет проголосовал.",
        authors=[reporter],
    )
    photo(russian, (60, 90, 120), alt_text="Депутаты голосуют", caption="Голосование.", credit="Dana Example")
    for n, (section, colour) in enumerate(
        [
            (politics, (150, 60, 40)),
            (economy, (40, 120, 80)),
            (economy, (120, 120, 40)),
            (politics, (80, 40, 120)),
        ]
    ):
        article = ArticleFactory(section=section, headline=f"Teaser story number {n}", authors=[reporter])
        if n < 3:
            photo(article, colour, alt_text=f"Scene {n}", caption=f"Caption {n}.", credit="Serai Wire")

    first = published(
        story, "The council had no choice: the pipes are sixty years old.", name="Aigerim Reader"
    )
    reply = published(story, "Sixty years, and nobody planned for it?", name="Bolat Reader", parent=first)
    published(story, "They planned; the money went elsewhere.", name="Aigerim Reader", parent=reply)
    staff = User.objects.create_user("desk", "desk@example.org", "a-long-desk-pass", is_staff=True)
    staff_reply = post(
        story,
        "We asked the council for the budget papers.",
        author_name="The Desk",
        email="desk@example.org",
        user=staff,
        parent=first,
    )
    comments.comment_set_status(comment=staff_reply, status=Comment.Status.PUBLISHED)
    removed = published(story, "Something rude about the chairwoman.", name="Cross Reader")
    published(story, "That was uncalled for.", name="Dina Reader", parent=removed)
    moderator = User.objects.create_user("mod", "mod@example.org", "a-long-moderator-pass", is_staff=True)
    moderator.groups.add(moderators_group())
    desk.comment_remove(comment=removed, moderator=moderator, clause=clauses[0])  # a tombstone
    reported = published(story, "Buy cheap water filters at my shop!", name="Erlan Seller")
    desk.comment_report(comment=reported, reporter_key="k" * 64, clause=clauses[2], note="Advertising")
    # The queue: a reply held for a moderator, a first comment, one held by the word list.
    held(story, "I disagree with the second paragraph entirely.", name="Farida Reader", parent=first)
    held(story, "When will the new tariffs be published?", name="Galym Reader")
    spammer = held(story, "Visit my shop for cheap filters.", name="Ivan Seller")
    desk.commenter_ban(comment=spammer, moderator=moderator, clause=clauses[2], days=7)
    WordFactory(term="suspect", kind=WordListEntry.Kind.SUSPECT, note="Check the context.")
    flagged = held(story, "This is a suspect comment.", name="Hasan Reader")
    assert flagged.moderation_rule == "suspect-word"
    return {
        "story": story,
        "moderator": moderator,
        "pages": {
            "home": "/en/",
            "section": politics.get_absolute_url(),
            "author": reporter.get_absolute_url(),
            "article": story.get_absolute_url(),
            "article-ru": russian.get_absolute_url(),
            "policy": "/en/pages/comment-policy/",
            "report": f"/en/moderation/report/{first.pk}/",
        },
        "staff_pages": {
            "queue": "/en/moderation/",
            "queue-reported": "/en/moderation/?tab=reported",
            "word-lists": "/en/moderation/words/",
            "bans": "/en/moderation/bans/",
            "audit-log": "/en/moderation/log/",
        },
    }


def reader_state(browser, live_server, article) -> dict:
    """Cookies of a reader who has just posted a comment (shown to them as awaiting moderation)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + article.get_absolute_url())
    page.fill("#id_author_name", "Careful Reader")
    page.fill("#id_email", "careful@example.org")
    page.fill("#id_text", "My own comment, waiting for a moderator.")
    page.click("#comment-form button[type=submit]")
    assert "awaiting moderation" in page.locator("#your-comments").inner_text()
    state = context.storage_state()
    context.close()
    return state


def moderator_cookie(live_server, moderator) -> dict:
    client = Client()
    client.force_login(moderator)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


def axe_context(browser, *, javascript: bool, state=None):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)
    if not javascript:
        context.route(
            "**/*",
            lambda route: route.abort() if route.request.resource_type == "script" else route.continue_(),
        )
    return context


def check(page, url: str | None = None) -> dict:
    """axe's findings on the page (opened first when a URL is given)."""
    if url is not None:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
    page.evaluate(AXE.read_text())
    return page.evaluate(RUN_AXE)


def audit(browser, live_server, site, *, javascript: bool, artifacts) -> dict:
    """Every page, and a few states of the article page; returns axe's findings by page."""
    state = reader_state(browser, live_server, site["story"])
    context = axe_context(browser, javascript=javascript, state=state)
    context.add_cookies([moderator_cookie(live_server, site["moderator"])])
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors, scripts = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    found = {}
    for name, path in {**site["pages"], **site["staff_pages"]}.items():
        found[name] = check(page, live_server.url + path)
        if name == "article":
            assert "Careful Reader" in page.locator("#your-comments").inner_text()
            assert page.locator(".tombstone").count() == 1
            assert page.locator(".comment-staff").count() == 1
            assert page.locator(".photo-lead img").count() == 1
            if javascript:
                # Replying in place moves the form under the comment and adds a Cancel button.
                page.click(".reply-link >> nth=0")
                page.locator("#comment-form .replying-to button").wait_for()
                found["article-replying"] = check(page)
                # Errors the script shows in place.
                page.locator("#comment-form .replying-to button").click()
                page.fill("#id_text", "")
                page.click("#comment-form button[type=submit]")
                page.locator("#comment-form .js-error").first.wait_for()
                found["article-form-errors"] = check(page)
            else:
                # The form page the server sends back when a comment cannot be posted.
                page.fill("#id_author_name", "")
                page.click("#comment-form button[type=submit]")
                assert page.locator(".field-error").count() >= 1
                found["comment-form-errors"] = check(page)
        if name == "report":
            page.click(".report-form button[type=submit]")  # nothing chosen: the form says so
            assert page.locator(".report-form .field-error").count() == 1
            found["report-errors"] = check(page)
        if name == "queue":
            assert page.locator("[data-card]").count() == 4
    context.close()
    mode = "js" if javascript else "nojs"
    (artifacts / f"axe-{mode}.json").write_text(json.dumps(found, indent=2, ensure_ascii=False))
    assert errors == []
    assert bool(scripts) is not javascript  # without JavaScript, the page's own scripts were refused
    # "Incomplete" is axe's "needs review": it could not decide (a broken reference, say). None
    # is expected on these pages, so they fail the test too, for a person to look at.
    return {
        name: result["violations"] + [{**v, "id": f"{v['id']} (needs review)"} for v in result["incomplete"]]
        for name, result in found.items()
        if result["violations"] or result["incomplete"]
    }


def describe(bad: dict) -> str:
    lines = []
    for name, found in bad.items():
        for v in found:
            lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']}")
            lines += [f"    {n['target']}: {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.fixture
def site():
    return build_newsroom()


@override_settings(SERAI_COMMENTS_MODE="pre")
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_axe_finds_no_violations(live_server, browser, site, javascript, artifacts):
    bad = audit(browser, live_server, site, javascript=javascript, artifacts=artifacts)
    assert not bad, "axe-core found violations:\n" + describe(bad)
