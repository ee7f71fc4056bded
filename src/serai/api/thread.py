"""A story's conversation as the API gives it: the page's thread, comment for comment.

The same selector as the article page (`serai.comments.selectors.thread_page`): the same top-level
comments and tombstones, in the same order, with the same replies under each, the same
translations into the edition's language and the same conversations left out where the edition
shows only translated ones (`serai.comments.translated`); plus, in one more query, the plain text
of the published comments. A tombstone says only that it was removed: no name, no text.
"""

from __future__ import annotations

from serai.api import cursors, schemas
from serai.comments import selectors, translated
from serai.comments.conversation import comment_count
from serai.comments.models import Comment, story_id
from serai.comments.services import thread_mode


def _texts(ids: list[int]) -> dict[int, str]:
    """The plain text of published comments (the page's selector reads only their HTML)."""
    if not ids:
        return {}
    return dict(Comment.objects.filter(pk__in=ids, status=Comment.Status.PUBLISHED).values_list("pk", "text"))


def _translation_out(comment: Comment) -> schemas.TranslationOut | None:
    """The translation the page shows over the comment (`serai.comments.translated`), if any."""
    translation = getattr(comment, "shown_translation", None)
    if translation is None:
        return None
    return schemas.TranslationOut(
        language=translation.language,
        text=translation.text,
        text_html=translation.text_html,
        machine=translated.is_machine(translation),
    )


def _comment_out(comment: Comment, texts: dict, **extra) -> schemas.CommentOut:
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
        translation=_translation_out(comment) if published else None,
        **extra,
    )


def thread_out(*, article, order: str, cursor: str | None, root_id: int | None) -> schemas.ThreadPageOut:
    position = cursors.decode(cursor)
    raw = f"{position[0].isoformat()}~{position[1]}" if position else None
    counters = selectors.thread_counters(article=article)
    only_translated = translated.only_translated(article.language)  # the edition's setting, read once
    count = comment_count(article, only_translated)
    page = selectors.thread_page(
        article=article, order=order, cursor=raw, root_id=root_id, only_translated=only_translated
    )
    every = [c for root in page.comments for c in (root, *root.shown_replies)]
    texts = _texts([c.pk for c in every if c.status == Comment.Status.PUBLISHED])
    items = [
        _comment_out(
            root,
            texts,
            replies=[_comment_out(r, texts) for r in root.shown_replies],
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
