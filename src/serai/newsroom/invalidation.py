"""What the newsroom's changes make stale, connected in NewsroomConfig.ready().

- an article (or its photos, byline) changes: the whole site ("site"), since lists, editions'
  links and the article itself may all show it, and that article's page;
- a section or author changes: the whole site;
- an edition's settings change (its tagline, whether it shows comments in other languages that
  nobody translated): every page and kept part of that edition reads them through
  `editions.edition_settings`, kept with "site", so "site" moves; caches in front are told the
  edition's home page (the others expire by their s-maxage, as after any editor's change);
- scheduled articles: the page cache asks `next_due` when the next one goes live.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from serai.core import freshness
from serai.core.pagecache import story_key
from serai.newsroom.models import Article, Author, Byline, Edition, Photo, Section

logger = logging.getLogger(__name__)


def next_due():
    """When the next scheduled article goes live, or None."""
    return Article.objects.filter(status=Article.Status.SCHEDULED, published_at__gt=timezone.now()).aggregate(
        first=Min("published_at")
    )["first"]


def _edition_paths(article: Article) -> list[str]:
    """The URLs that show this article or its editions: the articles, their homes and lists."""
    root_id = article.translation_of_id or article.pk
    editions = Article.objects.filter(pk=root_id) | Article.objects.filter(translation_of_id=root_id)
    paths = []
    for edition in editions.select_related("section").prefetch_related("bylines__author"):
        with translation.override(edition.language):
            paths += [edition.get_absolute_url(), f"/{edition.language}/", edition.section.get_absolute_url()]
            paths += [b.author.get_absolute_url() for b in edition.bylines.all()]
    return paths


def article_changed(sender, instance, **kwargs) -> None:
    if freshness.is_held():  # an import: refreshed site-wide at its end
        return
    try:
        article = instance if isinstance(instance, Article) else instance.article
    except Article.DoesNotExist:  # a photo or byline deleted along with its article
        return
    try:
        paths = [article.get_absolute_url(), *_edition_paths(article)]
    except ObjectDoesNotExist:
        # Deleted in the same cascade: the site-wide bump below still makes every page afresh.
        logger.info("Article %s changed along with its section or author; purging no URL", article.pk)
        paths = []
    freshness.changed([freshness.SITE, story_key(article.language, article.slug)], paths)
    if isinstance(instance, Article):
        transaction.on_commit(freshness.next_due_refresh)


def edition_changed(sender, instance: Edition, **kwargs) -> None:
    """An edition's settings were saved or deleted: its masthead (tagline) and its conversation
    blocks (which comments in other languages it shows) are made afresh on the next request."""
    freshness.changed([freshness.SITE], [f"/{instance.language}/"])


def connect() -> None:
    post_save.connect(edition_changed, sender=Edition, dispatch_uid="serai-fresh-edition")
    post_delete.connect(edition_changed, sender=Edition, dispatch_uid="serai-fresh-del-edition")
    freshness.register_next_due(next_due)
    for model in (Article, Photo, Byline):
        post_save.connect(article_changed, sender=model, dispatch_uid=f"serai-fresh-{model.__name__}")
        post_delete.connect(article_changed, sender=model, dispatch_uid=f"serai-fresh-del-{model.__name__}")
    freshness.site_models(Section, Author)
