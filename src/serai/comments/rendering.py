"""Comments as HTML, through the templates comments/_comment.html (one comment) and
comments/_thread.html (a page of them).

Reader text is escaped by the template engine; the text's HTML is the stored `text_html`, made from
escaped text when the comment was saved. Dates are absolute (the page's script adds "5 minutes
ago"), so a comment's HTML is the same for every reader who did not write it: with
SERAI_FRAGMENT_CACHE on, that HTML is kept, keyed by everything it is made from, so an edit, a
removal, a renamed clause or a new translation makes a new entry rather than needing an
invalidation. A comment in another language than the edition's shows as `serai.comments.translated`
says: its translation with the original in a <details> element (no script needed), or its own
words with their `lang` and "Written in …".
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from serai.comments import translated
from serai.comments.models import Comment, Mode
from serai.core.lru import LRU

TEMPLATE = "comments/_comment.html"

# What every reader sees of a comment, by everything it is made from (see `render_comment`).
_kept: LRU[tuple, SafeString] = LRU(5000)


def forget() -> None:
    """Drop every kept comment (tests)."""
    _kept.clear()


def _context(comment: Comment, *, article_language: str, closed: bool, own: bool, quoted: bool) -> dict:
    clause = comment.policy_clause if comment.policy_clause_id and comment.is_tombstone else None
    # In another language than the edition's: its translation where the page found one readers
    # may see (`translated.attach_translations`), else its own words, marked with their language.
    foreign = bool(comment.language) and comment.language != article_language and not comment.is_tombstone
    translation = getattr(comment, "shown_translation", None) if foreign else None
    return {
        "translation": translation,
        "machine": translated.is_machine(translation),
        "language_note": translated.translation_note(comment, translation) if foreign else "",
        "comment": comment,
        "article_language": article_language,
        "closed": closed,
        "own": own,
        "quoted": quoted,
        "editable": own and not quoted and comment.can_be_edited_now(),
        "indent": getattr(comment, "indent", 0) or 0,
        "in_reply_to": getattr(comment, "in_reply_to", None),
        "clause": clause,
        "clause_title": clause.display_title(get_language()) if clause else "",
    }


def render_comment(
    comment: Comment,
    *,
    article_language: str,
    mode: str,
    own: bool = False,
    quoted: bool = False,
) -> SafeString:
    """One comment as readers see it; `own`: the reader wrote it (it may offer Edit and Delete)."""
    context = _context(
        comment, article_language=article_language, closed=mode == Mode.CLOSED, own=own, quoted=quoted
    )
    if own or quoted or not settings.SERAI_FRAGMENT_CACHE:
        return render_to_string(TEMPLATE, context)
    key = (
        comment.pk, get_language(), article_language, context["closed"], comment.status, comment.author_name,
        comment.text_html, comment.language, comment.created_at, comment.edited_at, comment.is_staff_comment,
        comment.moderation_rule, context["indent"], context["in_reply_to"],
        context["clause"] and (context["clause"].number, context["clause_title"]),
        context["translation"] and (context["translation"].text_html, context["machine"]),
    )  # fmt: skip
    html = _kept.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, context)
        _kept.put(key, html)
    return html
