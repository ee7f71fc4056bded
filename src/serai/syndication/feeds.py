"""RSS 2.0 and Atom feeds of an edition, a section, an author and a topic, and each article's
comments.

Items are the edition's published articles, newest first, read in a fixed number of queries
(`for_listing`). Every link is absolute (settings.SERAI_SITE_URL, as the pages' canonical links),
every id a tag: URI made of what never changes (the site's host, the day the article was created,
its number). The feeds are the same for every anonymous reader: the page cache keeps them until
the "site" generation moves, which every change to an article, section or author bumps; the
comments feed also depends on the article's own generation, which every change to its thread bumps.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import format_html
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from serai.comments.models import Comment, story_id
from serai.core import pagecache
from serai.newsroom.models import Article, Author, Section, Topic
from serai.syndication.xml import CleanAtomFeed, CleanRssFeed, ThreadedAtomFeed, absolute, tag_uri

ITEMS = 50
ENCLOSURE_WIDTH = 1200
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


_LINK = re.compile(r'(\s(?:src|href)=")(/[^/"][^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_links(html: str) -> str:
    """The body's links and images with the site's address: feed readers show it elsewhere."""
    html = _LINK.sub(lambda m: f'{m.group(1)}{absolute(m.group(2))}"', html)
    return _SRCSET.sub(lambda m: m.group(1) + _absolute_srcset(m.group(2)) + '"', html)


def _absolute_srcset(value: str) -> str:
    parts = [part.strip() for part in value.split(",")]
    return ", ".join(absolute(p) if p.startswith("/") and not p.startswith("//") else p for p in parts)


def lead_enclosure(article: Article) -> Enclosure | None:
    """The lead photo's widest rendition up to ENCLOSURE_WIDTH, in a format every reader shows."""
    photo = article.lead_photo
    if photo is None:
        return None
    whole = [r for r in photo.renditions if r.get("format") != "WEBP"] or photo.renditions
    if not whole:
        return None
    fitting = [r for r in whole if r["w"] <= ENCLOSURE_WIDTH]
    chosen = max(fitting, key=lambda r: r["w"]) if fitting else min(whole, key=lambda r: r["w"])
    try:
        length = default_storage.size(chosen["name"])
    except (OSError, NotImplementedError):
        length = 0  # RSS asks for a length; 0 says "unknown"
    mime = MIME_TYPES.get(chosen.get("format", ""), "application/octet-stream")
    return Enclosure(absolute(default_storage.url(chosen["name"])), str(length), mime)


class ArticleFeed(Feed):
    """An edition's newest published articles (the whole edition; subclasses narrow it)."""

    feed_type = CleanRssFeed

    def __call__(self, request, *args, **kwargs):
        pagecache.cacheable(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return Article.objects.published().in_edition(get_language())

    def items(self, obj):
        return list(self.articles(obj).for_listing().newest_first()[:ITEMS])

    def title(self, obj):
        return settings.SITE_NAME

    def description(self, obj):
        return settings.SITE_TAGLINE or settings.SITE_NAME

    def link(self, obj):
        return absolute(reverse("newsroom:home"))

    def feed_url(self, obj):
        return absolute(reverse("syndication:feed"))

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        if settings.SERAI_FEED_FULL_TEXT and item.body_html:
            return absolute_links(item.body_html)
        return item.standfirst or item.headline

    def item_link(self, item: Article) -> str:
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return tag_uri("article", item.pk, item.created_at)

    def item_guid_is_permalink(self, item: Article) -> bool:
        return False

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return max(item.published_at, item.revised_at or item.published_at)

    def item_author_name(self, item: Article) -> str | None:
        return ", ".join(author.name for author in item.byline_authors) or None

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.display_name(item.language)]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        enclosure = lead_enclosure(item)
        return [enclosure] if enclosure else []


class AtomArticleFeed(ArticleFeed):
    feed_type = CleanAtomFeed
    subtitle = ArticleFeed.description

    def feed_url(self, obj):
        return absolute(reverse("syndication:feed-atom"))


class SectionFeed(ArticleFeed):
    def get_object(self, request, section):
        return get_object_or_404(Section, slug=section)

    def articles(self, obj):
        return super().articles(obj).filter(section=obj)

    def title(self, obj):
        return f"{obj.display_name(get_language())} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.description or self.title(obj)

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse("syndication:section-feed", kwargs={"section": obj.slug}))


