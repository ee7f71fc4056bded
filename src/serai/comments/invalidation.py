"""What changes in the conversation make stale, connected in CommentsConfig.ready().

A thread changes (a comment appears, is edited or removed; vote totals move; its moderation mode
or closing changes): that article's page only. A save of the thread's row (its settings): also the
settings each process keeps (`selectors.thread_settings`). Section conversation settings: the
whole site.
"""

from __future__ import annotations

import logging

from django.db import Error as DatabaseFailure
from django.db.models.signals import post_delete, post_save

from serai.comments.models import SectionConversation, Thread
from serai.comments.readers import articles_named
from serai.comments.selectors import settings_generation
from serai.comments.signals import thread_changed as thread_signal
from serai.core import freshness, generations, pagecache
from serai.core.pagecache import story_key
from serai.newsroom.models import Article

logger = logging.getLogger(__name__)


def thread_changed(sender, article_id: int, article=None, **kwargs) -> None:
    """The article's page changed. Senders that hold the article (with its section) pass it, and
    it is not loaded again; with only article_id, it is."""
    if article is None or article.pk != article_id:
        try:
            article = Article.objects.filter(pk=article_id).select_related("section").first()
        except DatabaseFailure:
            logger.exception("Article %s unreadable after its thread changed; site refreshed", article_id)
            generations.store().bump([freshness.SITE])
            return
    if article is not None:
        freshness.changed([story_key(article.language, article.slug)], [article.get_absolute_url()])


def _thread_saved(sender, instance, created=False, **kwargs) -> None:
    # Its settings as each process keeps them are stale; a new, empty thread shows nothing new on
    # the page, a changed one (moderation mode, closing) does.
    freshness.changed([settings_generation(instance.article_id)])
    if not created:
        thread_changed(sender, article_id=instance.article_id)


def connect() -> None:
    # A reader whose cookies name an article (their pending comment, their vote) sees their own
    # version of its page, never the shared one.
    pagecache.register_own_version("serai_", articles_named)
    post_save.connect(_thread_saved, sender=Thread, dispatch_uid="serai-fresh-thread")
    post_delete.connect(_thread_saved, sender=Thread, dispatch_uid="serai-fresh-thread-deleted")
    thread_signal.connect(thread_changed, dispatch_uid="serai-fresh-thread-changed")
    freshness.site_models(SectionConversation)
