"""Hostile input in a real browser: the whole corpus as readers' comments and as editors' articles.

Our own payloads (tests/security/xss_payloads.txt) and the Big List of Naughty Strings are posted
as comment names and texts (through the form's validation and the same service the view calls,
100 to an article), and put by an editor into article bodies, headlines and photo words. Chromium
then opens every page with the Content-Security-Policy switched off, so what is tested is the
escaping and sanitising alone: no dialog may open, no payload may set window.__xss or add
#pwned, and no element, handler or script URL may come out of anyone's words.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from serai.comments import services
from serai.comments.forms import CommentForm, issue_form_token
from serai.comments.models import Comment
from serai.newsroom import services as newsroom
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo, image_file
from tests.security.payloads import corpus, own_payloads

pytestmark = pytest.mark.django_db(transaction=True)

PER_ARTICLE = 100
BODY_BATCH = 60
PAYLOADS = corpus()

# Runs in the page: everything that would show that a payload became markup or ran.
INSPECT = (Path(__file__).resolve().parent / "hostile_inspect.js").read_text(encoding="utf-8")


@pytest.fixture
def hostile_settings(settings):
    settings.SERAI_COMMENTS_MODE = "post"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_MIN_FORM_SECONDS = 0
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    settings.SERAI_COMMENTS_PER_PAGE = PER_ARTICLE + 20
    settings.SERAI_TRUSTED_PROXIES = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def hostile_page(browser):
    """JavaScript on, the CSP off (escaping must hold without it), every dialog recorded."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.dialogs = []

    def dismiss(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def _post(article, name: str, text: str, i: int) -> Comment | None:
    """Validate as the form does and post through the service the view calls; None if refused."""
    form = CommentForm(
        {
            "author_name": name,
            "email": f"hostile{i}@example.org",
            "text": text,
            "token": issue_form_token(article.pk, now=time.time() - 10),
            "website": "",
        },
        article=article,
    )
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return services.comment_post(
        article=article,
        author_name=data["author_name"],
        email=data["email"],
        text=data["text"],
        ip_address=f"198.51.100.{i % 250 + 1}",
        form_age=10,
        language=article.language,
    )


def _comment_articles(section, author) -> list[tuple]:
    """Every payload once as a name and once as a text, 100 comments to an article."""
    jobs = [(p, f"Plain text number {i}.") for i, p in enumerate(PAYLOADS)]
    jobs += [(f"Reader {i}", p) for i, p in enumerate(PAYLOADS)]
    articles, refused = [], 0
    for start in range(0, len(jobs), PER_ARTICLE):
        article = ArticleFactory(section=section, authors=[author], headline=f"Comments {start}")
        expected = {}
        for i, (name, text) in enumerate(jobs[start : start + PER_ARTICLE], start):
            comment = _post(article, name, text, i)
            if comment is None:
                refused += 1
                continue
            if comment.status != Comment.Status.PUBLISHED:  # held by a rule: show it anyway
                comment = services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
            expected[comment.pk] = [comment.author_name, comment.text]
        articles.append((article, {"comments": expected, "count": len(expected)}))
    # Only names over 80 characters, blank names and NUL characters may be refused by the form.
    assert refused < 0.1 * len(jobs), refused
    return articles


def _body_articles(section, author) -> list[tuple]:
    """The corpus in article bodies, 60 payloads to a body; ours also as headline and the rest."""
    articles = []
    for n, start in enumerate(range(0, len(PAYLOADS), BODY_BATCH)):
        batch = [p.replace("\x00", "") for p in PAYLOADS[start : start + BODY_BATCH]]
        article = ArticleFactory(
            section=section,
            authors=[author],
            headline=(batch[0][:200] or "x"),
            standfirst=batch[1][:600],
            dateline=batch[2][:80],
            update_note=batch[3][:300],
            body="\n\n".join(batch),
        )
        if n < 4:  # photos with hostile words (a lead photo and an inline one)
            for position, payload in ((1, batch[4]), (2, batch[5])):
                add_photo(
                    article,
                    position=position,
                    image=image_file(size=(120, 80)),
                    alt_text=payload[:300] or "x",
                    caption=payload[:500],
                    credit=payload[:120],
                )
        newsroom.article_render(article=article)
        article.refresh_from_db()
        articles.append((article, {"headline": article.headline}))
    return articles


def _inspect(page, url: str, expected: dict) -> list[str]:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)  # timers, focus and animation handlers would fire by now
    return [f"{url}: {p}" for p in page.evaluate(INSPECT, expected)]