class AtomSectionFeed(SectionFeed):
    feed_type = CleanAtomFeed
    subtitle = SectionFeed.description

    def feed_url(self, obj):
        return absolute(reverse("syndication:section-feed-atom", kwargs={"section": obj.slug}))


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return super().articles(obj).filter(bylines__author=obj)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.bio or self.title(obj)

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse("syndication:author-feed", kwargs={"slug": obj.slug}))


class AtomAuthorFeed(AuthorFeed):
    feed_type = CleanAtomFeed
    subtitle = AuthorFeed.description

    def feed_url(self, obj):
        return absolute(reverse("syndication:author-feed-atom", kwargs={"slug": obj.slug}))


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def articles(self, obj):
        return super().articles(obj).filter(topics=obj)

    def title(self, obj):
        return f"{obj.display_name(get_language())} · {settings.SITE_NAME}"

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse("syndication:topic-feed", kwargs={"slug": obj.slug}))


class AtomTopicFeed(TopicFeed):
    feed_type = CleanAtomFeed
    subtitle = TopicFeed.description

    def feed_url(self, obj):
        return absolute(reverse("syndication:topic-feed-atom", kwargs={"slug": obj.slug}))


class CommentsFeed(Feed):
    """An article's newest published comments (its story's, written on any edition), in Atom,
    replies marked with `thr:in-reply-to`.

    Only published comments, and of each only the name its author chose and its text: never an
    email address, never a comment awaiting moderation, removed or withdrawn."""

    feed_type = ThreadedAtomFeed

    def __call__(self, request, *args, **kwargs):
        # Read the story's generation before the comments, as the article page does.
        pagecache.depend(request, pagecache.story_key(get_language(), kwargs.get("slug", "")))
        pagecache.cacheable(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, section, slug):
        article = (
            Article.objects.public()
            .in_edition(get_language())
            .select_related("section")
            .filter(slug=slug)
            .first()
        )
        if article is None or article.section.slug != section:
            raise Http404("No such article in this edition.")
        return article

    def items(self, obj: Article):
        # The story's one conversation, whichever edition each comment was written on.
        comments = Comment.objects.visible().filter(story_id=story_id(obj)).select_related("parent")
        comments = list(comments.order_by("-created_at", "-pk")[:ITEMS])
        for comment in comments:
            comment.article = obj  # the article already read, not once more per comment
        return comments

    def title(self, obj: Article) -> str:
        return _("Comments on “%(headline)s”") % {"headline": obj.headline}

    def link(self, obj: Article) -> str:
        return absolute(obj.get_absolute_url()) + "#comments"

    def subtitle(self, obj: Article) -> str:
        return f"{obj.headline} · {settings.SITE_NAME}"

    def feed_url(self, obj: Article) -> str:
        return absolute(comments_feed_path(obj))

    def feed_guid(self, obj: Article) -> str:
        return tag_uri("article", obj.pk, obj.created_at) + "/comments"

    def item_title(self, item: Comment) -> str:
        return _("Comment by %(name)s") % {"name": item.author_name}

    def item_description(self, item: Comment) -> str:
        return item.text_html

    def item_link(self, item: Comment) -> str:
        return absolute(item.article.get_absolute_url()) + f"#comment-{item.pk}"

    def item_guid(self, item: Comment) -> str:
        return tag_uri("comment", item.pk, item.created_at)

    def item_pubdate(self, item: Comment):
        return item.published_at or item.created_at

    def item_updateddate(self, item: Comment):
        return item.edited_at or item.published_at or item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.author_name

    def item_extra_kwargs(self, item: Comment) -> dict:
        parent = item.parent
        if parent is None:
            return {}
        href = absolute(item.article.get_absolute_url()) + f"#comment-{parent.pk}"
        return {"in_reply_to": (tag_uri("comment", parent.pk, parent.created_at), href)}


def comments_feed_path(article: Article) -> str:
    with override(article.language):
        return reverse(
            "syndication:comments-feed", kwargs={"section": article.section.slug, "slug": article.slug}
        )


def comments_feed_link(article: Article) -> str:
    """The article page's head link to its comments feed (registered with the newsroom)."""
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        _("Comments on “%(headline)s”") % {"headline": article.headline},
        comments_feed_path(article),
    )
