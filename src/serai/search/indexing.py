"""What keeps the index in step with the newsroom, connected in SearchConfig.ready().

Inside the transaction that makes the change, so the index never disagrees with what was
committed: an article saved (published, scheduled, edited, unpublished, archived), a byline
changed, an author renamed. An article's deletion takes its entry with it (a cascade).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from serai.newsroom.models import Article, Author, Byline
from serai.search import services
from serai.search.models import Entry


def article_saved(sender, instance: Article, raw=False, **kwargs) -> None:
    if not raw:
        services.entries_refresh(article_ids=[instance.pk])


def byline_changed(sender, instance: Byline, raw=False, origin=None, **kwargs) -> None:
    if raw or isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return  # the article itself is being deleted, its entry with it
    if Article.objects.filter(pk=instance.article_id).exists():
        services.entries_refresh(article_ids=[instance.article_id])


def author_saved(sender, instance: Author, raw=False, created=False, **kwargs) -> None:
    if raw or created:
        return
    ids = Entry.objects.filter(article__bylines__author=instance).values_list("article_id", flat=True)
    services.entries_refresh(article_ids=list(ids))


def fill_empty_index(sender, using="default", **kwargs) -> None:
    """After `migrate`: a site that had articles before search existed gets them indexed once."""
    if not Entry.objects.using(using).exists() and services.indexable().using(using).exists():
        services.entries_rebuild()


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="serai-search-article")
    post_save.connect(byline_changed, sender=Byline, dispatch_uid="serai-search-byline")
    post_delete.connect(byline_changed, sender=Byline, dispatch_uid="serai-search-byline-del")
    post_save.connect(author_saved, sender=Author, dispatch_uid="serai-search-author")
