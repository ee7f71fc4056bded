"""An edition's comments feed: the newest published comments in the conversations of the stories
this edition publishes, whichever edition each was written on, each linked to this edition's page
of its story. Atom, replies marked with `thr:in-reply-to`, like each article's comments feed.

Cached like the other feeds; besides "site", it depends on the edition's comments generation
(`serai.comments.invalidation.edition_comments_key`), which every change to a conversation of one
of its stories bumps."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from serai.comments.invalidation import edition_comments_key
from serai.comments.models import Comment
from serai.core import pagecache
from serai.newsroom.models import Article
from serai.syndication.feeds import ITEMS, CommentsFeed
from serai.syndication.xml import absolute, tag_uri

# The day this feed's id was first given: ids never change.
FEED_ID_DAY = date(2026, 12, 7)


class EditionCommentsFeed(CommentsFeed):
    def __call__(self, request, *args, **kwargs):
        pagecache.depend(request, edition_comments_key(get_language()))
        pagecache.cacheable(request)
        return super(CommentsFeed, self).__call__(request, *args, **kwargs)

    def get_object(self, request):
        return get_language()

    def items(self, language: str):
        """Three queries: the stories, their newest comments, this edition's page of each."""
        stories = (
            Article.objects.public().in_edition(language).annotate(story=Coalesce("translation_of_id", "pk"))
        )
        comments = list(
            Comment.objects.visible()
            .filter(story_id__in=stories.values("story"))
            .select_related("parent")
            .order_by("-created_at", "-pk")[:ITEMS]
        )
        ids = {comment.story_id for comment in comments}
        pages = (
            Article.objects.public()
            .in_edition(language)
            .filter(Q(pk__in=ids) | Q(translation_of_id__in=ids))
            .select_related("section")
            .only("pk", "language", "slug", "headline", "translation_of_id", "section__slug")
        )
        by_story = {page.translation_of_id or page.pk: page for page in pages}
        for comment in comments:
            comment.article = by_story[comment.story_id]
        return comments

    def title(self, language: str) -> str:
        return _("Comments · %(site)s") % {"site": settings.SITE_NAME}

    def link(self, language: str) -> str:
        return absolute(reverse("newsroom:home"))

    def subtitle(self, language: str) -> str:
        return _("The newest comments on %(site)s") % {"site": settings.SITE_NAME}

    def feed_url(self, language: str) -> str:
        return absolute(reverse("syndication:edition-comments-feed"))

    def feed_guid(self, language: str) -> str:
        return tag_uri("comments", language, FEED_ID_DAY)

    def item_title(self, item: Comment) -> str:
        return _("%(name)s on “%(headline)s”") % {"name": item.author_name, "headline": item.article.headline}
