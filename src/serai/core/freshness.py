"""What to invalidate when something readers see changes.

Connected in CoreConfig.ready(). Each receiver waits for the transaction to commit, then bumps
the generations the affected pages depend on and asks the purge backend to drop their URLs.
- an article (or its photos, byline) changes: the whole site ("site"), since lists, editions
  links and the article itself may all show it;
- a section, author, standing page or Comment Policy clause changes: the whole site;
- a thread changes (a comment appears, is edited or removed; vote totals move): that article only.
"""

from __future__ import annotations

import math
import time

from django.db import transaction
from django.db.models import Min
from django.utils import translation

from serai.core import generations
from serai.core.pagecache import story_key
from serai.core.purge import purger


def _after_commit(names: list[str], paths: list[str]) -> None:
    def run():
        store = generations.store()
        store.bump(names)
        if paths:
            purger().purge(paths)

    transaction.on_commit(run)


def next_due_refresh() -> None:
    """Remember when the next scheduled article goes live, so cached pages expire by then."""
    from serai.newsroom.models import Article

    due = Article.objects.filter(status=Article.Status.SCHEDULED, published_at__gt=_now()).aggregate(
        first=Min("published_at")
    )["first"]
    # Milliseconds since the epoch, rounded up so a page is never rebuilt just before its time.
    generations.store().set(generations.NEXT_DUE, math.ceil(due.timestamp() * 1000) if due else 0)


def _now():
    from django.utils import timezone

    return timezone.now()


def _edition_paths(article) -> list[str]:
    """The URLs that show this article or its editions: the articles, their homes and lists."""
    from serai.newsroom.models import Article

    root_id = article.translation_of_id or article.pk
    editions = Article.objects.filter(pk=root_id) | Article.objects.filter(translation_of_id=root_id)
    paths = []
    for edition in editions.select_related("section").prefetch_related("bylines__author"):
        with translation.override(edition.language):
            paths += [edition.get_absolute_url(), f"/{edition.language}/", edition.section.get_absolute_url()]
            paths += [b.author.get_absolute_url() for b in edition.bylines.all()]
    return paths


def article_changed(sender, instance, **kwargs) -> None:
    from serai.newsroom.models import Article

    try:
        article = instance if isinstance(instance, Article) else instance.article
        paths = [article.get_absolute_url(), *_edition_paths(article)]
    except Article.DoesNotExist:  # a photo or byline deleted along with its article
        return
    except Exception:  # the section went first in a cascade: the site-wide bump still happens
        paths = []
    _after_commit(["site", story_key(article.language, article.slug)], paths)
    if isinstance(instance, Article):
        transaction.on_commit(next_due_refresh)


def site_changed(sender, instance, **kwargs) -> None:
    from django.conf import settings

    _after_commit(["site"], [f"/{code}/" for code, _name in settings.LANGUAGES])


def thread_changed(sender, article_id: int, article=None, **kwargs) -> None:
    """The article's page changed. Senders that hold the article (with its section) pass it, and
    it is not loaded again; with only article_id, it is."""
    from serai.newsroom.models import Article

    if article is None or article.pk != article_id:
        try:
            article = Article.objects.filter(pk=article_id).select_related("section").first()
        except Exception:  # the database went away after the commit: refresh everything instead
            generations.store().bump(["site"])
            return
    if article is not None:
        _after_commit([story_key(article.language, article.slug)], [article.get_absolute_url()])


def due_articles_check(now: float | None = None) -> None:
    """When the remembered due time has passed, start afresh: new lists, and the next due time."""
    store = generations.store()
    due = store.value(generations.NEXT_DUE)
    if due and due <= (now or time.time()) * 1000:
        store.bump(["site"])
        next_due_refresh()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from serai.comments.models import SectionConversation, Thread
    from serai.comments.signals import thread_changed as thread_signal
    from serai.moderation.models import PolicyClause
    from serai.newsroom.models import Article, Author, Byline, Photo, Section
    from serai.pages.models import Page

    for model in (Article, Photo, Byline):
        post_save.connect(article_changed, sender=model, dispatch_uid=f"serai-fresh-{model.__name__}")
        post_delete.connect(article_changed, sender=model, dispatch_uid=f"serai-fresh-del-{model.__name__}")
    # Policy clauses are named in tombstones on any article page.
    for model in (Section, Author, Page, SectionConversation, PolicyClause):
        post_save.connect(site_changed, sender=model, dispatch_uid=f"serai-fresh-{model.__name__}")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"serai-fresh-del-{model.__name__}")
    post_save.connect(_thread_saved, sender=Thread, dispatch_uid="serai-fresh-thread")
    thread_signal.connect(thread_changed, dispatch_uid="serai-fresh-thread-changed")


def _thread_saved(sender, instance, created=False, **kwargs) -> None:
    # A new, empty thread shows nothing new; a changed one (moderation mode, closing) does.
    if not created:
        thread_changed(sender, article_id=instance.article_id)
