"""A story's conversation as the API gives it: the page's thread, comment for comment.

The same selector as the article page (`serai.comments.selectors.thread_page`): the same top-level
comments and tombstones, in the same order, with the same replies under each; plus, in two more
queries, the plain text of the published comments and their translations into the edition's
language. A tombstone says only that it was removed: no name, no text.
"""

from __future__ import annotations

from django.conf import settings

from serai.api import cursors, schemas
from serai.comments import selectors
from serai.comments.models import Comment, CommentTranslation, TranslationOrigin, story_id
from serai.comments.services import thread_mode


def shown_translation(translation: CommentTranslation) -> bool:
    """As the comment translation's rule says: a person stands behind it (a translator wrote or
    reviewed it), or the site shows unreviewed machine drafts, labelled (machine: true)."""
    return translation.is_reviewed or settings.SERAI_SHOW_MACHINE_TRANSLATIONS


def _translations(ids: list[int], language: str) -> dict[int, CommentTranslation]:
    if not ids:
        return {}
    rows = CommentTranslation.objects.filter(comment_id__in=ids, language=language).only(
        "comment_id", "language", "text", "text_html", "origin", "reviewed_at"
    )
    return {t.comment_id: t for t in rows if shown_translation(t)}


def _texts(ids: list[int]) -> dict[int, str]:
    """The plain text of published comments (the page's selector reads only their HTML)."""
    if not ids:
        return {}
    return dict(Comment.objects.filter(pk__in=ids, status=Comment.Status.PUBLISHED).values_list("pk", "text"))


def _translation_out(comment: Comment, found: dict, language: str) -> schemas.TranslationOut | None:
    translation = found.get(comment.pk) if comment.language != language else None
    if translation is None:
        return None
    return schemas.TranslationOut(
        language=translation.language,
        text=translation.text,
        text_html=translation.text_html,
        machine=translation.origin == TranslationOrigin.MACHINE,
    )


def _comment_out(comment: Comment, texts: dict, found: dict, language: str, **extra) -> schemas.CommentOut:
    published = comment.status == Comment.Status.PUBLISHED
    return schemas.CommentOut(
        id=comment.pk,
        parent_id=comment.parent_id,
        status="published" if published else "removed",
        author_name=comment.author_name if published else None,
        text=texts.get(comment.pk) if published else None,
        text_html=comment.text_html if published else None,
        language=comment.language,
        created_at=comment.created_at,
        edited_at=comment.edited_at if published else None,
        reply_count=comment.reply_count,
        translation=_translation_out(comment, found, language) if published else None,
        **extra,
    )


def thread_out(*, article, order: str, cursor: str | None, root_id: int | None) -> schemas.ThreadPageOut:
    position = cursors.decode(cursor)
    raw = f"{position[0].isoformat()}~{position[1]}" if position else None
    counters = selectors.thread_counters(article=article)
    count = selectors.published_count(article=article)
    page = selectors.thread_page(article=article, order=order, cursor=raw, root_id=root_id)
    every = [c for root in page.comments for c in (root, *root.shown_replies)]
    shown_ids = [c.pk for c in every if c.status == Comment.Status.PUBLISHED]
    texts = _texts(shown_ids)
    found = _translations(shown_ids, article.language)
    items = [
        _comment_out(
            root,
            texts,
            found,
            article.language,
            replies=[_comment_out(r, texts, found, article.language) for r in root.shown_replies],
            more_replies=page.more_replies.get(root.pk, False),
        )
        for root in page.comments
    ]
    return schemas.ThreadPageOut(
        story=story_id(article),
        order=page.order,
        count=count,
        comments_open=thread_mode(article=article) != "closed",
        votes=schemas.VotesOut(liked_percent=counters.liked_percent, total=counters.votes_total),
        items=items,
        next_cursor=cursors.encode_position(page.next_cursor),
    )
