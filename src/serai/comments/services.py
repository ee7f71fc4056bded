"""Writes to the conversation: posting, editing and deleting comments, status changes, votes."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from serai.comments import text as comment_text
from serai.comments import writes
from serai.comments.models import (
    ArticleVote,
    Comment,
    ConfirmedEmail,
    Mode,
    SectionConversation,
    Thread,
)
from serai.comments.signals import comment_held, comment_published, thread_changed
from serai.core import locks
from serai.moderation.pipeline import Action, Deliberation, Submission, Verdict, moderate
from serai.moderation.privacy import email_hash
from serai.core.addresses import ip_hash as hash_address

TOMBSTONE_STATES = {Comment.Status.REJECTED, Comment.Status.REMOVED, Comment.Status.SPAM}
STATUS_FOR_ACTION = {
    Action.PUBLISH: Comment.Status.PUBLISHED,
    Action.HOLD: Comment.Status.PENDING,
    Action.REJECT: Comment.Status.REJECTED,
    Action.SPAM: Comment.Status.SPAM,
}


class CommentsClosed(ValidationError):
    """The thread takes no new comments (closed, too old, or the article is not live)."""


def thread_for(*, article, create: bool = True) -> Thread:
    """The article's thread; with create=False an unsaved, empty one when nobody wrote yet."""
    try:
        thread = article.thread
    except Thread.DoesNotExist:
        if not create:
            return Thread(article=article)
        thread, _created = Thread.objects.get_or_create(article=article)
        article.thread = thread
    return thread


def _section_settings(article) -> SectionConversation | None:
    try:
        return article.section.conversation
    except SectionConversation.DoesNotExist:
        return None


def thread_mode(*, article, thread: Thread | None = None, now=None) -> str:
    """pre, post or closed, deciding article over section over site; old threads close."""
    thread = thread or thread_for(article=article, create=False)
    section_settings = (
        _section_settings(article)
        if (thread.mode == Mode.INHERIT or thread.close_after_days is None)
        else None
    )
    mode = thread.mode
    if mode == Mode.INHERIT:
        mode = section_settings.mode if section_settings and section_settings.mode != Mode.INHERIT else None
    mode = mode or settings.SERAI_COMMENTS_MODE
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


def _is_displayed(status: str, reply_count: int) -> bool:
    """Shown in the thread: published, or a tombstone that still holds replies up."""
    return status == Comment.Status.PUBLISHED or (status in TOMBSTONE_STATES and reply_count > 0)


def _shift_counters(comment: Comment, delta: int) -> None:
    """Keep the thread's published counters in step with what readers see."""
    writes.shift_counters(
        article_id=comment.article_id, published=delta, top_level=delta if comment.parent_id is None else 0
    )


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
        before = _is_displayed(parent.status, parent.reply_count)
        parent.reply_count = max(0, parent.reply_count + delta)
        Comment.objects.filter(pk=parent.pk).update(reply_count=parent.reply_count)
        after = _is_displayed(parent.status, parent.reply_count)
        delta = 0 if before == after else (1 if after else -1)
        parent_id = parent.parent_id


def _send_thread_changed(comment: Comment) -> None:
    """thread_changed for the comment's article, handing over the article when it is loaded
    already (the posting view loads it with its section), so the receivers need no query."""
    article = comment.article if Comment.article.is_cached(comment) else None
    thread_changed.send(sender=Comment, article_id=comment.article_id, article=article)


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
    notify_replies: bool = False,
    language: str = "",
) -> Comment:
    """Post a comment or a reply through the moderation pipeline and store it with its verdict."""
    thread = thread_for(article=article)
    mode = thread_mode(article=article, thread=thread)
    if mode == Mode.CLOSED:
        raise CommentsClosed(_("Comments on this article are closed."))
    if parent is not None and (parent.article_id != article.pk or parent.status != Comment.Status.PUBLISHED):
        raise ValidationError(_("The comment you are replying to is not available any more."))
    text = comment_text.normalise(text)
    is_staff = bool(user is not None and getattr(user, "is_staff", False))
    submission = Submission(
        article=article,
        parent=parent,
        author_name=author_name.strip(),
        email=email.strip(),
        text=text,
        language=language or article.language,
        ip_hash=hash_address(ip_address),
        user=user,
        honeypot=honeypot,
        form_age=form_age,
        mode=mode,
    )
    deliberation = Deliberation(submission)
    verdict = deliberation.provisional()
    # Everything that only reads or computes comes before the transaction: on SQLite it holds the
    # database's one write lock from its first statement, and other posters wait for it.
    comment = Comment(
        article=article,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        root_id=(parent.root_id or parent.pk) if parent else None,
        author_name=submission.author_name,
        email=submission.email,
        text=text,
        text_html=comment_text.render(text),
        language=submission.language,
        user=user if is_staff else None,
        is_staff_comment=is_staff,
        ip_hash=submission.ip_hash,
        notify_replies=notify_replies,
    )
    _apply_verdict(comment, verdict)
    prepared = writes.prepare(comment)  # its values too, before the writers' lock
    with transaction.atomic():
        # The rules counting stored comments answer here, after the commenter's earlier posts.
        final = deliberation.conclude()
        if final != verdict:  # the rate limit or the duplicate rule objects
            _apply_verdict(comment, final)
            prepared = writes.prepare(comment)
        if comment.parent_id is None:  # comment.save(), with its SQL written once
            writes.insert_own_root(comment, prepared)
        else:
            writes.insert(comment, prepared)
        if comment.status == Comment.Status.PUBLISHED:
            _shift_counters(comment, +1)
            _propagate_display(comment.parent_id, +1)
        _after_commit(comment, was_published=False)
    return comment


