"""The demo's seven editions: each edition's tagline and section names, and the featured
conversation's comments carried from one edition's language into another's.

Like the rest of the demo, only what is missing is added: an edition an editor has set up, a
section name an editor has given, a translation a translator has written are left as they are.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction

from serai.comments import text as comment_text
from serai.comments.models import Comment, CommentTranslation
from serai.comments.signals import thread_changed
from serai.demo.comment_translations import COMMENT_TRANSLATIONS, HUMAN, DemoCommentTranslation
from serai.demo.content import TAGLINES, DemoSection
from serai.newsroom.models import Article, Edition, Section


def add_section_names(section: Section, demo: DemoSection) -> int:
    """Name the section in each edition that has no name for it yet; returns how many were added."""
    missing = {
        code: name for code, name in demo.translated_names.items() if code not in section.translated_names
    }
    if missing:
        section.translated_names = {**section.translated_names, **missing}
        section.save(update_fields=["translated_names"])
    return len(missing)


def add_editions() -> int:
    """Give each edition its tagline, unless it has its own settings already; returns how many."""
    made = 0
    for language, tagline in TAGLINES.items():
        _edition, created = Edition.objects.get_or_create(language=language, defaults={"tagline": tagline})
        made += created
    return made


def demo_comment(demo: DemoCommentTranslation) -> Comment | None:
    """The published comment a demo translation is of, found by its article, writer and words."""
    (item,) = [comment for comment in demo.conversation.comments if comment.key == demo.key]
    return Comment.objects.filter(
        article__language="en",
        article__slug=demo.conversation.article,
        email=item.by.email,
        text=comment_text.normalise(item.text),
        status=Comment.Status.PUBLISHED,
    ).first()


def add_comment_translations(translator, reviewer, now: datetime) -> Counter[str]:
    """Write the demo's translations of comments that have none in that language yet: the
    translator's own (reviewed as they are written), or a machine draft the reviewer checked."""
    made: Counter[str] = Counter()
    stories: set[int] = set()
    with transaction.atomic():
        for demo in COMMENT_TRANSLATIONS:
            comment = demo_comment(demo)
            if comment is None or comment.translations.filter(language=demo.language).exists():
                continue
            at = min(comment.published_at + timedelta(hours=demo.hours_after), now)
            human = demo.origin == HUMAN
            CommentTranslation.objects.create(
                comment=comment,
                language=demo.language,
                text=demo.text,
                text_html=comment_text.render(demo.text),
                origin=demo.origin,
                translated_by=translator if human else None,
                reviewed_by=translator if human else reviewer,
                reviewed_at=at,
                created_at=at,
                updated_at=at,
            )
            stories.add(comment.story_id)
            made["comment translation"] += 1
        for story in stories:  # every edition of the story shows the translations: refresh them
            transaction.on_commit(
                lambda story=story: thread_changed.send(sender=Article, article_id=story, story=story)
            )
    return made
