"""The newsroom's reads as the API gives them: editions, sections, authors, articles.

Each function reads through the newsroom's selectors and querysets (the same published() the
pages use), in a fixed number of queries, and returns the allow-listed schemas."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from serai.api import cursors, schemas
from serai.api.problems import Problem
from serai.comments.models import story_id
from serai.comments.services import thread_mode
from serai.newsroom import selectors
from serai.newsroom.models import Article, Author, Byline, Edition, Section

MAX_LIMIT = 50


def edition(language: str) -> str:
    """The edition's language, made the request's (messages, addresses); else a 404 problem."""
    if language not in dict(settings.LANGUAGES):
        raise Problem(404, _("No such edition."), kind="not-found")
    translation.activate(language)
    return language


def editions() -> list[schemas.EditionOut]:
    taglines = dict(Edition.objects.exclude(tagline="").values_list("language", "tagline"))
    return [
        schemas.EditionOut(
            language=code,
            name=translation.get_language_info(code)["name_local"],
            tagline=taglines.get(code, settings.SITE_TAGLINE),
            url=f"/{code}/",
        )
        for code, _name in settings.LANGUAGES
    ]


def sections(language: str) -> list[schemas.SectionOut]:
    return [
        schemas.SectionOut(
            slug=s.slug, name=s.display_name(language), description=s.description, url=s.get_absolute_url()
        )
        for s in Section.objects.order_by("position", "name")
    ]


def author(slug: str) -> schemas.AuthorOut:
    found = get_object_or_404(Author, slug=slug)
    url = reverse("newsroom:author", kwargs={"slug": found.slug})
    return schemas.AuthorOut(slug=found.slug, name=found.name, bio=found.bio, url=url)


def _summary_fields(article: Article, bylines: list) -> dict:
    return {
        "id": article.pk,
        "story": story_id(article),
        "language": article.language,
        "section": article.section.slug,
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published_at": article.published_at,
        "revised_at": article.revised_at if article.was_updated else None,
        "authors": [schemas.AuthorRef(slug=b.author.slug, name=b.author.name) for b in bylines],
        "url": article.get_absolute_url(),
    }


def articles(*, language: str, section: str | None, author: str | None, cursor: str | None, limit: int):
    """Published articles of the edition, newest first, cut by keyset (published_at, id)."""
    position = cursors.decode(cursor)
    found = (
        Article.objects.published()
        .in_edition(language)
        .select_related("section")
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        .newest_first()
    )
    if section:
        found = found.filter(section__slug=section)
    if author:
        found = found.filter(bylines__author__slug=author)
    if position:
        when, pk = position
        found = found.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    page = list(found[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    items = [schemas.ArticleSummary(**_summary_fields(a, list(a.bylines.all()))) for a in page]
    after = cursors.encode(page[-1].published_at, page[-1].pk) if more else None
    return schemas.ArticlePage(items=items, next_cursor=after)


def article(*, language: str, section: str, slug: str) -> Article:
    """The public article at this address of the edition (kept per process, as its page keeps it)."""
    found = selectors.article_for_page(language=language, slug=slug)
    if found.section.slug != section:
        raise Problem(
            404, _("The article is now at %(url)s") % {"url": found.get_absolute_url()}, kind="moved"
        )
    return found


def article_out(found: Article) -> schemas.ArticleOut:
    bylines = list(found.bylines.select_related("author").order_by("position", "pk"))
    editions_ = [
        schemas.EditionRef(language=e.language, headline=e.headline, url=e.get_absolute_url())
        for e in selectors.article_editions(article=found)
    ]
    return schemas.ArticleOut(
        **_summary_fields(found, bylines),
        dateline=found.dateline,
        body_html=found.body_html,
        update_note=found.update_note,
        correction_note=found.correction_note,
        editions=editions_,
        comments_open=thread_mode(article=found) != "closed",
    )
