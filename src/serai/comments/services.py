"""Writes to the conversation: posting, editing, withdrawing and redacting comments, status
changes (votes: `serai.comments.votes`). Every write goes through the ORM inside one transaction;
side effects (page refresh, notifications) hang off the signals sent after it commits."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serai.comments import languages, selectors
from serai.comments import text as comment_text
from serai.comments.models import (
    WITHDRAWN,
    Comment,
    ConfirmedEmail,
    Mode,
    SectionConversation,
    Thread,
    shown_in_thread,
    story_id,
)
from serai.comments.signals import comment_held, comment_published, thread_changed
from serai.core import locks
from serai.core.addresses import ip_hash as hash_address
from serai.moderation import pipeline
from serai.moderation.pipeline import Action, Submission, Verdict, moderate
from serai.moderation.privacy import email_hash

STATUS_FOR_ACTION = {
    Action.PUBLISH: Comment.Status.PUBLISHED,
    Action.HOLD: Comment.Status.PENDING,
    Action.REJECT: Comment.Status.REJECTED,
    Action.SPAM: Comment.Status.SPAM,
}


class CommentsClosed(ValidationError):
    """The thread takes no new comments (closed, too old, or the article is not live)."""


def thread_for(*, article) -> Thread:
    """The thread row of the article's story (its original's), made with the first comment or vote
    under any of its editions."""
    thread, _created = Thread.objects.get_or_create(article_id=story_id(article))
    return thread


def _section_settings(article) -> SectionConversation | None:
    try:
        return article.section.conversation
    except SectionConversation.DoesNotExist:
        return None


def thread_mode(*, article, thread=None, now=None) -> str:
    """pre, post or closed, deciding article over section over site; old threads close.
    `thread`: its settings (a Thread or selectors.ThreadSettings), read when not given."""
    thread = thread or selectors.thread_settings(article=article)
    section_settings = (
        _section_settings(article)
        if (thread.mode == Mode.INHERIT or thread.close_after_days is None)
        else None
    )
    mode = thread.mode
    if mode == Mode.INHERIT:
        mode = section_settings.mode if section_settings and section_settings.mode != Mode.INHERIT else None
    mode = mode or Mode(settings.SERAI_COMMENTS_MODE)
    days = thread.close_after_days
    if days is None and section_settings:
        days = section_settings.close_after_days
    if days is None:
        days = settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS
    now = now or timezone.now()
    if days and article.published_at and article.published_at + timedelta(days=days) < now:
        return Mode.CLOSED
    if not article.is_live:
        return Mode.CLOSED
    return mode


def email_is_confirmed(email: str) -> bool:
    return ConfirmedEmail.objects.filter(email_hash=email_hash(email)).exists()


def email_confirm(email: str) -> None:
    ConfirmedEmail.objects.get_or_create(email_hash=email_hash(email))


def _propagate_display(parent_id: int | None, delta: int) -> None:
    """A comment's reply_count counts its displayed children.

    When a child appears or disappears, the parent's count moves; if that makes a tombstone parent
    appear or disappear in turn, its own parent's count moves too, up the branch. So a published
    reply is never hidden under two removed ancestors.
    """
    while parent_id and delta:
        parent = (
            Comment.objects.select_for_update()
            .only("id", "parent_id", "status", "reply_count")
            .get(pk=parent_id)
        )
        before = shown_in_thread(parent.status, parent.reply_count)
        parent.reply_count = max(0, parent.reply_count + delta)
        Comment.objects.filter(pk=parent.pk).update(reply_count=parent.reply_count)
        after = shown_in_thread(parent.status, parent.reply_count)
        delta = 0 if before == after else (1 if after else -1)
        parent_id = parent.parent_id


def _send_thread_changed(comment: Comment) -> None:
    """thread_changed for the comment's article, naming its story (and handing over the article
    when it is loaded already), so the receivers need no query."""
    article = comment.article if Comment.article.is_cached(comment) else None
    thread_changed.send(
        sender=Comment, article_id=comment.article_id, article=article, story=comment.story_id
    )


def _after_commit(comment: Comment, *, was_published: bool) -> None:
    def send():
        if comment.status == Comment.Status.PUBLISHED and not was_published:
            comment_published.send(sender=Comment, comment=comment)
        if comment.status == Comment.Status.PENDING:
            comment_held.send(sender=Comment, comment=comment)
        if was_published or comment.status == Comment.Status.PUBLISHED:
            _send_thread_changed(comment)

    # robust: the comment is saved; a failing side effect is logged, never answered as an error
    # (a reader told "error" sends the comment again).
    transaction.on_commit(send, robust=True)


def form_token_use(token: str, ip_hash: str) -> str | None:
    """What a comment keeps of the form token it was sent with: a hash of the token and the
    sender's address hash, so one token serves one comment per address (a page served from a
    cache gives many readers the same token). None without a token."""
    if not token:
        return None
    return hashlib.blake2b(f"{token}|{ip_hash}".encode(), digest_size=16).hexdigest()


def _lock_commenter(comment: Comment) -> None:
    """Make comments the counting rules would count against each other wait for each other until
    each is stored (PostgreSQL; SQLite's write transactions already run one at a time): a lock
    per address hash, email hash, text hash and form token use."""
    if locks.needed():
        locks.hold_for_transaction(
            locks.COMMENT,
            comment.ip_hash,
            email_hash(comment.email),
            comment.text_hash,
            comment.form_use or "",
        )


def _moderated(comment: Comment, submission: Submission) -> Verdict:
    """The pipeline's verdict on a comment about to be stored or re-stored; call inside the
    transaction that stores it, which is where the counting rules' counts are right."""
    comment.text_hash = comment_text.fingerprint(comment.text)
    _lock_commenter(comment)
    return moderate(replace(submission, history=selectors.submission_history(comment=comment)))


def _submission(comment: Comment, *, article, mode: str, **fields) -> Submission:
    return Submission(
        author_name=comment.author_name,
        text=comment.text,
        language=comment.language,
        edition_language=article.language,
        ip_hash=comment.ip_hash,
        email_hash=email_hash(comment.email),
        is_staff=comment.is_staff_comment,
        premoderated=mode != Mode.POST,
        **fields,
    )


def comment_post(
    *,
    article,
    author_name: str,
    email: str,
    text: str,
    parent: Comment | None = None,
    ip_address: str = "",
    user=None,
    honeypot: str = "",
    form_age: float | None = None,
    form_token: str = "",
    notify_replies: bool = False,
    language: str = "",
) -> Comment:
    """Post a comment or a reply through the moderation pipeline and store it with its verdict.

    `form_age` is the form token's age as the form read it; the token itself is remembered (with
    the address) so it is accepted once. `language`: the language the text is written in, when
    known; else detected from the text (the edition's when the detector is unsure).
    """
    thread, mode = _open_thread(article=article, parent=parent)
    comment = _new_comment(
        article=article,
        story_id=story_id(article),
        parent=parent,
        user=user,
        ip_address=ip_address,
        author_name=author_name.strip(),
        email=email.strip(),
        text=text,
        language=language,
        notify_replies=notify_replies,
    )
    comment.form_use = form_token_use(form_token, comment.ip_hash)
    submission = _submission(comment, article=article, mode=mode, honeypot=honeypot, form_age=form_age)
    pipeline.prepare(comment.language, article.language)
    if not thread.exists:
        thread_for(article=article)
    with locks.writing():
        _apply_verdict(comment, _moderated(comment, submission))
        comment.save(force_insert=True)
        if comment.status == Comment.Status.PUBLISHED:
            _propagate_display(comment.parent_id, +1)
        _after_commit(comment, was_published=False)
    return comment


def _open_thread(*, article, parent: Comment | None):
    """The thread's settings and mode, when it takes this comment; else why not."""
    thread = selectors.thread_settings(article=article)
    mode = thread_mode(article=article, thread=thread)
    if mode == Mode.CLOSED:
        raise CommentsClosed(_("Comments on this article are closed."))
    if parent is not None and (
        parent.story_id != story_id(article) or parent.status != Comment.Status.PUBLISHED
    ):
        raise ValidationError(_("The comment you are replying to is not available any more."))
    return thread, mode


def _new_comment(
    *, article, parent: Comment | None, user, ip_address: str, text: str, language: str, **fields
) -> Comment:
    """The comment about to be judged and stored: its place in the thread, its author as given
    (staff only when signed in as staff), its normalised and rendered text, its language (as
    given, else detected from the text), its address's hash."""
    is_staff = bool(user is not None and getattr(user, "is_staff", False))
    text = comment_text.normalise(text)
    return Comment(
        article=article,
        language=language or languages.detect(text, fallback=article.language),
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        root_id=(parent.root_id or parent.pk) if parent else None,
        text=text,
        text_html=comment_text.render(text),
        user=user if is_staff else None,
        is_staff_comment=is_staff,
        ip_hash=hash_address(ip_address),
        **fields,
    )


def _apply_verdict(comment: Comment, verdict: Verdict) -> None:
    comment.status = STATUS_FOR_ACTION[verdict.action]
    comment.moderation_rule = verdict.rule[:40]
    comment.moderation_reason = verdict.reason[:300]
    comment.policy_clause = selectors.policy_clause_numbered(verdict.clause_number)
    if comment.status != Comment.Status.PUBLISHED:
        comment.published_at = None
    elif comment.published_at is None:
        comment.published_at = timezone.now()


class WithdrawnForGood(ValidationError):
    """A comment its author withdrew keeps only its tombstone: nobody can bring it back."""


@locks.writing()
def comment_set_status(
    *, comment: Comment, status: str, clause=None, reason: str = "", rule: str = ""
) -> Comment:
    """Move a comment to another state, keeping counters, tombstones and caches right.

    Used by moderators' decisions (with the audit log written by the moderation services).
    """
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_withdrawn and status != comment.status:
        raise WithdrawnForGood(_("Its author withdrew this comment; it cannot be shown again."))
    was_published = comment.status == Comment.Status.PUBLISHED
    was_displayed = comment.is_shown_in_thread
    comment.status = status
    if clause is not None or status in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        comment.policy_clause = clause
    if reason:
        comment.moderation_reason = reason[:300]
    if rule:
        comment.moderation_rule = rule[:40]
    is_published = status == Comment.Status.PUBLISHED
    if is_published and comment.published_at is None:
        comment.published_at = timezone.now()
    comment.save(
        update_fields=["status", "policy_clause", "moderation_reason", "moderation_rule", "published_at"]
    )
    if was_displayed != comment.is_shown_in_thread:
        _propagate_display(comment.parent_id, +1 if comment.is_shown_in_thread else -1)
    _after_commit(comment, was_published=was_published)
    return comment


def _bump_thread(comment: Comment) -> None:
    """What readers see of a shown comment changed in place: the thread's pages are refreshed
    once the change commits."""
    transaction.on_commit(lambda: _send_thread_changed(comment), robust=True)


def comment_edit(*, comment: Comment, text: str, ip_address: str = "") -> Comment:
    """The author's own edit, within the edit window; the new text is moderated again, through
    the pipeline new comments go through, in the language detected from it."""
    if not comment.can_be_edited_now():
        raise PermissionDenied(_("Comments can be edited only in the first 15 minutes."))
    text = comment_text.normalise(text)
    mode = thread_mode(article=comment.article)
    article = comment.article
    language = languages.detect(text, fallback=article.language)
    pipeline.prepare(language, article.language)
    with locks.writing():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.article = article
        was_published = comment.status == Comment.Status.PUBLISHED
        comment.text = text
        comment.text_html = comment_text.render(text)
        comment.language = language
        comment.edited_at = timezone.now()
        comment.ip_hash = hash_address(ip_address) or comment.ip_hash
        verdict = _moderated(comment, _submission(comment, article=article, mode=mode, is_edit=True))
        new_status = STATUS_FOR_ACTION[verdict.action]
        # An edit never publishes a comment a moderator has not yet seen.
        if not was_published and new_status == Comment.Status.PUBLISHED:
            new_status = Comment.Status.PENDING
        comment.save(update_fields=["text", "text_html", "language", "edited_at"])
        if new_status != comment.status:
            comment = comment_set_status(comment=comment, status=new_status, reason=verdict.reason)
        elif was_published:
            _bump_thread(comment)
    return comment


def comment_redact(*, comment: Comment, text: str) -> Comment:
    """A moderator's change to a comment's words (a phone number taken out, say): stored,
    rendered again, and every page that shows the comment refreshed. Its state is unchanged."""
    text = comment_text.normalise(text)
    if not text:
        raise ValidationError(_("Write the text readers should see, or remove the comment instead."))
    with locks.writing():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.text = text
        comment.text_html = comment_text.render(text)
        comment.save(update_fields=["text", "text_html"])
        if comment.is_shown_in_thread or comment.status == Comment.Status.PENDING:
            _bump_thread(comment)
    return comment


def comment_withdraw(*, comment: Comment) -> Comment:
    """The author withdraws their comment within the edit window: its words, name and email are
    erased and only a tombstone stays (while replies hang from it); nobody can restore it."""
    if not comment.can_be_edited_now():
        raise PermissionDenied(_("Comments can be deleted only in the first 15 minutes."))
    with locks.writing():
        comment = comment_set_status(
            comment=comment,
            status=Comment.Status.REMOVED,
            reason=_("Withdrawn by its author."),
            rule=WITHDRAWN,
        )
        comment.text = comment.text_html = comment.author_name = comment.email = ""
        comment.notify_replies = False
        comment.save(update_fields=["text", "text_html", "author_name", "email", "notify_replies"])
    return comment
