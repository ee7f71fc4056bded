"""The hostile-input corpus, checked in the server's HTML (the browser test checks the same in Chromium).

Readers: every one of our payloads as a comment's name and as its text, posted through the real
endpoint (the Big List of Naughty Strings goes the same way in tests/comments/test_naughty_strings.py).
Editors: every payload of both lists as an article body, a dateline and a photo's caption, credit and
alt text; ours also as headline, standfirst, update note, section, author and standing page.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils.html import escape

from serai.comments.models import Comment
from serai.newsroom import services
from serai.newsroom.images import figure_html
from serai.newsroom.models import Article
from serai.newsroom.rendering import render_body, render_plain
from tests.comments.helpers import comment_data, post_url, start_tags, unsafe_markup
from tests.factories import ArticleFactory, AuthorFactory, PageFactory, SectionFactory
from tests.newsroom.markup import dangers, find_all, page_dangers, text_of
from tests.security.payloads import blns_lines, corpus, own_payloads

OWN = own_payloads()
ALL = corpus()
RENDITIONS = [
    {"w": 480, "h": 320, "format": "WEBP", "name": "renditions/x/480.webp"},
    {"w": 480, "h": 320, "format": "JPEG", "name": "renditions/x/480.jpg"},
]


def test_the_corpus_is_big_enough():
    assert len(OWN) >= 200
    assert len(set(OWN)) == len(OWN), "a payload is listed twice"
    if blns_lines():
        assert len(ALL) >= len(OWN) + 400


def _as_typed(value: str, limit: int | None = None) -> str:
    """What a form would let through: no NUL (Django refuses it), at most `limit` characters."""
    value = value.replace("\x00", "")
    return value[:limit] if limit else value


# Readers ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["author_name", "text"])
def test_our_payloads_in_comments_are_shown_as_text(client, settings, field):
    settings.SERAI_COMMENTS_PER_PAGE = len(OWN) + 10
    article = ArticleFactory()
    stored, refused = {}, []
    for i, payload in enumerate(OWN):
        cache.clear()
        data = comment_data(article, email=f"x{i}@example.org", text=f"Plain comment {i}.")
        data[field] = payload
        response = client.post(post_url(article), data, headers={"Origin": "http://testserver"})
        assert response.status_code in (303, 400), (payload, response.status_code)
        if response.status_code == 303:
            stored[payload] = Comment.objects.latest("pk")
        else:
            refused.append(payload)
    # Only what a form must refuse is refused: names over 80 characters, NUL characters.
    assert all(len(p) > 80 or "\x00" in p for p in refused if field == "author_name"), refused
    assert all("\x00" in p for p in refused if field == "text"), refused
    Comment.objects.exclude(status="published").update(status="published")
    page = client.get(article.get_absolute_url()).content.decode()
    assert unsafe_markup(page) == []
    assert page_dangers(page, "alert") == []
    for payload, comment in stored.items():
        if field == "author_name":
            by = f'id="comment-{comment.pk}-by">{escape(comment.author_name)}</span>'
            assert f'<span class="comment-author" {by}' in page, payload
        else:
            assert comment.text_html in page, payload
            for tag, attrs in start_tags(comment.text_html):
                assert tag in ("p", "br", "a") and {n for n, _v in attrs} <= {"href", "rel"}, payload
                href = dict(attrs).get("href")
                assert href is None or href.startswith(("http://", "https://")), payload


# Editors ------------------------------------------------------------------------------------------


def test_every_payload_as_an_article_body_is_sanitised():
    problems = []
    for payload in ALL:
        for html in (render_body(payload), render_body("Text.", dateline=payload), render_plain(payload)):
            found = dangers(html)
            if found:
                problems.append(f"{payload!r}: {found}")
    assert not problems, "\n".join(problems[:20])


def test_the_whole_corpus_as_one_body_is_sanitised():
    html = render_body("\n\n".join(ALL), dateline="Korsai")
    assert dangers(html) == []
    assert "alert(1)" in text_of(html)  # shown as words, not dropped


def test_every_payload_in_a_photos_words_is_escaped():
    problems = []
    for payload in ALL:
        photo = SimpleNamespace(renditions=RENDITIONS, alt_text=payload, caption=payload, credit=payload)
        html = figure_html(photo, "100vw")
        found = dangers(html)
        if found:
            problems.append(f"{payload!r}: {found}")
        if payload.strip() and escape(payload) not in html:
            problems.append(f"{payload!r}: not shown as text")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.django_db
def test_our_payloads_in_every_field_an_editor_fills_are_safe_on_the_page(client):
    problems = []
    author, section = AuthorFactory(), SectionFactory()
    for i, payload in enumerate(OWN):
        article = ArticleFactory(
            headline=_as_typed(payload, 200) or "x",
            standfirst=_as_typed(payload, 600),
            dateline=_as_typed(payload, 80),
            body=_as_typed(payload),
            update_note=_as_typed(payload, 300),
            revised_at=None,
            section=section,
            authors=[author],
        )
        Article.objects.filter(pk=article.pk).update(revised_at=article.published_at)
        services.article_render(article=article)
        stored = Article.objects.get(pk=article.pk).body_html
        if dangers(stored):
            problems.append(f"{payload!r} stored as {stored!r}")
        page = client.get(article.get_absolute_url()).content.decode()
        found = page_dangers(page, "alert") + unsafe_markup(page)
        if found:
            problems.append(f"{payload!r} on the page: {found}")
        headline = find_all(page, "h1", "headline")
        if len(headline) != 1 or text_of(f"<p>{escape(article.headline)}</p>") != " ".join(
            headline[0].text.split()
        ):
            problems.append(f"{payload!r}: the headline is not shown as typed")
        if i % 25 == 0:
            home = client.get("/en/").content.decode()
            problems += [f"{payload!r} on the home page: {d}" for d in page_dangers(home, "alert")]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.django_db
def test_our_payloads_in_sections_authors_and_pages_are_safe(client):
    problems = []
    for i, payload in enumerate(OWN):
        section = SectionFactory(
            name=_as_typed(payload, 80) or "x", slug=f"s-{i}", description=_as_typed(payload)
        )
        author = AuthorFactory(
            name=_as_typed(payload, 120) or "x", slug=f"a-{i}", bio=_as_typed(payload, 1000)
        )
        article = ArticleFactory(section=section, authors=[author])
        page = PageFactory(slug=f"p-{i}", title=_as_typed(payload, 200) or "x", body=_as_typed(payload))
        for url in (section.get_absolute_url(), author.get_absolute_url(), f"/en/pages/{page.slug}/"):
            response = client.get(url)
            assert response.status_code == 200, (payload, url)
            html = response.content.decode()
            found = page_dangers(html, "alert") + unsafe_markup(html)
            if found:
                problems.append(f"{payload!r} at {url}: {found}")
        article.delete()
        section.delete()  # keep the navigation (every section) short for the next page
        author.delete()
    assert not problems, "\n".join(problems[:20])
