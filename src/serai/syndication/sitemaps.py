"""Sitemaps: each edition's published articles with their translations as hreflang alternates and
their photos (Google's image extension), every edition's front, section and topic pages, and the
Google News sitemap of the last two days.

Addresses are made with settings.SERAI_SITE_URL, as the pages' canonical links are, whichever host
a crawler asked. The index and each sitemap are cached pages that depend on the "site" generation.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.files.storage import default_storage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from serai.newsroom.models import Article, Photo, Section
from serai.syndication.xml import absolute

NEWS_DAYS = 2
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with settings.SERAI_SITE_URL, not the request's host."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SERAI_SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SERAI_SITE_URL).netloc

    def alternates_for(self, items: list) -> dict:
        """item → [(language, path)] of the same page in every edition; none by default."""
        return {}

    def images_for(self, items: list) -> dict:
        """item → the addresses of the photos the page shows; none by default."""
        return {}

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        items = [url["item"] for url in urls]
        alternates, images = self.alternates_for(items), self.images_for(items)
        for url in urls:
            url["images"] = images.get(url["item"], [])
            editions = alternates.get(url["item"], [])
            if len(editions) > 1:
                url["alternates"] = [
                    {"lang_code": lang, "location": absolute(path)} for lang, path in editions
                ]
        return urls


class ArticleSitemap(SiteSitemap):
    """One edition's published articles, last changed first."""

    def __init__(self, language: str):
        self.language = language

    def items(self):
        return (
            Article.objects.published()
            .in_edition(self.language)
            .select_related("section")
            .only(
                "pk", "language", "slug", "published_at", "revised_at", "translation_of_id", "section__slug"
            )
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return max(item.published_at, item.revised_at or item.published_at)

    def alternates_for(self, items: list) -> dict:
        """Every public edition of each story on the page, in one query."""
        roots = {item.translation_of_id or item.pk for item in items}
        if not roots:
            return {}
        editions = (
            Article.objects.published()
            .filter(Q(pk__in=roots) | Q(translation_of_id__in=roots))
            .select_related("section")
            .only("pk", "language", "slug", "translation_of_id", "section__slug")
        )
        by_root: dict[int, list[tuple[str, str]]] = {}
        for edition in editions:
            root = edition.translation_of_id or edition.pk
            by_root.setdefault(root, []).append((edition.language, edition.get_absolute_url()))
        return {item: sorted(by_root.get(item.translation_of_id or item.pk, [])) for item in items}

    def images_for(self, items: list) -> dict:
        """Each article's photos in their order, as their widest rendition, in one query."""
        photos = Photo.objects.filter(article__in=items).select_related("image").order_by("position", "pk")
        by_article: dict[int, list[str]] = {}
        for photo in photos:
            address = photo_address(photo)
            if address:
                by_article.setdefault(photo.article_id, []).append(address)
        return {item: by_article.get(item.pk, []) for item in items}


def photo_address(photo: Photo) -> str | None:
    """The photo's widest rendition in a format every crawler reads (the original's size at most)."""
    whole = [r for r in photo.renditions if r.get("format") != "WEBP"] or photo.renditions
    if not whole:
        return None
    return absolute(default_storage.url(max(whole, key=lambda r: r["w"])["name"]))


class SectionSitemap(SiteSitemap):
    """Every edition's front page and section pages, each with its other editions as alternates."""

    changefreq = "hourly"

    def items(self):
        sections = list(Section.objects.only("slug"))
        return [(code, section) for code, _name in settings.LANGUAGES for section in [None, *sections]]

    def location(self, item) -> str:
        return _section_path(*item)

    def alternates_for(self, items: list) -> dict:
        languages = [code for code, _name in settings.LANGUAGES]
        return {item: [(code, _section_path(code, item[1])) for code in languages] for item in items}


def _section_path(language: str, section: Section | None) -> str:
    with override(language):
        return section.get_absolute_url() if section else reverse("newsroom:home")


class TopicSitemap(SiteSitemap):
    """Each edition's topic pages that list something: a topic with a published article there,
    with the topic's pages in its other such editions as alternates. One query."""

    changefreq = "daily"

    def items(self):
        tagged = (
            Article.topics.through.objects.filter(article__in=Article.objects.published())
            .values_list("article__language", "topic__slug")
            .distinct()
            .order_by("topic__slug", "article__language")
        )
        return list(tagged)

    def location(self, item) -> str:
        language, slug = item
        with override(language):
            return reverse("newsroom:topic", kwargs={"slug": slug})

    def alternates_for(self, items: list) -> dict:
        editions: dict[str, list[str]] = {}
        for language, slug in items:
            editions.setdefault(slug, []).append(language)
        return {
            item: [(code, self.location((code, item[1]))) for code in editions[item[1]]] for item in items
        }


def news_articles(now=None) -> list[Article]:
    """Articles of every edition published in the last NEWS_DAYS days, newest first."""
    now = now or timezone.now()
    return list(
        Article.objects.published(now)
        .filter(published_at__gte=now - timedelta(days=NEWS_DAYS))
        .select_related("section")
        .only("pk", "language", "slug", "headline", "published_at", "section__slug")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )


def sitemaps(extra: dict[str, Sitemap] | None = None) -> dict[str, Sitemap]:
    """The sitemaps the index lists, by the name in their address (/sitemap-<name>.xml); `extra`
    adds other apps' (the project's URL configuration names the standing pages')."""
    found: dict[str, Sitemap] = {
        f"articles-{code}": ArticleSitemap(code) for code, _name in settings.LANGUAGES
    }
    found["sections"] = SectionSitemap()
    found["topics"] = TopicSitemap()
    return {**found, **(extra or {})}
