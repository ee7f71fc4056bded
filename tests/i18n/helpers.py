"""Reading a rendered page the way a reader does: its visible text, and one element's text."""

from __future__ import annotations

import re
from html import unescape

from serai.comments import services
from serai.comments.models import Comment

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def text(html: str) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def element_text(html: str, tag: str, attrs: str = "") -> str:
    """The text of the first <tag> whose opening tag contains `attrs` (e.g. 'id="comments-title"')."""
    match = re.search(rf"<{tag}\b[^>]*{re.escape(attrs)}[^>]*>(.*?)</{tag}>", html, re.S)
    assert match, f"no <{tag} {attrs}> on the page"
    return text(match.group(1))


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]*)"', html)
    assert match, "no <html lang> on the page"
    return match.group(1)


def publish_comment(article, *, name="Айгерим", text="Хорошая статья, спасибо.") -> Comment:
    """A reader's comment posted through the services and approved by a moderator."""
    comment = services.comment_post(
        article=article, author_name=name, email="reader@example.org", text=text, form_age=30
    )
    return services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


def set_published_count(article, n: int) -> None:
    """Make the article's thread hold exactly `n` published comments."""
    Comment.objects.filter(article=article).delete()
    Comment.objects.bulk_create(
        Comment(article=article, story_id=article.translation_of_id or article.pk,
                author_name=f"Reader {i}", email="reader@example.org",
                text=f"Comment {i}", text_html=f"<p>Comment {i}</p>", language=article.language,
                status=Comment.Status.PUBLISHED)
        for i in range(n)
    )  # fmt: skip
