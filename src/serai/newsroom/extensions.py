"""What other apps add to the newsroom's pages, registered from their AppConfig.ready().

The newsroom imports no app above it: the conversation under an article comes from whichever app
registered a renderer for it (the comments app does). Without one, articles show no conversation.
Links in an article page's head (its comments feed) come the same way, from `in_article_head`:
they are part of the story, kept with it until the site changes (serai.newsroom.story).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

ConversationRenderer = Callable[[HttpRequest, object], str]

_below_article: list[ConversationRenderer] = []
_in_article_head: list[Callable[[object], str]] = []


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
