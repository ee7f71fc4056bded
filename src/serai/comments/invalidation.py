"""What changes in the conversation make stale, connected in CommentsConfig.ready().

A thread changes (a comment appears, is edited or removed; vote totals move; its moderation mode
or closing changes): the page of every edition of the article's story (they share one
conversation), those editions' newest comments (`edition_comments_key`: their comments feeds),
and but for a vote the comment counts of the lists showing the story (each edition's
"comment-counts" generation, and those lists' addresses in caches in front), and no other. A save
of the thread's row (its settings): also the settings each process keeps
(`selectors.thread_settings`). Section conversation settings: the whole site.
A comment's translation saved, reviewed or deleted (`translation_changed`): every edition's page of
its story, as for any change to the conversation (each edition shows the comment, translated or
as written).
"""

from __future__ import annotations

import logging

from django.db import Error as DatabaseFailure
from django.db.models.signals import post_delete, post_save

from serai.comments.models import (
    ArticleVote,
    Comment,
    CommentTranslation,
    SectionConversation,
    Thread,
    story_id,
)
from serai.comments.readers import articles_named
from serai.comments.selectors import settings_generation
from serai.comments.signals import thread_changed as thread_signal
from serai.core import freshness, generations, pagecache
from serai.core.pagecache import story_key
from serai.newsroom.models import Article
from serai.newsroom.selectors import comment_counts_key, story_editions, story_lists

logger = logging.getLogger(__name__)


def edition_comments_key(language: str) -> str:
    """The generation name of what shows an edition's newest comments (its comments feed)."""
    return f"comments:{language}"


def story_pages(story: int) -> tuple[list[str], list[str]]:
    """The generation names and addresses of every edition's page of the story (its original's
    id), with the names of those editions' newest comments, from the editions each process keeps
    (`newsroom.selectors.story_editions`)."""
    editions = story_editions(story)
    languages = sorted({e.language for e in editions})
    names = [story_key(e.language, e.slug) for e in editions] + [edition_comments_key(c) for c in languages]
    return names, [e.get_absolute_url() for e in editions]


def changed_story(article_id: int, article=None, story: int | None = None) -> int | None:
    """The story a `thread_changed` signal names: as sent, else from the article sent, else from
    the article loaded (None when it is gone)."""
    if story is not None:
        return story
    if article is None or article.pk != article_id:
        article = Article.objects.filter(pk=article_id).only("pk", "translation_of_id").first()
    return story_id(article) if article is not None else None


def thread_changed(sender, article_id: int, article=None, story=None, **kwargs) -> None:
    """The conversation of the article's story changed, so did every edition's page, and (but for
    a vote) the comment counts of the lists that show the story (`story_lists`). Senders that
    know the story, or hold the article, pass it, and nothing is loaded (`changed_story`)."""
    if freshness.is_held():  # an import: refreshed site-wide at its end
        return
    try:
        story = changed_story(article_id, article, story)
        if story is not None:
            names, paths = story_pages(story)
            if sender is not ArticleVote:
                languages, lists = story_lists(story)
                names, paths = names + [comment_counts_key(code) for code in languages], paths + lists
            freshness.changed(names, paths)
    except DatabaseFailure:
        logger.exception("Article %s unreadable after its thread changed; site refreshed", article_id)
        generations.store().bump([freshness.SITE])


def translation_changed(comment: Comment) -> None:
    """A translation of `comment` was made, changed, reviewed or deleted: the kept thread blocks
    and the pages of every edition of its story are made afresh on their next request (the
    edition in the translation's language shows it; the others may show it in their own list of
    what is translated, and every save moves the story's generation once, for all of them).

    Saves and deletions of `CommentTranslation` rows call it by themselves (`connect`); code that
    writes translations in bulk (`QuerySet.update`, `bulk_create`) calls it for each comment."""
    freshness.changed(*story_pages(comment.story_id))


def _translation_saved(sender, instance: CommentTranslation, **kwargs) -> None:
    # Only the story is read, not the comment (one small query); a comment already gone takes
    # its page with it.
    story = Comment.objects.filter(pk=instance.comment_id).values_list("story_id", flat=True).first()
    if story is not None:
        translation_changed(Comment(pk=instance.comment_id, story_id=story))


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
    post_save.connect(_translation_saved, sender=CommentTranslation, dispatch_uid="serai-fresh-translation")
    post_delete.connect(
        _translation_saved, sender=CommentTranslation, dispatch_uid="serai-fresh-translation-deleted"
    )
