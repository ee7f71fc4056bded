"""A reader comments, replies and votes in a real browser, with JavaScript on and off."""

import pytest
from django.test import override_settings

from serai.comments import services
from serai.comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 1500
FLAG = "\U0001f1f0\U0001f1ff"  # one flag, two code points: one character for reader and server


def _published_comment(article, name="First Reader", text="A first thought."):
    comment = services.comment_post(article=article, author_name=name, email="first@example.org", text=text)
    return services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


def test_counter_error_post_reply_and_vote_with_javascript(live_server, page):
    """The counter reaches 0, shows the overflow, the server refuses 1501 in place, posts and votes work."""
    article = ArticleFactory()
    parent = _published_comment(article)
    page.goto(live_server.url + article.get_absolute_url())
    counter = page.locator("#comment-counter")
    assert counter.inner_text() == "1500 / 1500"

    area = page.locator("#id_text")
    area.fill("x" * (LIMIT - 1))
    area.press_sequentially(FLAG)
    assert counter.inner_text() == "0 / 1500"
    area.press_sequentially("y")
    assert counter.inner_text() == "-1 / 1500"

    page.fill("#id_author_name", "Careful Reader")
    page.fill("#id_email", "careful@example.org")
    page.click("#comment-form button[type=submit]")
    error = page.locator("#comment-form .field-error").first
    error.wait_for()
    assert "1500" in error.inner_text()
    assert page.locator("#id_text").input_value() == "x" * (LIMIT - 1) + FLAG + "y"
    assert Comment.objects.count() == 1

    area.fill("Measured words, " + FLAG + " and nothing more.")
    page.click("#comment-form button[type=submit]")
    page.locator(".notice.posted").wait_for()
    assert "awaiting moderation" in page.locator(".notice.posted").inner_text()
    assert Comment.objects.filter(author_name="Careful Reader", status="pending").exists()

    page.click(f"[data-reply='{parent.pk}']")
    assert "Replying to First Reader" in page.locator("#comment-form .replying-to").inner_text()
    page.fill("#id_text", "A reply, posted in place.")
    page.click("#comment-form button[type=submit]")
    page.locator(".notice.posted >> nth=1").wait_for()
    reply = Comment.objects.get(text="A reply, posted in place.")
    assert reply.parent_id == parent.pk

    page.click("[data-feedback] button[value=yes]")
    result = page.locator("[data-feedback] .feedback-result")
    result.wait_for(state="visible")
    assert "100% of readers liked this" in result.inner_text()
    assert page.foreign_requests == []
    assert page.console_errors == []


def test_post_reply_and_vote_without_javascript(live_server, page_nojs):
    """Plain forms: the 1501 error page keeps the text, Reply is a link, voting is a POST."""
    page = page_nojs
    article = ArticleFactory()
    parent = _published_comment(article)
    page.goto(live_server.url + article.get_absolute_url())
    page.fill("#id_author_name", "Plain Reader")
    page.fill("#id_email", "plain@example.org")
    too_long = "z" * LIMIT + FLAG
    page.fill("#id_text", too_long)
    page.click("#comment-form button[type=submit]")
    assert "1501" in page.locator(".field-error").inner_text()
    assert page.locator("#id_text").input_value() == too_long
    assert page.locator("#comment-counter").inner_text() == "-1 / 1500"

    page.fill("#id_text", "Short and civil.")
    page.click("#comment-form button[type=submit]")
    assert page.url.startswith(live_server.url + article.get_absolute_url())
    assert "awaiting moderation" in page.locator("#your-comments").inner_text()

    page.click(f"#comment-{parent.pk} .reply-link")
    assert "/reply/" in page.url
    page.fill("#id_author_name", "Plain Reader")
    page.fill("#id_email", "plain@example.org")
    page.fill("#id_text", "Replying without scripts.")
    page.click("#comment-form button[type=submit]")
    assert Comment.objects.get(text="Replying without scripts.").parent_id == parent.pk

    page.click("[data-feedback] button[value=no]")
    assert "0% of readers liked this" in page.locator("[data-feedback] .feedback-result").inner_text()
    assert page.foreign_requests == []


