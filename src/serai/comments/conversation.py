"""The conversation under an article (vote box, comment form, thread), as its page shows it.

The newsroom's article view asks for it through `serai.newsroom.extensions`, where
CommentsConfig.ready() registers `render_conversation`.

What is the same for every reader who has no comment of their own in it (the thread's counters,
the page of comments, the links between pages) is kept per process with the article's generation,
which every change to its story's conversation moves, on whichever edition it was made (one
conversation per story: `serai.comments.invalidation`), a comment's translation included. The
block differs per edition (each shows comments in other languages translated into its own, or as
written: `serai.comments.translated`), so it is kept per edition and language. A page made again for
another reason (a reader's own version, the page cache off or full) renders only the vote box, the
form and what is the reader's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from serai.comments import readers, selectors, services, translated
from serai.comments.models import Thread, story_id
from serai.comments.templatetags.conversation import blank_form_context, feedback_context
from serai.core.fragments import fragments
from serai.core.pagecache import story_key
from serai.core.params import parse_id


@dataclass(frozen=True)
class ThreadBlock:
    """The thread's vote totals and count of published comments, and its page of comments as
    HTML (comments/_thread_block.html)."""

    thread: Thread
    count: int
    html: SafeString


@dataclass(frozen=True)
class PageAsked:
    """Which page of the thread the address asks for, in its one canonical spelling."""

    order: str
    cursor: str
    root_id: int | None

    @classmethod
    def from_query(cls, query) -> PageAsked:
        root_id = parse_id(query.get("root"))
        position = None if root_id else selectors.decode_cursor(query.get("after"))
        cursor = f"{position[0].isoformat()}~{position[1]}" if position else ""
        return cls(selectors.decode_order(query.get("order")), cursor, root_id)


def render_conversation(request, article) -> str:
    """The conversation block under `article` for this request's reader, as HTML."""
    mode = services.thread_mode(article=article)
    own_ids = readers.own_comment_ids(request)
    asked = PageAsked.from_query(request.GET)
    if own_ids:  # their comments offer Edit and Delete: a thread of their own
        block = _thread_block(article, mode, asked, own_ids=frozenset(own_ids))
    else:
        # Per edition (its own article and language: translations into it, the edition's
        # settings); translations and settings move the story's generation or "site".
        key = (
            f"conversation:{get_language()}:{article.pk}:{article.language}:{_drafts_shown()}:{mode}:"
            f"{asked.order}:{asked.cursor}:{asked.root_id}"
        )
        deps = ["site", story_key(article.language, article.slug)]
        block = fragments().get(key, deps, lambda: _thread_block(article, mode, asked))
    context = {
        "article": article,
        "mode": mode,
        "thread": block.thread,
        "comment_count": block.count,
        "thread_block": block.html,
        "own_pending": selectors.own_comments(article=article, ids=own_ids),
        "own_ids": frozenset(own_ids),
        "my_vote": readers.vote_of(request, story_id(article)),
    }
    if not own_ids and not context["my_vote"]:
        # A reader with a version of their own gets forms of their own: a new token for the
        # next comment (a token serves one comment per address), their vote shown.
        context["for_everyone"] = _forms_for_everyone(article, mode)
    return render_to_string("comments/_conversation.html", context)


def _drafts_shown() -> int:
    """Whether readers see unreviewed machine drafts: a site setting, in the kept block's key."""
    return int(settings.SERAI_SHOW_MACHINE_TRANSLATIONS)


@dataclass(frozen=True)
class FormsForEveryone:
    """The vote box of a reader who has not answered, and the blank comment form, as HTML."""

    vote_box: SafeString
    form: SafeString


def comment_count(article, only_translated: bool | None = None) -> int:
    """The story's published comments this edition shows, kept with the article's generation as
    the thread block is: the block's "17 Comments" and the page's structured data
    (`commentCount`, asked through serai.newsroom.extensions) share one count. `only_translated`
    is the edition's setting (`serai.comments.translated`), read when not given."""
    if only_translated is None:
        only_translated = translated.only_translated(article.language)
    deps = ["site", story_key(article.language, article.slug)]
    return fragments().get(
        f"comment-count:{article.pk}:{int(only_translated)}",
        deps,
        lambda: selectors.published_count(article=article, only_translated=only_translated),
    )


def _forms_for_everyone(article, mode: str) -> FormsForEveryone:
    """The same for every reader who has not voted, form tokens included, so kept as the page
    cache keeps a page (whose one token every reader of it shares): while neither the site nor the
    thread changes, for at most as long. A comment makes new tokens, as it makes a new page: a
    token serves one comment per address."""

    def make() -> FormsForEveryone:
        vote_box = render_to_string("comments/_feedback.html", feedback_context(article, None, None))
        form = render_to_string("comments/_form.html", blank_form_context(article, mode))
        return FormsForEveryone(mark_safe(vote_box), mark_safe(form))

    key = f"conversation-forms:{get_language()}:{article.pk}:{mode}"
    deps = ["site", story_key(article.language, article.slug)]
    return fragments().get(key, deps, make, max_age=settings.SERAI_PAGE_CACHE_SECONDS)


def _thread_block(article, mode: str, asked: PageAsked, *, own_ids=frozenset()) -> ThreadBlock:
    """The counts read first: a comment published meanwhile is counted, or shown and counted."""
    thread = selectors.thread_counters(article=article)
    only_translated = translated.only_translated(article.language)  # the edition's setting, read once
    count = comment_count(article, only_translated)
    page = selectors.thread_page(
        article=article,
        order=asked.order,
        cursor=asked.cursor or None,
        root_id=asked.root_id,
        only_translated=only_translated,
    )
    context = {"article": article, "mode": mode, "page": page, "own_ids": own_ids}
    return ThreadBlock(thread, count, mark_safe(render_to_string("comments/_thread_block.html", context)))
