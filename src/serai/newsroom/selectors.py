"""Reads for the newsroom's pages, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Case, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from serai.newsroom.models import Article, Byline, Photo, Section

PER_SECTION_ON_HOME = 4


def home_articles(*, language: str) -> tuple[Article | None, list[tuple[Section, list[Article]]]]:
    """The lead story and the latest articles of every section, for one edition.

    Two queries for the articles (plus their prefetches), whatever the number of sections.
    """
    base = Article.objects.published().in_edition(language)
    lead = base.for_listing().newest_first().first()
    ranked = (
        base.exclude(pk=lead.pk if lead else None)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=PER_SECTION_ON_HOME)
        .for_listing()
        .order_by("section__position", "section__name", "rank")
    )
    groups: dict[int, tuple[Section, list[Article]]] = {}
    for article in ranked:
        groups.setdefault(article.section_id, (article.section, []))[1].append(article)
    return lead, list(groups.values())


def section_articles(*, section: Section, language: str):
    return (
        Article.objects.published().in_edition(language).filter(section=section).for_listing().newest_first()
    )


def author_articles(*, author, language: str):
    """An author's articles, those in the reader's edition first, then the other editions."""
    return (
        Article.objects.published()
        .filter(bylines__author=author)
        .annotate(other_edition=Case(When(language=language, then=Value(0)), default=Value(1)))
        .for_listing()
        .order_by("other_edition", "-published_at", "-pk")
        .distinct()
    )


def article_for_page(*, language: str, slug: str, preview: bool = False) -> Article:
    """The article at /<language>/<section>/<slug>/, with what its page needs prefetched.

    Staff previews (`preview=True`) may open drafts and scheduled articles.
    """
    qs = Article.objects.all() if preview else Article.objects.public()
    qs = qs.select_related("section", "section__conversation", "translation_of", "thread").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
    )
    try:
        return qs.get(language=language, slug=slug)
    except Article.DoesNotExist:
        raise Http404("No such article in this edition.") from None


def article_editions(*, article: Article) -> list[Article]:
    """Every public edition of the story, this one included, ordered by language."""
    root_id = article.translation_of_id or article.pk
    editions = (
        Article.objects.public()
        .filter(Q(pk=root_id) | Q(translation_of_id=root_id))
        .select_related("section")
        .only("pk", "language", "slug", "headline", "section__slug")
    )
    return sorted(editions, key=lambda a: a.language)
