"""Whole journeys in a real browser: a reader, a moderator and an editor, start to finish.

The conversation's own journeys (commenting, replying, voting, a moderator approving) are in
test_conversation.py, and the queue by keyboard in tests/desk/test_browser.py; these add
reading across editions, reporting, rejecting with a clause, banning, and the editor's back office.
Screenshots of the article page at phone and desktop widths go to test-artifacts/.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from serai.core.roles import ensure_roles
from serai.desk.services import comment_report
from serai.moderation.models import Ban, Decision, Report
from serai.moderation.roles import moderators_group
from serai.newsroom.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo
from tests.moderation.factories import article_with_thread, clause, post

pytestmark = pytest.mark.django_db(transaction=True)
Status = Comment.Status
MOD_PASSWORD = "a-long-moderator-pass"
EDITOR_PASSWORD = "a-long-editor-pass"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _empty_cache():
    """An empty cache before and after (the live server shares it): rate-limit counters kept for
    the test addresses must not hold this test's comments, nor a later test's."""
    cache.clear()
    yield
    cache.clear()


def new_page(browser, *, javascript: bool = True, viewport=DESKTOP):
    page = browser.new_context(java_script_enabled=javascript, viewport=viewport).new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def published(comment):
    return comment_set_status(comment=comment, status=Status.PUBLISHED)


def sign_in(page, live_server, path: str, username: str, password: str) -> None:
    """Open a staff page, land on the back office's sign-in form, and sign in there."""
    page.goto(live_server.url + path)
    assert "/login/" in page.url
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit], button[type=submit]")
    assert "/login/" not in page.url


