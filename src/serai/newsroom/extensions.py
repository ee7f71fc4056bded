"""What other apps add to the newsroom's pages, registered from their AppConfig.ready().

The newsroom imports no app above it: the conversation under an article comes from whichever app
registered a renderer for it (the comments app does). Without one, articles show no conversation.
Links in an article page's head (its comments feed) come the same way, from `in_article_head`:
they are part of the story, kept with it until the site changes (serai.newsroom.story). The
number of comments an article's structured data gives (`commentCount`) comes from `comment_count`,
asked each time the page is made, as the conversation is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

ConversationRenderer = Callable[[HttpRequest, object], str]

_below_article: list[ConversationRenderer] = []
_in_article_head: list[Callable[[object], str]] = []
_comment_count: list[Callable[[object], int]] = []


def register_below_article(render: ConversationRenderer) -> None:
    """`render(request, article)` answers the HTML shown under the article's story."""
    if render not in _below_article:
        _below_article.append(render)


def below_article(request: HttpRequest, article) -> str:
    """What registered apps show under the article, in the order they registered."""
    return "".join(render(request, article) for render in _below_article)


def register_in_article_head(render: Callable[[object], str]) -> None:
    """`render(article)` answers HTML for the head of the article's page (safe, escaped)."""
    if render not in _in_article_head:
        _in_article_head.append(render)


def in_article_head(article) -> str:
    """What registered apps put in the head of the article's page."""
    return "".join(render(article) for render in _in_article_head)


def register_comment_count(count: Callable[[object], int]) -> None:
    """`count(article)` answers how many comments readers see under the article's story."""
    if count not in _comment_count:
        _comment_count.append(count)


def counts_comments() -> bool:
    return bool(_comment_count)


def comment_count(article) -> int | None:
    """The story's published comments, from the app that registered a count (None without one)."""
    return sum(count(article) for count in _comment_count) if _comment_count else None
