"""Reads for the newsroom's pages, each in a fixed number of queries."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Case, Count, F, Prefetch, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone, translation

from serai.core.fragments import fragments
from serai.newsroom import extensions
from serai.newsroom.front_page import LEAD, TOP_STORIES
from serai.newsroom.models import Article, Byline, Section, Topic
from serai.newsroom.readership import MOST_READ as MOST_READ_KEY

PER_SECTION_ON_HOME = 4
RELATED = 4
MOST_COMMENTED = 5
MOST_READ = 5
RECENT_DAYS = 7
RANKING_SECONDS = 60


def comment_counts_key(language: str) -> str:
    """The generation the edition's lists move with when their stories' comment counts change."""
    return f"comment-counts:{language}"


@dataclass
class FrontPage:
    lead: Article | None
    top_stories: list[Article]
    sections: list[tuple[Section, list[Article]]]
    most_commented: list[Article] = field(default_factory=list)
    most_read: list[Article] = field(default_factory=list)


def front_page(*, language: str) -> FrontPage:
    """An edition's front page: the lead (the editors' choice, else the newest), the top stories
    editors chose in their order, the latest of every section, the most commented of the last
    days; every story's comment count. A fixed number of queries, whatever the number of articles."""
    base = Article.objects.published().in_edition(language)
    newest = [F("published_at").desc(), F("pk").desc()]
    # The newest article, and the newest in each place editors gave (an older one in the same
    # place has been displaced: it is back in its section). At most seven rows.
    candidates = list(
        base.annotate(
            recency=Window(RowNumber(), order_by=newest),
            in_place=Window(RowNumber(), partition_by=[F("front_position")], order_by=newest),
        )
        .filter(Q(recency=1) | Q(front_position__isnull=False, in_place=1))
        .for_listing()
        .order_by(F("front_position").asc(nulls_last=True), "-published_at", "-pk")
    )
    chosen = [a for a in candidates if a.front_position == LEAD and a.in_place == 1]
    lead = (chosen or [a for a in candidates if a.recency == 1] or [None])[0]
    top = [a for a in candidates if a.front_position in TOP_STORIES and a.in_place == 1 and a is not lead]
    shown = [a.pk for a in [lead, *top] if a is not None]
    front = FrontPage(
        lead=lead,
        top_stories=top,
        sections=_section_blocks(base.exclude(pk__in=shown)),
        most_commented=_ranking(f"most-commented:{language}", most_commented_since, language, ["site"]),
        most_read=_ranking(f"most-read:{language}", most_read_since, language, ["site", MOST_READ_KEY]),
    )
    listed = [a for a in [lead, *top] if a is not None] + [a for _s, block in front.sections for a in block]
    with_comment_counts(listed + front.most_commented + front.most_read)
    return front


def _ranking(key: str, read, language: str, deps: list[str]) -> list[Article]:
    """A front page's ranking (most commented, most read), kept per process for at most
    RANKING_SECONDS while `deps` are unchanged: the front page is made again after every comment
    on its stories (their counts), and the rankings need not be read again each time. Copies, as
    each page sets its own comment counts on them."""
    kept = fragments().get(key, deps, lambda: read(language=language), max_age=RANKING_SECONDS)
    return [copy.copy(article) for article in kept]


def most_commented_since(*, language: str, days: int = RECENT_DAYS, limit: int = MOST_COMMENTED):
    """The edition's articles whose stories had the most published comments in the last `days`
    (none without an app keeping the conversation); one query."""
    since = timezone.now() - timedelta(days=days)
    return extensions.most_commented(language=language, since=since, limit=limit)


def most_read_since(*, language: str, days: int = RECENT_DAYS, limit: int = MOST_READ) -> list[Article]:
    """The edition's published articles read most in the last `days` (today included), most
    first, with `recent_reads`; one query."""
    since = timezone.now().date() - timedelta(days=days - 1)
    return list(
        Article.objects.published()
        .in_edition(language)
        .filter(reads__day__gte=since)
        .annotate(recent_reads=Sum("reads__count"))
        .select_related("section")
        .order_by("-recent_reads", "-published_at", "-pk")[:limit]
    )


def home_articles(*, language: str) -> tuple[Article | None, list[tuple[Section, list[Article]]]]:
    """The lead story and the latest articles of every section, for one edition."""
    front = front_page(language=language)
    return front.lead, front.sections


def _section_blocks(articles) -> list[tuple[Section, list[Article]]]:
    """The latest PER_SECTION_ON_HOME of `articles` in each section, sections in their order: one
    query (plus its prefetches), whatever the number of sections."""
    ranked = (
        articles.annotate(
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
    return list(groups.values())


def with_comment_counts(articles: list[Article]) -> list[Article]:
    """Sets `comment_count` on each article: its story's published comments, in one query for the
    whole list (from the app that keeps the conversation; none without one)."""
    counts = extensions.comment_counts(sorted({a.translation_of_id or a.pk for a in articles}))
    for article in articles:
        article.comment_count = counts.get(article.translation_of_id or article.pk, 0)
    return articles


def topic_articles(*, topic: Topic, language: str):
    return Article.objects.published().in_edition(language).filter(topics=topic).for_listing().newest_first()


def related_articles(*, article: Article, limit: int = RELATED) -> list[Article]:
    """Up to `limit` published articles of the same edition that share the most topics with this
    one, then those of its section, newest first; never one of the story's own editions. One query."""
    story = article.translation_of_id or article.pk
    tagged = Article.topics.through.objects.filter(topic__in=article.topics.all()).values("article_id")
    return list(
        Article.objects.published()
        .in_edition(article.language)
        .filter(Q(pk__in=tagged) | Q(section_id=article.section_id))
        .exclude(pk__in=[story, article.pk])
        .exclude(translation_of_id=story)
        .annotate(
            shared=Count("topics", filter=Q(topics__in=article.topics.all())),
            same_section=Case(When(section_id=article.section_id, then=Value(1)), default=Value(0)),
        )
        .select_related("section")
        .order_by("-shared", "-same_section", "-published_at", "-pk")[:limit]
    )


def list_paths(editions) -> list[str]:
    """The addresses of the lists that show these editions: each one's home, section, authors'
    and topics' pages (the editions with their section, bylines' authors and topics)."""
    paths = []
    for edition in editions:
        with translation.override(edition.language):
            paths += [f"/{edition.language}/", edition.section.get_absolute_url()]
            paths += [b.author.get_absolute_url() for b in edition.bylines.all()]
            paths += [topic.get_absolute_url() for topic in edition.topics.all()]
    return paths


def story_lists(story: int) -> tuple[list[str], list[str]]:
    """The languages of the story's editions and the addresses of the lists showing them, kept per
    process while the site is unchanged (what a new comment's count makes stale)."""

    def load() -> tuple[list[str], list[str]]:
        editions = list(
            Article.objects.filter(Q(pk=story) | Q(translation_of_id=story))
            .select_related("section")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")), "topics")
        )
        return sorted({e.language for e in editions}), list_paths(editions)

    return fragments().get(f"story-lists:{story}", ["site"], load)


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
