"""An article's story, the part of its page that only editors change, as ready HTML.

The story (headline, standfirst, byline, dates, editions, lead photo, body) and the links, share
tags and structured data in the page's head (serai.newsroom.structured_data) are rendered here,
apart from the conversation under them. The article view keeps the page around the conversation
per process (serai.core.fragments) while the "site" generation is
unchanged, which every change to an article, its photos, bylines, section or authors bumps
(serai.core.freshness), so a page made again after a new comment does not render the story.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from serai.newsroom.extensions import in_article_head
from serai.newsroom.models import Article, Byline, Photo
from serai.newsroom.selectors import article_editions
from serai.newsroom.structured_data import article_json_ld, lead_images, share_context


@dataclass(frozen=True)
class Story:
    title: str
    description: str
    head: SafeString
    body: SafeString


def render_story(article: Article) -> Story:
    """The story's HTML, from the article and what it needs (bylines, photos, editions)."""
    prefetch_related_objects(
        [article],
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch("photos", queryset=Photo.objects.select_related("image").order_by("position", "pk")),
    )
    editions = article_editions(article=article)
    description = Truncator(article.standfirst or article.headline).chars(200)
    images = lead_images(article.lead_photo)
    context = {
        "article": article,
        "editions": editions,
        "SITE_URL": settings.SERAI_SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "registered_head": mark_safe(in_article_head(article)),
        "share": share_context(article, editions, images, description),
        "structured_data": article_json_ld(article, images, editions),
    }
    return Story(
        title=article.headline,
        description=description,
        head=render_to_string("newsroom/_story_head.html", context),
        body=render_to_string("newsroom/_story.html", context),
    )