def test_reader_goes_from_home_to_section_to_article_and_its_russian_edition(live_server, page, artifacts):
    section = SectionFactory(name="Environment", slug="environment", translated_names={"ru": "Экология"})
    reporter = AuthorFactory(name="Dana Example", slug="dana-example")
    article = ArticleFactory(
        section=section,
        headline="The Aral shore moves back",
        slug="aral-shore",
        standfirst="Ten years of dams bring the water back.",
        authors=[reporter],
    )
    add_photo(
        article,
        alt_text="Fishing boats at the new shoreline",
        caption="Boats at Karateren.",
        credit="Dana Example/Serai Wire",
    )
    russian = ArticleFactory(
        language="ru",
        translation_of=article,
        section=section,
        slug="aral-bereg",
        authors=[reporter],
        headline="Берег Арала возвращается",
        standfirst="Десять лет плотин возвращают воду.",
    )
    ArticleFactory(section=SectionFactory(name="Politics", slug="politics"), headline="Council votes")
    first = published(post(article, "The fishermen in Aralsk say the same.", author_name="Aigerim Reader"))
    published(post(article, "Only the northern part, though.", author_name="Bolat Reader", parent=first))

    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("nav.sections >> text=Environment")
    assert page.url.endswith("/en/environment/")
    assert page.locator("h1").inner_text() == "Environment"
    assert page.locator("nav.sections [aria-current=page]").inner_text() == "Environment"
    page.click("h2.teaser-headline >> text=The Aral shore moves back")

    assert page.url.endswith(article.get_absolute_url())
    assert page.locator("h1.headline").inner_text() == "The Aral shore moves back"
    assert "Dana Example" in page.locator(".story-head .byline").inner_text()
    figure = page.locator("figure.photo-lead")
    assert figure.locator("img").get_attribute("alt") == "Fishing boats at the new shoreline"
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert "[Dana Example/Serai Wire]" in figure.locator("figcaption").inner_text()
    assert page.locator("#comments-title").inner_text() == "2 Comments"
    alternates = page.locator("link[rel=alternate][hreflang]")
    assert sorted(alternates.evaluate_all("links => links.map(l => l.hreflang)")) == ["en", "ru"]

    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"article-{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"the article scrolls sideways at {name} width ({width}px)"

    page.click(".story-editions a[hreflang=ru]")
    assert page.url.endswith(russian.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1.headline").inner_text() == "Берег Арала возвращается"
    assert page.locator(".kicker a").text_content() == "Экология"
    page.click(".story-editions a[hreflang=en]")
    assert page.url.endswith(article.get_absolute_url())
    assert page.foreign_requests == []
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_reader_reports_a_comment(live_server, browser, javascript):
    article = article_with_thread("post")
    spam = post(article, "Cheap filters at my shop, best price!", author_name="Erlan Seller")
    assert spam.status == Status.PUBLISHED
    spam_clause = clause(3)
    page = new_page(browser, javascript=javascript)
    page.goto(live_server.url + article.get_absolute_url())
    page.click(f"#comment-{spam.pk} .report-link")
    assert page.locator("h1").inner_text() == "Report a comment"
    assert "Cheap filters" in page.locator(".reported-comment").inner_text()

    page.click(".report-form button[type=submit]")  # nothing chosen: the form says what is missing
    assert "Choose what is wrong." in page.locator(".report-form .field-error").inner_text()
    page.check(f"input[name=clause][value='{spam_clause.pk}']")
    page.fill("textarea[name=note]", "Advertising a shop.")
    page.click(".report-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Thank you for your report"
    report = Report.objects.get(comment=spam)
    assert (report.clause.number, report.note) == (3, "Advertising a shop.")
    page.click("text=Back to the article")
    assert page.url.endswith(article.get_absolute_url() + "#comments")
    assert page.errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_report_sent_from_a_page_too_old_keeps_the_readers_answers(live_server, browser, javascript):
    """The report page was left open past the form token's age: the report is refused, the reader's
    choice and words come back with a fresh form, and sending again works."""
    article = article_with_thread("post")
    spam = post(article, "Cheap filters at my shop, best price!", author_name="Erlan Seller")
    spam_clause = clause(3)
    page = new_page(browser, javascript=javascript)
    page.goto(live_server.url + f"/en/moderation/report/{spam.pk}/")
    page.check(f"input[name=clause][value='{spam_clause.pk}']")
    page.fill("textarea[name=note]", "Advertising a shop.")
    with override_settings(SERAI_MAX_FORM_AGE=-1):  # every token given out so far is too old
        page.click(".report-form button[type=submit]")
        alert = page.locator(".report-form .form-errors").inner_text()
    assert "This form had expired, so your report was not sent." in alert
    assert not Report.objects.exists()
    assert page.is_checked(f"input[name=clause][value='{spam_clause.pk}']")
    assert page.input_value("textarea[name=note]") == "Advertising a shop."
    page.click(".report-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Thank you for your report"
    report = Report.objects.get(comment=spam)
    assert (report.clause.number, report.note) == (3, "Advertising a shop.")
    assert page.errors == []


@override_settings(SERAI_MIN_FORM_SECONDS=0)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_moderator_rejects_with_a_clause_removes_and_bans(live_server, browser, javascript):
    """Reject citing a clause and a note; ban a spammer; remove a reported comment (a tombstone stays)."""
    article = article_with_thread("pre")
    civility, topic, spam = clause(1), clause(2), clause(3)
    moderator = User.objects.create_user("mod", "mod@example.org", MOD_PASSWORD, is_staff=True)
    moderator.groups.add(moderators_group())
    off_topic = post(article, "What about the football results?", author_name="Galym Reader")
    seller = post(
        article,
        "Cheap filters at my shop!",
        author_name="Erlan Seller",
        email="erlan@example.org",
        ip_address="203.0.113.9",
    )
    rude = published(post(article, "The chairwoman is an idiot.", author_name="Cross Reader"))
    reply = published(post(article, "Please keep it civil.", author_name="Dina Reader", parent=rude))
    comment_report(comment=rude, reporter_key="r" * 64, clause=civility)
    assert {c.status for c in (off_topic, seller)} == {Status.PENDING}

    page = new_page(browser, javascript=javascript)
    sign_in(page, live_server, "/en/moderation/", "mod", MOD_PASSWORD)
    assert page.url.endswith("/en/moderation/")

    card = page.locator(f"#card-{off_topic.pk}")
    card.locator(f"select[name='clause-{off_topic.pk}']").select_option(str(topic.pk))
    card.locator(f"input[name='note-{off_topic.pk}']").fill("Not about the tariffs.")
    card.locator("[data-action=reject]").click()
    page.locator(".messages", has_text="Rejected 1 comment.").wait_for()
    off_topic.refresh_from_db()
    assert (off_topic.status, off_topic.policy_clause) == (Status.REJECTED, topic)
    decision = Decision.objects.get(comment=off_topic)
    assert (decision.action, decision.note, decision.moderator) == (
        "reject",
        "Not about the tariffs.",
        moderator,
    )

    # Rejecting without a clause is refused, and the moderator is told why.
    page.locator(f"#card-{seller.pk} [data-action=reject]").click()
    assert "Choose the clause" in page.locator(".messages").inner_text()
    assert Comment.objects.get(pk=seller.pk).status == Status.PENDING

    page.select_option(f"select[name='clause-{seller.pk}']", str(spam.pk))
    page.select_option("select[name=ban_days]", "7")
    page.locator(f"#card-{seller.pk} [data-action=ban]").click()
    page.locator(".messages", has_text="Rejected 1 comment and banned its author.").wait_for()
    ban = Ban.objects.active().get()
    assert (ban.author_name, ban.clause, ban.created_by) == ("Erlan Seller", spam, moderator)
    assert 6 <= (ban.expires_at - timezone.now()).days <= 7
    assert Comment.objects.get(pk=seller.pk).status == Status.REJECTED
    page.click("nav.moderation-nav >> text=Bans")
    assert "Erlan Seller" in page.locator(".ban-table").inner_text()

    # A reported comment with a reply: removing it leaves a tombstone that names the clause.
    page.goto(live_server.url + "/en/moderation/?tab=reported")
    page.select_option(f"select[name='clause-{rude.pk}']", str(civility.pk))
    page.locator(f"#card-{rude.pk} [data-action=reject]").click()
    page.locator(".messages", has_text="Removed 1 comment.").wait_for()
    assert Comment.objects.get(pk=rude.pk).status == Status.REMOVED
    assert Report.objects.get(comment=rude).decision is not None

    reader = new_page(browser, javascript=javascript)
    reader.goto(live_server.url + article.get_absolute_url())
    tombstone = reader.locator(f"#comment-{rude.pk} .tombstone").inner_text()
    assert "removed for breaking clause 1 of the Comment Policy" in tombstone
    assert "Please keep it civil." in reader.locator(f"#comment-{reply.pk}").inner_text()
    assert "idiot" not in reader.content()

    # The banned seller comes back: the comment is received, stored as rejected, never shown.
    reader.fill("#id_author_name", "Erlan Seller")
    reader.fill("#id_email", "erlan@example.org")
    reader.fill("#id_text", "Filters again, still cheap!")
    with reader.expect_response(lambda r: r.request.method == "POST"):
        reader.click("#comment-form button[type=submit]")
    again = Comment.objects.get(text="Filters again, still cheap!")
    assert (again.status, again.moderation_rule) == (Status.REJECTED, "banned")
    assert page.errors == [] and reader.errors == []


def jpeg(tmp_path) -> str:
    path = tmp_path / "harbour.jpg"
    Image.new("RGB", (1200, 800), (30, 90, 140)).save(path, "JPEG", quality=85)
    return str(path)


def test_editor_writes_schedules_and_publishes_an_article_with_a_photo(live_server, browser, tmp_path):
    editors = ensure_roles()
    editor = User.objects.create_user("editor", "editor@example.org", EDITOR_PASSWORD, is_staff=True)
    editor.groups.add(editors)
    section = SectionFactory(name="Economy", slug="economy")
    AuthorFactory(name="Dana Example", slug="dana-example")

    page = new_page(browser)
    # The photo goes into the image library first, described once there.
    sign_in(page, live_server, "/admin/newsroom/image/upload/", "editor", EDITOR_PASSWORD)
    page.set_input_files("#id_files", jpeg(tmp_path))
    page.fill("#id_credit", "Aisha Example/Serai")
    page.click("input[type=submit]")
    page.locator("#result_list a", has_text="Needs alt text").first.click()
    page.fill("#id_alt_text", "A ferry moored at the repaired quay")
    page.fill("#id_caption", "The first ferry back at the quay.")
    page.click("input[name=_save]")
    page.goto(live_server.url + "/admin/newsroom/article/add/")
    page.select_option("#id_language", "en")
    page.locator("#id_headline").press_sequentially("Harbour reopens after the storm")
    assert page.input_value("#id_slug") == "harbour-reopens-after-the-storm"  # filled in as one types
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_dateline", "Aktau")
    page.fill("#id_standfirst", "Ferries run again from Monday.")
    page.fill("#id_body", "The port authority said the quays were safe.\n\n## Timetable\n\nDaily ferries.")
    # The byline's author field is an autocomplete: type part of the name and pick the match.
    page.click("#bylines-0 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Dana")
    page.locator(".select2-results__option", has_text="Dana Example").click()
    # The photo row's library image is an autocomplete too: search the library by its description.
    page.click("#photos-0 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "ferry")
    page.locator(".select2-results__option", has_text="A ferry moored").click()
    when = timezone.localtime(timezone.now() + timezone.timedelta(days=2)).replace(microsecond=0)
    page.select_option("#id_status", "scheduled")
    page.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", when.strftime("%H:%M:%S"))
    page.click("input[name=_save]")
    # Waits for the list the save leads to (reading at once may catch the form page still open).
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="harbour-reopens-after-the-storm")
    assert article.status == Article.Status.SCHEDULED and article.published_at == when
    assert [a.name for a in article.byline_authors] == ["Dana Example"]
    photo = article.lead_photo
    assert (photo.alt_text, photo.credit) == ("A ferry moored at the repaired quay", "Aisha Example/Serai")
    assert photo.renditions
    reader = new_page(browser)
    assert reader.goto(live_server.url + article.get_absolute_url()).status == 404  # not yet

    page.locator("#result_list tr", has_text="Harbour reopens").locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 article published.")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.published_at <= timezone.now()

    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert reader.locator("h1.headline").inner_text() == "Harbour reopens after the storm"
    image = reader.locator("figure.photo-lead img")
    assert image.get_attribute("alt") == "A ferry moored at the repaired quay"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    caption = reader.locator("figure.photo-lead figcaption").inner_text()
    assert "The first ferry back at the quay." in caption and "[Aisha Example/Serai]" in caption
    assert "By Dana Example" in reader.locator(".story-head .byline").inner_text()
    assert page.errors == [] and reader.errors == []
