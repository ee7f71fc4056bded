"""Writes to the search index. The signal receivers (`indexing`), `serai reindex` and the bench
call these; an article is in the index while readers could find it in a list (published, or
scheduled: a scheduled article's entry is found from its publication time on)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch

from serai.newsroom.models import Article, Byline
from serai.search.backends import backend
from serai.search.models import Entry
from serai.search.text import body_text, clean

INDEXED = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
BATCH = 500
FIELDS = ["language", "published_at", "title", "standfirst", "body", "authors"]


def indexable():
    """The articles the index holds."""
    return Article.objects.filter(status__in=INDEXED, published_at__isnull=False)


def _articles():
    bylines = Byline.objects.select_related("author").order_by("position", "pk")
    return indexable().prefetch_related(Prefetch("bylines", queryset=bylines))


def _entry(article: Article) -> Entry:
    return Entry(
        article_id=article.pk,
        language=article.language,
        published_at=article.published_at,
        title=clean(article.headline),
        standfirst=clean(article.standfirst),
        body=body_text(article.body),
        authors=clean(", ".join(b.author.name for b in article.bylines.all())),
    )


@transaction.atomic
def entries_refresh(*, article_ids: Iterable[int]) -> None:
    """Bring the entries of these articles in step with them: kept (with their id, which orders
    results) and rewritten while they can be found, removed when not (unpublished, archived,
    deleted), made for those newly published."""
    ids = set(article_ids)
    findable = {a.pk: _entry(a) for a in _articles().filter(pk__in=ids)}
    Entry.objects.filter(article_id__in=ids - findable.keys()).delete()
    kept = dict(Entry.objects.filter(article_id__in=findable).values_list("article_id", "pk"))
    for entry in findable.values():
        entry.pk = kept.get(entry.article_id)
    Entry.objects.bulk_update([e for e in findable.values() if e.pk], FIELDS)
    Entry.objects.bulk_create([e for e in findable.values() if not e.pk])
    if findable:
        backend().refresh(list(Entry.objects.filter(article_id__in=findable).values_list("pk", flat=True)))


@transaction.atomic
def entries_rebuild() -> int:
    """Make the whole index again from the articles, oldest first (ids order the results);
    returns how many entries it holds."""
    Entry.objects.all().delete()
    articles = _articles().order_by("published_at", "pk")
    count = 0
    while batch := list(articles[count : count + BATCH]):
        Entry.objects.bulk_create([_entry(a) for a in batch])
        count += len(batch)
    backend().refresh()
    return count
