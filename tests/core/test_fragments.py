"""Fragments kept per process (an article's story, the article, the sections, the policy's clauses):
a page made again reuses them, and shows every change the moment it is committed.

The page cache is off here, so each read makes the page again: what is checked is that the
fragments alone never show anything stale.
"""

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.core import fragments, generations
from serai.core.fragments import FragmentStore
from serai.moderation.models import PolicyClause
from serai.newsroom import services as newsroom
from serai.newsroom.models import Article
from tests.comments.helpers import post_comment
from tests.core.test_pagecache import get, published_comment
from tests.factories import ArticleFactory, AuthorFactory, add_photo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _pages_made_every_time(settings):
    settings.SERAI_PAGE_CACHE = False


def _stable(html: str) -> str:
    """The page without what differs between two renders of the same data (form token, clock)."""
    html = re.sub(r'name="token" value="[^"]*"', "", html)
    return re.sub(r"data-relative>[^<]*<", "data-relative><", html)


def test_a_page_made_again_is_the_page_made_from_nothing(settings):
    article = ArticleFactory(headline="Rail link opens", authors=[AuthorFactory(name="A. Writer")])
    add_photo(article, caption="The first train", credit="Staff/Ledger")
    for n in range(3):
        published_comment(article, f"Comment number {n}")
    url = article.get_absolute_url()
    first = get(url)
    assert first.code == 200 and len(fragments.fragments()) >= 3
    again = get(url)
    settings.SERAI_FRAGMENT_CACHE = False
    from_nothing = get(url)
    assert _stable(again.text) == _stable(first.text) == _stable(from_nothing.text)
    assert "The first train" in again.text and "A. Writer" in again.text


def _tables(ctx) -> list[str]:
    return [re.findall(r'FROM "(\w+)"', q["sql"])[0] for q in ctx.captured_queries]


def test_a_page_made_again_reads_nothing_while_its_thread_is_unchanged():
    article = ArticleFactory()
    add_photo(article)
    published_comment(article, "First!")
    url = article.get_absolute_url()
    get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert "First!" in get(url).text
    assert _tables(ctx) == []


def test_after_a_new_comment_a_page_made_again_reads_only_the_conversation():
    article = ArticleFactory()
    add_photo(article)
    published_comment(article, "First!")
    url = article.get_absolute_url()
    get(url)
    published_comment(article, "Second!")
    with CaptureQueriesContext(connection) as ctx:
        page = get(url).text
    assert "First!" in page and "Second!" in page and "2 Comments" in page
    # The thread's vote totals, the count of published comments, the published top-level
    # comments, the tombstones, the replies.
    assert _tables(ctx) == ["comments_thread", *["comments_comment"] * 4]


def test_a_readers_own_comments_make_their_thread_their_own(settings):
    """A reader whose comment is in the thread sees it with Edit and Delete; others do not."""
    settings.SERAI_COMMENTS_MODE = "post"
    article = ArticleFactory()
    get(article.get_absolute_url())  # the shared thread, kept
    author = Client()
    assert post_comment(author, article, text="Mine, and editable.").status_code == 303
    mine = author.get(article.get_absolute_url()).content.decode()
    theirs = get(article.get_absolute_url()).text
    assert "Mine, and editable." in mine and "Mine, and editable." in theirs
    assert mine.count("/edit/") > theirs.count("/edit/")


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda a: _save(a, headline="Corrected headline"), "Corrected headline"),
        (lambda a: _save(a, body="A new first paragraph.") or newsroom.article_render(article=a),
         "A new first paragraph."),
        (lambda a: _save(a.section, name="Renamed section"), "Renamed section"),
        (lambda a: _save(a.byline_authors[0], name="Renamed Author"), "Renamed Author"),
        (lambda a: add_photo(a, caption="A caption added later"), "A caption added later"),
    ],
    ids=["headline", "body", "section", "author", "photo"],
)  # fmt: skip
def test_an_editors_change_shows_on_the_next_read(change, expected):
    article = ArticleFactory()
    url = article.get_absolute_url()
    assert expected not in get(url).text
    get(url)  # made again from the fragments
    change(Article.objects.get(pk=article.pk))
    assert expected in get(url).text