def _apply_verdict(comment: Comment, verdict: Verdict) -> None:
    from serai.moderation.models import PolicyClause

    comment.status = STATUS_FOR_ACTION[verdict.action]
    comment.moderation_rule = verdict.rule[:40]
    comment.moderation_reason = verdict.reason[:300]
    comment.policy_clause = (
        None
        if verdict.clause_number is None
        else PolicyClause.objects.filter(number=verdict.clause_number).first()
    )
    if comment.status != Comment.Status.PUBLISHED:
        comment.published_at = None  # a new comment's verdict may change before it is stored
    elif comment.published_at is None:
        comment.published_at = timezone.now()


@transaction.atomic
def comment_set_status(
    *, comment: Comment, status: str, clause=None, reason: str = "", rule: str = ""
) -> Comment:
    """Move a comment to another state, keeping counters, tombstones and caches right.

    Used by moderators' decisions (with the audit log written by the moderation services).
    """
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    was_published = comment.status == Comment.Status.PUBLISHED
    was_displayed = _is_displayed(comment.status, comment.reply_count)
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
    if was_published != is_published:
        _shift_counters(comment, +1 if is_published else -1)
    is_displayed = _is_displayed(comment.status, comment.reply_count)
    if was_displayed != is_displayed:
        _propagate_display(comment.parent_id, +1 if is_displayed else -1)
    _after_commit(comment, was_published=was_published)
    return comment


def comment_edit(*, comment: Comment, text: str, ip_address: str = "") -> Comment:
    """The author's own edit, within the edit window; the new text is moderated again."""
    if not comment.can_be_edited_now():
        raise PermissionDenied(_("Comments can be edited only in the first 15 minutes."))
    text = comment_text.normalise(text)
    mode = thread_mode(article=comment.article)
    verdict = moderate(
        Submission(
            article=comment.article,
            parent=comment.parent,
            author_name=comment.author_name,
            email=comment.email,
            text=text,
            language=comment.language,
            ip_hash=hash_address(ip_address) or comment.ip_hash,
            user=comment.user,
            mode=mode,
            extra={"editing": comment.pk},
        )
    )
    with transaction.atomic():
        was_published = comment.status == Comment.Status.PUBLISHED
        comment.text = text
        comment.text_html = comment_text.render(text)
        comment.edited_at = timezone.now()
        new_status = STATUS_FOR_ACTION[verdict.action]
        # An edit never publishes a comment a moderator has not yet seen.
        if not was_published and new_status == Comment.Status.PUBLISHED:
            new_status = Comment.Status.PENDING
        comment.save(update_fields=["text", "text_html", "edited_at"])
        if new_status != comment.status:
            comment_set_status(comment=comment, status=new_status, reason=verdict.reason)
            comment.refresh_from_db()
        elif was_published:
            Thread.objects.filter(article_id=comment.article_id).update(version=F("version") + 1)
            transaction.on_commit(lambda: _send_thread_changed(comment), robust=True)
    return comment


def comment_delete_own(*, comment: Comment) -> Comment:
    """The author withdraws their comment within the edit window; replies keep a tombstone."""
    if not comment.can_be_edited_now():
        raise PermissionDenied(_("Comments can be deleted only in the first 15 minutes."))
    return comment_set_status(
        comment=comment, status=Comment.Status.REMOVED, reason=_("Withdrawn by its author."), rule="withdrawn"
    )


class AlreadyVoted(ValidationError):
    """This reader, or this connection, has already answered for this article."""


def article_vote(*, article, liked: bool, voter_key: str, ip_address: str = "") -> Thread:
    """Record one reader's yes or no; a second vote by the same reader is refused."""
    address_hash = hash_address(ip_address)
    thread = thread_for(article=article)
    try:
        with transaction.atomic():
            # Counted inside the transaction, after this address's other votes in flight: counted
            # before it, votes sent at once from one address each found the others absent.
            locks.hold_for_transaction(locks.VOTE, address_hash)
            if (
                address_hash
                and ArticleVote.objects.filter(article=article, ip_hash=address_hash).count()
                >= settings.SERAI_VOTES_PER_ADDRESS
            ):
                raise AlreadyVoted(_("A vote from this connection has already been counted."))
            ArticleVote.objects.create(
                article=article, liked=liked, voter_key=voter_key, ip_hash=address_hash
            )
            field = "votes_yes" if liked else "votes_no"
            Thread.objects.filter(pk=thread.pk).update(**{field: F(field) + 1}, version=F("version") + 1)
    except IntegrityError:
        raise AlreadyVoted(_("You have already answered this question.")) from None
    transaction.on_commit(
        lambda: thread_changed.send(sender=ArticleVote, article_id=article.pk, article=article), robust=True
    )
    thread.refresh_from_db()
    return thread