def test_the_corpus_never_runs_or_becomes_markup(live_server, hostile_page, hostile_settings):
    assert len(own_payloads()) >= 200
    started = time.monotonic()
    section, author = SectionFactory(slug="hostile"), AuthorFactory()
    pages = _comment_articles(section, author) + _body_articles(section, author)
    problems = []
    for article, expected in pages:
        problems += _inspect(hostile_page, live_server.url + article.get_absolute_url(), expected)
    for url in ("/en/", section.get_absolute_url(), author.get_absolute_url()):
        problems += _inspect(hostile_page, live_server.url + url, {})
    assert hostile_page.dialogs == [], hostile_page.dialogs[:10]
    assert not problems, "\n".join(problems[:30])
    assert hostile_page.errors == [], hostile_page.errors[:5]
    assert time.monotonic() - started < 90


REAL_FORM = [
    ("<img src=x onerror=alert(1)>", "<script>window.__xss=1</script>"),
    ('"><svg onload=alert(1)>', '<b id=pwned>pwned</b> https://example.org/"onmouseover="alert(1)'),
    ("$& $' {{7*7}}", "[x](javascript:alert(1))\n\n<iframe src=javascript:alert(1)>"),
]


def test_hostile_words_through_the_real_form_with_javascript(live_server, hostile_page, hostile_settings):
    """Posted with the page's own script (the answer's HTML is put in place), then replied to."""
    page = hostile_page
    article = ArticleFactory()
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    for n, (name, text) in enumerate(REAL_FORM, 1):
        page.fill("#id_author_name", name)
        page.fill("#id_email", "hostile@example.org")
        page.fill("#id_text", text)
        page.click("#comment-form button[type=submit]")
        page.locator(".notice.posted").nth(n - 1).wait_for()
        assert page.evaluate(INSPECT, {}) == []  # the comment as put in place by the script
    comments = list(Comment.objects.filter(article=article).order_by("pk"))
    assert [c.author_name for c in comments] == [name for name, _text in REAL_FORM]
    expected = {"comments": {c.pk: [c.author_name, c.text] for c in comments}, "count": len(comments)}
    assert _inspect(page, url, expected) == []
    for comment in comments:  # the reply label is built by the script from the name
        page.click(f"[data-reply='{comment.pk}']")
        label = page.locator("#comment-form .replying-to").inner_text()
        assert label.startswith(f"Replying to {comment.author_name}"), label
        assert page.evaluate(INSPECT, {}) == []
    assert page.dialogs == []


@pytest.mark.parametrize(
    "markup, found",
    [
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<script>window.__xss=1</script>", "window.__xss"),
        ("<b id=pwned>x</b>", "pwned"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<div class="comment-text"><iframe></iframe></div>', "IFRAME"),
        ('<span class="comment-author"><b>x</b></span>', "in a name"),
    ],
)
def test_the_inspection_sees_what_it_looks_for(hostile_page, markup, found):
    """The check above is only as good as this: injected markup must be reported."""
    hostile_page.set_content(f"<!doctype html><html><body>{markup}</body></html>")
    hostile_page.wait_for_timeout(50)
    problems = hostile_page.evaluate(INSPECT, {})
    assert any(found in p for p in problems), problems
    if "alert" in markup and "href" not in markup:
        assert hostile_page.dialogs == ["1"]
