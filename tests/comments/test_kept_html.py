"""A comment is rendered by its template (comments/_comment.html); what every reader sees of it is
kept. Every change to what the HTML is made from gives new HTML, with no invalidation, and the HTML
holds an absolute date only: "5 minutes ago" is the browser's, so a cached page never shows a stale
one."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from serai.comments import rendering
from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from tests.comments.helpers import CommentFactory, page

pytestmark = pytest.mark.django_db

RELATIVE = re.compile(r"\b(ago|now|minutes?|hours?|назад|сейчас)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _empty():
    rendering.forget()
    yield
    rendering.forget()


def render(comment, *, mode="post", own=False, **kwargs):
    with override("en"):
        return str(rendering.render_comment(comment, article_language="en", mode=mode, own=own, **kwargs))


def shown_time(html: str) -> str:
    return re.search(r"<time [^>]*>([^<]*)</time>", html).group(1)


def test_the_kept_html_is_what_a_fresh_render_gives(article):
    comment = CommentFactory(article=article, created_at=timezone.now() - timedelta(minutes=5))
    first = render(comment)
    assert len(rendering._kept) == 1
    assert render(comment) == first
    rendering.forget()
    assert render(comment) == first


def test_the_server_writes_an_absolute_localized_date_and_no_relative_phrase(article, client):
    comment = CommentFactory(article=article, created_at=timezone.now() - timedelta(minutes=5))
    html = render(comment)
    local = timezone.localtime(comment.created_at)
    assert f'datetime="{local.isoformat()}"' in html
    assert str(local.year) in shown_time(html) and not RELATIVE.search(shown_time(html))
    body = page(client, article)
    times = re.findall(r"<time [^>]*data-relative[^>]*>([^<]*)</time>", body)
    assert times and not any(RELATIVE.search(t) for t in times)


def test_an_edit_gives_new_html(article):
    comment = CommentFactory(article=article, text="Before the edit")
    assert "Before the edit" in render(comment)
    comment.text_html = "<p>After the edit</p>"
    comment.edited_at = timezone.now()
    html = render(comment)
    assert "After the edit" in html and 'class="edited"' in html


def test_closing_the_thread_removes_reply_links(article):
    comment = CommentFactory(article=article)
    assert "reply-link" in render(comment, mode="post")
    assert "reply-link" not in render(comment, mode="closed")
    assert "reply-link" in render(comment, mode="pre")


def test_the_commenters_own_comment_is_never_the_shared_one(article):
    comment = CommentFactory(article=article, created_at=timezone.now())
    shared = render(comment)
    own = render(comment, own=True)
    assert "/edit/" in own and "/edit/" not in shared
    assert "report-link" in render(comment) and len(rendering._kept) == 1


def test_a_removed_comment_follows_its_clause(article, clause):
    parent = CommentFactory(article=article)
    CommentFactory(parent=parent)
    parent = comment_set_status(comment=parent, status=Comment.Status.REMOVED, clause=clause)
    parent = Comment.objects.select_related("policy_clause").get(pk=parent.pk)
    assert "No personal attacks" in render(parent)
    parent.policy_clause.title = "Criticise ideas, not people"
    assert "Criticise ideas, not people" in render(parent)


def test_a_name_with_markup_stays_text(article):
    comment = CommentFactory(article=article, author_name="<b onmouseover=alert(1)>Aigerim</b>")
    html = render(comment)
    assert "&lt;b onmouseover=alert(1)&gt;Aigerim&lt;/b&gt;" in html
    assert "<b onmouseover" not in html


def test_the_store_is_bounded(article, monkeypatch):
    monkeypatch.setattr(rendering._kept, "size", 5)
    for _ in range(12):
        render(CommentFactory(article=article))
    assert len(rendering._kept) == 5


def test_switched_off_with_the_other_kept_parts(article, settings):
    settings.SERAI_FRAGMENT_CACHE = False
    comment = CommentFactory(article=article)
    assert render(comment) == render(comment)
    assert len(rendering._kept) == 0
