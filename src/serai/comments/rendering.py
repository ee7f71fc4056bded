"""Comments as HTML, made in Python: the thread is the hottest part of an article page.

A comment rendered through a template with includes, URL reversals and translations costs close
to a millisecond; a 17-comment thread cost more than the rest of the page. Here the per-page parts
(translated words, URL patterns) are prepared once and each comment is a handful of string
operations. Everything the reader typed is escaped: names with `html.escape` (what Django's
`escape` does, without its check for lazy strings, which none of these are), the text is the
stored `text_html`, made from escaped text when the comment was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape as _escape

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from serai.comments.models import Comment
from serai.core.lru import LRU

_SENTINEL = 987654321


def _pattern(name: str, *args) -> tuple[str, str]:
    """A URL split around its comment id, reversed once instead of once per comment."""
    url = reverse(name, args=[*args, _SENTINEL])
    before, _sep, after = url.partition(str(_SENTINEL))
    return before, after


@lru_cache(maxsize=4096)
def _absolute(language: str, local) -> str:
    """A comment's date and time in the edition's format (the same comment is shown many times)."""
    return formats.date_format(local, "DATETIME_FORMAT")


def relative_time(moment, now) -> str:
    """'5 minutes ago', in the edition's language; the page's script keeps it current."""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return _phrase(get_language(), None, 0)
    for unit, (size, _phrase_for) in enumerate(_UNITS):
        if seconds >= size:
            return _phrase(get_language(), unit, seconds // size)
    return ""


@lru_cache(maxsize=4096)
def _phrase(language: str, unit: int | None, count: int) -> str:
    """The words for `count` of a unit in one edition (the same few recur on every page)."""
    if unit is None:
        return gettext("now")
    return _UNITS[unit][1](count) % {"count": count}


# Literal strings in each call, so makemessages finds them.
_UNITS = [
    (365 * 86400, lambda n: ngettext("%(count)s year ago", "%(count)s years ago", n)),
    (30 * 86400, lambda n: ngettext("%(count)s month ago", "%(count)s months ago", n)),
    (7 * 86400, lambda n: ngettext("%(count)s week ago", "%(count)s weeks ago", n)),
    (86400, lambda n: ngettext("%(count)s day ago", "%(count)s days ago", n)),
    (3600, lambda n: ngettext("%(count)s hour ago", "%(count)s hours ago", n)),
    (60, lambda n: ngettext("%(count)s minute ago", "%(count)s minutes ago", n)),
]


# What every reader sees of a comment, by everything it is made from (see Renderer.comment).
_shared_html: LRU[tuple, str] = LRU(5000)


def forget() -> None:
    """Drop every kept comment (tests)."""
    _shared_html.clear()
# Stands for the relative time in kept HTML: raw "<" never comes from a reader (names are escaped,
# texts were escaped when saved), so this can only be the place left open.
_RELATIVE = "<serai-relative-time>"


@dataclass(frozen=True)
class _PageParts:
    words: dict
    in_reply_to: str
    to_name: str
    by_name: str
    reply_url: tuple[str, str]
    report_url: tuple[str, str]
    edit_url: tuple[str, str]
    delete_url: tuple[str, str]


@lru_cache(maxsize=4096)
def _page_parts(language: str, article_id: int) -> _PageParts:
    """The edition's words and the URL shapes, the same for every page of an article in one
    edition (translations and URLs do not change while the process runs)."""
    return _PageParts(
        words={
            "staff": escape(gettext("Staff")),
            "edited": escape(gettext("edited")),
            "awaiting": escape(gettext("Your comment is awaiting moderation. Only you can see it.")),
            "reply": escape(gettext("Reply")),
            "report": escape(gettext("Report")),
            "edit": escape(gettext("Edit")),
            "delete": escape(gettext("Delete")),
            "withdrawn": escape(gettext("This comment was withdrawn.")),
            "removed": escape(gettext("This comment was removed by a moderator.")),
            "removed_label": escape(gettext("Removed comment")),
            "show_all": escape(gettext("Show all replies")),
        },
        in_reply_to=gettext("in reply to %(name)s"),
        to_name=gettext("to %(name)s"),
        by_name=gettext("the comment by %(name)s"),
        reply_url=_pattern("comments:reply", article_id),
        report_url=_pattern("moderation:report"),
        edit_url=_pattern("comments:edit"),
        delete_url=_pattern("comments:delete"),
    )


@dataclass
class Renderer:
    """What every comment on one page shares: the edition's words, URL shapes, the reader."""

    article_id: int
    article_language: str
    mode: str
    own_ids: frozenset[int] = frozenset()

    def __post_init__(self):
        self.language = get_language()
        shared = _page_parts(self.language, self.article_id)
        self.words = shared.words
        # Translated patterns, filled in per comment with `%`.
        self.in_reply_to, self.to_name, self.by_name = shared.in_reply_to, shared.to_name, shared.by_name
        self.reply_url, self.report_url = shared.reply_url, shared.report_url
        self.edit_url, self.delete_url = shared.edit_url, shared.delete_url
        self.now = timezone.now()

    def _url(self, pattern: tuple[str, str], pk: int) -> str:
        return f"{pattern[0]}{pk}{pattern[1]}"

    def comment(self, comment: Comment, *, own: bool = False, quoted: bool = False) -> SafeString:
        relative = _escape(relative_time(comment.created_at, self.now))
        if own or quoted or comment.pk in self.own_ids or not settings.SERAI_FRAGMENT_CACHE:
            return mark_safe(self._render(comment, own=own, quoted=quoted, relative=relative))
        # What every reader sees of a comment is kept, its "5 minutes ago" left open: the key
        # holds everything the HTML is made from, so an edit, a removal or a renamed clause
        # makes a new entry rather than needing an invalidation.
        clause = comment.policy_clause if comment.policy_clause_id and comment.is_tombstone else None
        key = (
            comment.pk, self.language, self.article_language, self.mode == "closed", comment.status,
            comment.author_name, comment.text_html, comment.language, comment.created_at, comment.edited_at,
            comment.is_staff_comment, comment.moderation_rule, getattr(comment, "indent", 0) or 0,
            getattr(comment, "in_reply_to", None),
            clause and (clause.number, clause.display_title(self.language)),
        )  # fmt: skip
        html = _shared_html.get(key)
        if html is None:
            html = self._render(comment, own=False, quoted=False, relative=_RELATIVE)
            _shared_html.put(key, html)
        return mark_safe(html.replace(_RELATIVE, relative, 1))

    def _render(self, comment: Comment, *, own: bool, quoted: bool, relative: str) -> str:
        pk = comment.pk
        classes = "comment"
        if comment.is_staff_comment:
            classes += " comment-staff"
        if comment.status == Comment.Status.PENDING:
            classes += " comment-pending"
        indent = getattr(comment, "indent", 0) or 0
        opening = (
            f'<article class="{classes}" id="comment-{pk}" data-indent="{indent}" '
            f'aria-labelledby="comment-{pk}-by">'
        )
        if comment.is_tombstone:
            return f"{opening}\n{self._tombstone(comment)}\n</article>\n"
        return (
            f"{opening}\n{self._head(comment, relative)}\n"
            + (
                f'  <p class="awaiting" role="status">{self.words["awaiting"]}</p>\n'
                if comment.status == Comment.Status.PENDING
                else ""
            )
            + f'  <div class="comment-text" lang="{_escape(comment.language or self.article_language)}">'
            f"{comment.text_html}</div>\n"
            f'  <footer class="comment-actions">{self._actions(comment, own=own, quoted=quoted)}</footer>\n'
            "</article>\n"
        )

    def _tombstone(self, comment: Comment) -> str:
        if comment.policy_clause_id and comment.policy_clause is not None:
            clause = comment.policy_clause
            text = _escape(
                gettext(
                    "This comment was removed for breaking clause %(n)s of the Comment Policy (%(title)s)."
                )
                % {"n": clause.number, "title": clause.display_title(self.language)}
            )
        elif comment.moderation_rule == "withdrawn":
            text = self.words["withdrawn"]
        else:
            text = self.words["removed"]
        return (
            f'  <p class="tombstone">{text}\n  <span id="comment-{comment.pk}-by" '
            f'class="visually-hidden">{self.words["removed_label"]}</span></p>'
        )

    def _head(self, comment: Comment, relative: str) -> str:
        local = timezone.localtime(comment.created_at)
        parts = [
            f'  <header class="comment-head">\n    <span class="comment-author" id="comment-{comment.pk}-by">'
            f"{_escape(comment.author_name)}</span>"
        ]
        if comment.is_staff_comment:
            parts.append(f'<span class="badge">{self.words["staff"]}</span>')
        in_reply_to = getattr(comment, "in_reply_to", None)
        if in_reply_to:
            parts.append(
                f'<span class="in-reply-to">{_escape(self.in_reply_to % {"name": in_reply_to})}</span>'
            )
        parts.append(
            f'<a class="comment-time" href="#comment-{comment.pk}"><time datetime="{local.isoformat()}" '
            f"data-relative>{relative}</time> "
            f'<span class="abs">({_escape(_absolute(self.language, local))})</span></a>'
        )
        if comment.edited_at:
            parts.append(f'<span class="edited">{self.words["edited"]}</span>')
        return "\n    ".join(parts) + "\n  </header>"

    def _actions(self, comment: Comment, *, own: bool, quoted: bool) -> str:
        actions = []
        name = _escape(comment.author_name)
        published = comment.status == Comment.Status.PUBLISHED
        if published and self.mode != "closed" and not quoted:
            to_name = _escape(self.to_name % {"name": comment.author_name})
            reply_url = self._url(self.reply_url, comment.pk)
            actions.append(
                f'<a class="reply-link" href="{reply_url}" data-reply="{comment.pk}" '
                f'data-reply-name="{name}">{self.words["reply"]}'
                f'<span class="visually-hidden"> {to_name}</span></a>'
            )
        if published and not own and not quoted:
            by_name = _escape(self.by_name % {"name": comment.author_name})
            actions.append(
                f'<a class="report-link" href="{self._url(self.report_url, comment.pk)}" rel="nofollow">'
                f'{self.words["report"]}<span class="visually-hidden"> {by_name}</span></a>'
            )
        if (own or comment.pk in self.own_ids) and not quoted and comment.can_be_edited_now():
            actions.append(
                f'<a href="{self._url(self.edit_url, comment.pk)}">{self.words["edit"]}</a> '
                f'<a href="{self._url(self.delete_url, comment.pk)}">{self.words["delete"]}</a>'
            )
        return "\n    ".join(actions)

    def thread(self, roots: list[Comment], more_replies=()) -> SafeString:
        """The list of top-level comments, each followed by its replies (and a link to the rest)."""
        items = []
        show_all = self.words["show_all"]
        for root in roots:
            replies = ""
            if root.shown_replies:
                replies = (
                    '<ol class="replies">'
                    + "".join(
                        f'<li class="reply" data-indent="{reply.indent}">{self.comment(reply)}</li>'
                        for reply in root.shown_replies
                    )
                    + "</ol>"
                )
            if root.pk in more_replies:
                replies += (
                    f'<p class="more-replies"><a href="?root={root.pk}#comment-{root.pk}">{show_all}</a></p>'
                )
            items.append(f'<li class="thread-item">\n      {self.comment(root)}\n      {replies}\n    </li>')
        return mark_safe('<ol class="thread">\n    ' + "".join(items) + "\n  </ol>")
