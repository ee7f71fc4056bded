"""Which feeds and sitemaps the caches in front (nginx, a CDN) must drop when something changes,
connected in SyndicationConfig.ready().

The page cache of each process needs nothing from here: feeds and sitemaps depend on the "site"
generation (and a comments feed on its article's), which the newsroom and the comments app bump.
Caches in front only hear of the paths they are given, so an article's change names its
edition's feeds, its section's and authors' feeds, the sitemaps that list it and the index; a
change to a thread names the article's comments feed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import override

from serai.comments.invalidation import changed_story
from serai.comments.signals import thread_changed
from serai.core import freshness
from serai.newsroom.models import Article, Byline, Photo
from serai.newsroom.selectors import story_editions
from serai.syndication.feeds import comments_feed_path

logger = logging.getLogger(__name__)


def article_paths(article: Article) -> list[str]:
    """The feeds and sitemaps that show `article`."""
    with override(article.language):
        paths = [reverse("syndication:feed"), reverse("syndication:feed-atom")]
        section = {"section": article.section.slug}
        paths += [reverse("syndication:section-feed", kwargs=section)]
        paths += [reverse("syndication:section-feed-atom", kwargs=section)]
        for byline in article.bylines.select_related("author"):
            author = {"slug": byline.author.slug}
            paths += [reverse("syndication:author-feed", kwargs=author)]
            paths += [reverse("syndication:author-feed-atom", kwargs=author)]
        paths.append(comments_feed_path(article))
    sitemap = reverse("sitemap-section", kwargs={"section": f"articles-{article.language}"})
    return [*paths, reverse("sitemap-index"), sitemap, reverse("news-sitemap")]


def article_changed(sender, instance, **kwargs) -> None:
    if freshness.is_held():  # an import: refreshed site-wide at its end
        return
    try:
        article = instance if isinstance(instance, Article) else instance.article
        paths = article_paths(article)
    except ObjectDoesNotExist:
        # Deleted in the same cascade as its section or author: the site-wide bump the newsroom
        # makes keeps every process's pages fresh; nothing is left to name here.
        logger.info("Article changed along with its section or author; purging no feed")
        return
    freshness.changed([], paths)


def comments_changed(sender, article_id: int, article=None, story=None, **kwargs) -> None:
    """The story's conversation changed: every edition's comments feed of the story shows it, and
    so does each of those editions' comments feed."""
    if freshness.is_held():  # an import: refreshed site-wide at its end
        return
    story = changed_story(article_id, article, story)
    if story is None:
        return
    editions = story_editions(story)
    paths = [comments_feed_path(edition) for edition in editions]
    for language in sorted({edition.language for edition in editions}):
        with override(language):
            paths.append(reverse("syndication:edition-comments-feed"))
    freshness.changed([], paths)


def connect() -> None:
    for model in (Article, Photo, Byline):
        post_save.connect(article_changed, sender=model, dispatch_uid=f"serai-feeds-{model.__name__}")
        post_delete.connect(article_changed, sender=model, dispatch_uid=f"serai-feeds-del-{model.__name__}")
    thread_changed.connect(comments_changed, dispatch_uid="serai-feeds-thread-changed")