@override_settings(SERAI_COMMENTS_MODE="post", SERAI_MIN_FORM_SECONDS=0)
def test_post_moderated_comment_appears_at_once(live_server, page):
    article = ArticleFactory()
    page.goto(live_server.url + article.get_absolute_url())
    page.fill("#id_author_name", "Quick Reader")
    page.fill("#id_email", "quick@example.org")
    page.fill("#id_text", "Appears at once.")
    page.click("#comment-form button[type=submit]")
    page.locator(".notice.posted").wait_for()
    page.reload()
    assert "Appears at once." in page.locator(".thread").inner_text()
    assert "1 Comment" in page.locator("#comments-title").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_moderator_approves_and_the_comment_appears(live_server, browser, javascript):
    """A reader's held comment is approved in the queue by a moderator and then shown to everyone."""
    from django.contrib.auth.models import User

    from serai.moderation.roles import moderators_group

    article = ArticleFactory()
    moderator = User.objects.create_user("mod", "mod@example.org", "a-long-moderator-pass", is_staff=True)
    moderator.groups.add(moderators_group())

    reader = browser.new_context(java_script_enabled=javascript)
    page = reader.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + article.get_absolute_url())
    page.fill("#id_author_name", "Patient Reader")
    page.fill("#id_email", "patient@example.org")
    page.fill("#id_text", "Waiting for a moderator.")
    page.click("#comment-form button[type=submit]")
    page.locator(".notice.posted, #your-comments").first.wait_for()
    comment = Comment.objects.get(author_name="Patient Reader")
    assert comment.status == Comment.Status.PENDING

    staff = browser.new_context(java_script_enabled=javascript)
    queue = staff.new_page()
    queue.set_default_timeout(10_000)
    queue.goto(live_server.url + "/en/moderation/")
    assert "/login/" in queue.url
    queue.fill("#id_username", "mod")
    queue.fill("#id_password", "a-long-moderator-pass")
    queue.click("input[type=submit], button[type=submit]")
    assert "/en/moderation/" in queue.url
    card = queue.locator(f"#card-{comment.pk}")
    assert "Waiting for a moderator." in card.inner_text()
    card.locator("button[data-action=approve]").click()
    # With JavaScript the queue updates in place: the card leaves once the decision is saved.
    queue.locator(f"#card-{comment.pk}").wait_for(state="detached")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED

    fresh = browser.new_context(java_script_enabled=javascript).new_page()
    fresh.goto(live_server.url + article.get_absolute_url())
    assert "Waiting for a moderator." in fresh.locator(f"#comment-{comment.pk}").inner_text()
    assert "1 Comment" in fresh.locator("#comments-title").inner_text()
    for context in (reader, staff, fresh.context):
        context.close()


def _counter_is_live(page, *, prefilled: int = 0):
    """Typing moves the visible counter, and the screen-reader message uses the singular for one."""
    counter = page.locator("#comment-counter")
    area = page.locator("textarea[data-limit]")
    area.fill("")
    area.press_sequentially("abc")
    assert counter.inner_text() == f"{LIMIT - 3} / {LIMIT}"
    area.fill("x" * LIMIT)
    area.press_sequentially("y")
    assert counter.inner_text() == f"-1 / {LIMIT}"
    assert page.locator("[data-counter-live]").inner_text() == "1 character over the limit"
    area.press_sequentially("z")
    assert page.locator("[data-counter-live]").inner_text() == "2 characters over the limit"


def test_the_counter_is_live_on_the_edit_reply_and_error_pages(live_server, page):
    """Wherever a comment can be written, with the plural forms of the edition's language."""
    article = ArticleFactory()
    parent = _published_comment(article)

    page.goto(live_server.url + f"/en/comments/{article.pk}/reply/{parent.pk}/")
    _counter_is_live(page)

    # The page a reader without JavaScript gets back when the server refuses the text: sent with
    # form.submit(), which the page's script does not intercept.
    page.fill("#id_author_name", "Long Reader")
    page.fill("#id_email", "long@example.org")
    page.fill("#id_text", "w" * (LIMIT + 4))
    page.evaluate("document.querySelector('#comment-form').submit()")
    page.wait_for_load_state()
    assert "1504" in page.locator(".field-error").first.inner_text()
    _counter_is_live(page)

    page.goto(live_server.url + article.get_absolute_url())
    page.fill("#id_author_name", "Own Reader")
    page.fill("#id_email", "own@example.org")
    page.fill("#id_text", "Words I will change.")
    page.click("#comment-form button[type=submit]")
    page.locator(".notice.posted").wait_for()
    own = Comment.objects.get(author_name="Own Reader")
    page.goto(live_server.url + f"/en/comments/edit/{own.pk}/")
    _counter_is_live(page)
    assert page.console_errors == []
