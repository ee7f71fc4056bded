"""What every reader sees of a comment is rendered once and kept; only its "5 minutes ago" is new
on each page. Every change to what the HTML is made from gives new HTML, with no invalidation."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from serai.comments import rendering
from serai.comments.models import Comment
from serai.comments.rendering import Renderer
from serai.comments.services import comment_set_status
from tests.comments.helpers import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty():
    rendering._shared_html.clear()
    yield
    rendering._shared_html.clear()


def render(comment, *, mode="post", own_ids=frozenset(), now=None, **kwargs):
    with override("en"):
        renderer = Renderer(comment.article_id, "en", mode, frozenset(own_ids))
        if now is not None:
            renderer.now = now
        return str(renderer.comment(comment, **kwargs))


def relative(html: str) -> str:
    return re.search(r"data-relative>([^<]*)</time>", html).group(1)


def test_the_kept_html_is_what_a_fresh_render_gives(article):
    comment = CommentFactory(article=article, created_at=timezone.now() - timedelta(minutes=5))
    first = render(comment)
    assert len(rendering._shared_html) == 1
    assert render(comment) == first
    rendering._shared_html.clear()
    assert render(comment) == first
    assert relative(first) == "5 minutes ago"


def test_the_relative_time_is_new_on_every_page(article):
    comment = CommentFactory(article=article, created_at=timezone.now() - timedelta(minutes=5))
    now = timezone.now()
    assert relative(render(comment, now=now)) == "5 minutes ago"
    assert relative(render(comment, now=now + timedelta(hours=2))) == "2 hours ago"
    assert len(rendering._shared_html) == 1


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
    own = render(comment, own_ids={comment.pk})
    assert "/edit/" in own and "/edit/" not in shared
    assert "report-link" in render(comment) and len(rendering._shared_html) == 1


def test_a_removed_comment_follows_its_clause(article, clause):
    parent = CommentFactory(article=article)
    CommentFactory(parent=parent)
    parent = comment_set_status(comment=parent, status=Comment.Status.REMOVED, clause=clause)
    parent = Comment.objects.select_related("policy_clause").get(pk=parent.pk)
    assert "No personal attacks" in render(parent)
    parent.policy_clause.title = "Criticise ideas, not people"
    assert "Criticise ideas, not people" in render(parent)


def test_a_name_that_looks_like_the_placeholder_stays_text(article):
    comment = CommentFactory(article=article, author_name="<serai-relative-time>",
                             created_at=timezone.now() - timedelta(minutes=5))  # fmt: skip
    html = render(comment)
    assert "&lt;serai-relative-time&gt;" in html
    assert "<serai-relative-time>" not in html
    assert relative(html) == "5 minutes ago"


def test_the_store_is_bounded(article, monkeypatch):
    monkeypatch.setattr(rendering._shared_html, "size", 5)
    for _ in range(12):
        render(CommentFactory(article=article))
    assert len(rendering._shared_html) == 5


def test_switched_off_with_the_other_kept_parts(article, settings):
    settings.SERAI_FRAGMENT_CACHE = False
    comment = CommentFactory(article=article)
    assert render(comment) == render(comment)
    assert len(rendering._shared_html) == 0


def test_relative_times_keep_each_editions_words_and_plurals():
    from django.utils.translation import override

    now = timezone.now()
    with override("ru"):
        ru = [rendering.relative_time(now - timedelta(minutes=m), now) for m in (1, 2, 5)]
    with override("en"):
        en = [rendering.relative_time(now - timedelta(minutes=m), now) for m in (1, 2, 5)]
        assert rendering.relative_time(now, now) == "now"
    assert en == ["1 minute ago", "2 minutes ago", "5 minutes ago"]
    assert len(set(ru)) == 3 and not set(ru) & set(en)
