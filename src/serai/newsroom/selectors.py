"""Reads for the newsroom's pages, each in a fixed number of queries."""

from __future__ import annotations

import copy

from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from serai.core.fragments import fragments
from serai.newsroom.models import Article, Section

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
    """The article at /<language>/<section>/<slug>/, with its section.

    The article and its section change only when the site does (every change to them bumps the
    "site" generation), so they are kept per process and copied for each request. What
    only the story shows (bylines, photos, editions) is loaded when the story is rendered
    (serai.newsroom.story). Staff previews (`preview=True`) may open drafts and scheduled articles
    and always read everything afresh.
    """
    if preview:
        qs = Article.objects.select_related("section", "section__conversation")
        try:
            return qs.get(language=language, slug=slug)
        except Article.DoesNotExist:
            raise Http404("No such article in this edition.") from None
    key = f"article:{language}:{slug}"
    return _kept_article(key, "No such article in this edition.", language=language, slug=slug)


def article_for_conversation(article_id: int) -> Article:
    """The public article with this id, with its section and their conversation settings: what
    posting, replying and voting read of it, kept as `article_for_page` keeps it."""
    return _kept_article(f"article-id:{article_id}", "No such article.", pk=article_id)


def _kept_article(key: str, not_found: str, **lookup) -> Article:
    """The public article `lookup` finds, with its section and their conversation settings, kept
    per process while the site is unchanged and copied for each request (what one request sets on
    its copy stays with that request)."""

    def load() -> Article:
        # Not found is never kept (the exception passes through): addresses nobody published
        # cost a query each, as they always did, and cannot crowd real articles out of the store.
        try:
            return Article.objects.public().select_related("section", "section__conversation").get(**lookup)
        except Article.DoesNotExist:
            raise Http404(not_found) from None

    return copy.copy(fragments().get(key, ["site"], load))


def story_editions(story: int) -> list[Article]:
    """Every edition of the story whose original has the id `story`, published or not, with its
    section, in the order they were made: kept per process while the site is unchanged (every
    change to an article, a translation link included, moves "site")."""

    def load() -> list[Article]:
        editions = Article.objects.filter(Q(pk=story) | Q(translation_of_id=story)).select_related("section")
        return list(editions.order_by("pk"))

    return fragments().get(f"story-editions:{story}", ["site"], load)


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