def _save(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def test_unpublishing_is_a_404_on_the_next_read():
    article = ArticleFactory()
    url = article.get_absolute_url()
    assert get(url).code == 200
    newsroom.article_unpublish(article=article)
    assert get(url).code == 404


def test_a_scheduled_edition_joins_the_story_when_due():
    original = ArticleFactory(slug="grain")
    ArticleFactory(
        language="ru",
        slug="grain",
        section=original.section,
        translation_of=original,
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timezone.timedelta(seconds=2),
    )
    url = original.get_absolute_url()
    assert 'rel="alternate" hreflang="ru"' not in get(url).text
    assert 'rel="alternate" hreflang="ru"' not in get(url).text  # kept meanwhile
    time.sleep(2.2)
    assert 'rel="alternate" hreflang="ru"' in get(url).text


def test_a_renamed_policy_clause_shows_in_tombstones_on_the_next_read():
    article = ArticleFactory()
    clause, _ = PolicyClause.objects.update_or_create(number=7, defaults={"title": "Stay on topic"})
    removed = published_comment(article, "Off topic")
    reply = comments.comment_post(
        article=article, parent=removed, author_name="B", email="b@example.org", text="A reply", form_age=30
    )
    comments.comment_set_status(comment=reply, status=Comment.Status.PUBLISHED)
    comments.comment_set_status(comment=removed, status=Comment.Status.REMOVED, clause=clause)
    url = article.get_absolute_url()
    assert "Stay on topic" in get(url).text
    clause.title = "Keep to the subject"
    clause.save()
    assert "Keep to the subject" in get(url).text


def test_nothing_is_kept_when_the_generation_store_cannot_answer(monkeypatch):
    store = FragmentStore(10)
    monkeypatch.setattr(generations.store(), "read", lambda names: None)
    made = []
    for _ in range(3):
        store.get("k", ["site"], lambda: made.append(1) or len(made))
    assert made == [1, 1, 1] and len(store) == 0


def test_switched_off_nothing_is_kept(settings):
    settings.SERAI_FRAGMENT_CACHE = False
    store = FragmentStore(10)
    assert [store.get("k", ["site"], lambda: object()) is not None for _ in range(2)] == [True, True]
    assert len(store) == 0


def test_a_change_committed_while_a_fragment_is_made_is_never_hidden():
    """The generations are read before the value is made: a bump in between makes it stale."""
    store = FragmentStore(10)

    def make_while_the_site_changes():
        generations.store().bump(["site"])
        return "made from data read before the change"

    assert store.get("k", ["site"], make_while_the_site_changes) == "made from data read before the change"
    assert store.get("k", ["site"], lambda: "made again") == "made again"
    assert store.get("k", ["site"], lambda: "not needed") == "made again"


def test_the_store_is_bounded():
    store = FragmentStore(3)
    for n in range(10):
        store.get(f"k{n}", ["site"], lambda n=n: n)
    assert len(store) == 3
    assert store.get("k9", ["site"], lambda: "evicted") == 9
    assert store.get("k0", ["site"], lambda: "evicted") == "evicted"


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="token" value="([^"]+)"', page)


def test_readers_without_a_version_of_their_own_share_the_kept_forms_and_their_tokens(settings):
    """As they share a cached page: the vote box and the blank form are kept, tokens included, for
    at most as long as the page cache keeps a page."""
    from serai.comments.forms import form_token_age

    article = ArticleFactory()
    url = article.get_absolute_url()
    pages = [get(url).text for _ in range(3)]
    assert len({tuple(_tokens(page)) for page in pages}) == 1
    assert all(form_token_age(token, article.pk) is not None for token in _tokens(pages[0]))
    assert form_token_age(_tokens(pages[0])[0], article.pk + 1) is None
    published_comment(article, "A new comment makes a new page, and new tokens.")
    after_comment = _tokens(get(url).text)
    assert set(after_comment).isdisjoint(_tokens(pages[0]))
    settings.SERAI_PAGE_CACHE_SECONDS = 1
    time.sleep(1.1)
    assert set(_tokens(get(url).text)).isdisjoint(after_comment)


def test_a_reader_who_commented_gets_a_new_token_on_every_page(settings):
    settings.SERAI_COMMENTS_MODE = "post"
    article = ArticleFactory()
    url = article.get_absolute_url()
    shared = _tokens(get(url).text)
    author = Client()
    assert post_comment(author, article, text="My first comment.").status_code == 303
    first = _tokens(author.get(url).content.decode())
    second = _tokens(author.get(url).content.decode())
    assert set(first).isdisjoint(shared) and set(second).isdisjoint(first)


def test_a_closed_thread_has_no_form_and_reopening_brings_it_back():
    from serai.comments.models import Mode, Thread

    article = ArticleFactory()
    url = article.get_absolute_url()
    assert 'id="comment-form"' in get(url).text
    thread, _ = Thread.objects.get_or_create(article=article)
    thread.mode = Mode.CLOSED
    thread.save()
    assert 'id="comment-form"' not in get(url).text
    thread.mode = Mode.POST
    thread.save()
    assert 'id="comment-form"' in get(url).text


def test_the_masthead_marks_the_current_section_and_follows_renames():
    first = ArticleFactory()
    other = ArticleFactory()
    page = get(first.section.get_absolute_url()).text
    nav = re.search(r'<nav class="sections.*?</nav>', page, re.S).group(0)
    assert f'href="{first.section.get_absolute_url()}" aria-current="page"' in nav
    assert f'href="{other.section.get_absolute_url()}" aria-current' not in nav
    page = get(other.section.get_absolute_url()).text
    assert f'href="{other.section.get_absolute_url()}" aria-current="page"' in page
    _save(other.section, name="Weather desk")
    nav = re.search(r'<nav class="sections.*?</nav>', get(first.get_absolute_url()).text, re.S).group(0)
    assert "Weather desk" in nav and "aria-current" not in nav
