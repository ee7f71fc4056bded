"""Email, sent by background tasks and never inside a request.

- Moderators get a digest of held comments, at most one per SERAI_MODERATOR_DIGEST_SECONDS.
- A commenter who ticked "Email me when someone replies" gets a confirmation link first, and
  reply notices only once the address is confirmed. Nobody's address appears in anyone else's email.

The receivers below run after commit (the comments app sends its signals then); they only queue
tasks and never raise, so a broken mail server or queue cannot break posting a comment.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from serai.moderation.privacy import email_hash

logger = logging.getLogger(__name__)

CONFIRM_SALT = "serai.comments.confirm"
STOP_SALT = "serai.moderation.stop"
DIGEST_FLAG = "serai:moderation:digest-queued"
DIGEST_LIMIT = 20
CONFIRM_EVERY = 24 * 3600  # one confirmation email per address per day, whatever bots post
NEW_COMMENT_AGE = timedelta(minutes=10)


def absolute(path: str) -> str:
    return settings.SERAI_SITE_URL + path


def moderators():
    """Active accounts that may use the queue and have an address to write to."""
    perm = Permission.objects.filter(
        content_type__app_label="moderation", codename="moderate_comments"
    )
    may_moderate = (
        Q(is_superuser=True)
        | Q(is_staff=True, groups__permissions__in=perm)
        | Q(is_staff=True, user_permissions__in=perm)
    )
    return (
        get_user_model().objects.filter(may_moderate, is_active=True).exclude(email="").distinct()
    )


def _send(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    body = render_to_string(template, {"SITE_NAME": settings.SITE_NAME, **context})
    send_mail(" ".join(subject.split()), body, None, to)


@task()
def send_moderator_digest() -> int:
    """One email per moderator listing what waits in the queue; returns how many were sent."""
    from serai.comments.models import Comment

    pending = Comment.objects.pending().select_related("article", "article__section")
    total = pending.count()
    if not total:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "total": total,
            "comments": list(pending.order_by("-created_at")[:DIGEST_LIMIT]),
            "queue_url": absolute(reverse("moderation:queue")),
        }
        subject = render_to_string("moderation/email/digest_subject.txt", context)
        sent = 0
        for address in moderators().values_list("email", flat=True):
            _send(
                subject=subject,
                template="moderation/email/digest.txt",
                context=context,
                to=[address],
            )
            sent += 1
    return sent


@task()
def send_confirmation(comment_id: int) -> bool:
    """The signed link that turns on reply notices for the commenter's address."""
    from serai.comments.models import Comment
    from serai.comments.services import email_is_confirmed

    comment = Comment.objects.filter(pk=comment_id).select_related("article").first()
    if comment is None or not comment.notify_replies or email_is_confirmed(comment.email):
        return False
    token = signing.dumps(comment.email.strip(), salt=CONFIRM_SALT)
    with translation.override(comment.language or settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "comment": comment,
            "confirm_url": absolute(reverse("comments:confirm", args=[token])),
            "days": settings.SERAI_CONFIRM_MAX_AGE // 86400,
        }
        _send(
            subject=render_to_string("moderation/email/confirm_subject.txt", context),
            template="moderation/email/confirm.txt",
            context=context,
            to=[comment.email],
        )
    return True


@task()
def send_reply_notice(reply_id: int) -> bool:
    """Tell the author of the comment answered, if they asked and confirmed their address."""
    from serai.comments.models import Comment

    reply = (
        Comment.objects.filter(pk=reply_id)
        .select_related("parent", "article", "article__section")
        .first()
    )
    if reply is None or not _wants_reply_notice(reply):
        return False
    parent = reply.parent
    with translation.override(parent.language or settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "reply": reply,
            "parent": parent,
            "article": reply.article,
            "reply_url": absolute(reply.article.get_absolute_url() + f"#comment-{reply.pk}"),
            "stop_url": absolute(reverse("moderation:stop", args=[stop_token(parent.email)])),
        }
        _send(
            subject=render_to_string("moderation/email/reply_subject.txt", context),
            template="moderation/email/reply.txt",
            context=context,
            to=[parent.email],
        )
    return True


def _wants_reply_notice(reply) -> bool:
    from serai.comments.models import Comment
    from serai.comments.services import email_is_confirmed

    parent = reply.parent
    return bool(
        parent is not None
        and reply.status == Comment.Status.PUBLISHED
        and parent.status == Comment.Status.PUBLISHED
        and parent.notify_replies
        and parent.email.strip().lower() != reply.email.strip().lower()
        and email_is_confirmed(parent.email)
    )


def stop_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=STOP_SALT)


def email_from_stop_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None


def queue_moderator_digest() -> None:
    """Queue a digest unless one is already waiting for this window."""
    window = settings.SERAI_MODERATOR_DIGEST_SECONDS
    try:
        first = cache.add(DIGEST_FLAG, 1, timeout=window)
    except Exception:  # without the cache, better one email too many than none
        logger.warning("Cache unavailable: digest queued without batching.", exc_info=True)
        first = True
    if not first:
        return
    digest = send_moderator_digest
    if digest.get_backend().supports_defer:
        digest = digest.using(run_after=timezone.now() + timedelta(seconds=window))
    digest.enqueue()


def queue_confirmation(comment) -> None:
    """For a comment just posted with notices asked for, from an address not yet confirmed."""
    from serai.comments.services import email_is_confirmed

    is_new = comment.created_at >= timezone.now() - NEW_COMMENT_AGE
    if not (comment.notify_replies and comment.email and is_new) or email_is_confirmed(
        comment.email
    ):
        return
    try:
        first = cache.add(
            f"serai:moderation:confirm:{email_hash(comment.email)}", 1, timeout=CONFIRM_EVERY
        )
    except Exception:
        logger.warning("Cache unavailable: confirmation sent without throttling.", exc_info=True)
        first = True
    if first:
        send_confirmation.enqueue(comment.pk)


def _quietly(job, *args) -> None:
    try:
        job(*args)
    except Exception:
        logger.exception("Could not queue a notification.")


def on_comment_held(sender, comment, **kwargs) -> None:
    _quietly(queue_moderator_digest)
    _quietly(queue_confirmation, comment)


def on_comment_published(sender, comment, **kwargs) -> None:
    _quietly(queue_confirmation, comment)
    if comment.parent_id:
        _quietly(queue_reply_notice, comment)


def queue_reply_notice(reply) -> None:
    from serai.comments.models import Comment

    # Notices are asked for with a comment and only ever turned off later: a parent loaded with
    # the reply (the posting service holds it) that did not ask never will, and no query is needed.
    if Comment.parent.is_cached(reply) and reply.parent is not None and not reply.parent.notify_replies:
        return
    if Comment.objects.filter(pk=reply.parent_id, notify_replies=True).exists():
        send_reply_notice.enqueue(reply.pk)
