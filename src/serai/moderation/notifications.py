"""Email, sent by background tasks and never inside a request.

- Moderators get a digest of held comments, at most one per SERAI_MODERATOR_DIGEST_SECONDS.
- A commenter who ticked "Email me when someone replies" gets a confirmation link first, and
  reply notices only once the address is confirmed. Nobody's address appears in anyone else's email.

The links in these emails carry no address, not even encoded: each is signed (a salt per purpose)
and names one comment by its id; the page behind it acts only when its button is pressed (a POST
from the site's own page), since mail scanners and link previewers open every link they see.

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

CONFIRM_SALT = "serai.moderation.confirm-link"
STOP_SALT = "serai.moderation.stop-link"
DIGEST_FLAG = "serai:moderation:digest-queued"
DIGEST_LIMIT = 20
CONFIRM_EVERY = 24 * 3600  # one confirmation email per address per day, whatever bots post
NEW_COMMENT_AGE = timedelta(minutes=10)


def absolute(path: str) -> str:
    return settings.SERAI_SITE_URL + path


def moderators():
    """Active accounts that may use the queue and have an address to write to."""
    perm = Permission.objects.filter(content_type__app_label="moderation", codename="moderate_comments")
    may_moderate = (
        Q(is_superuser=True)
        | Q(is_staff=True, groups__permissions__in=perm)
        | Q(is_staff=True, user_permissions__in=perm)
    )
    return get_user_model().objects.filter(may_moderate, is_active=True).exclude(email="").distinct()


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
    with translation.override(comment.language or settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "comment": comment,
            "confirm_url": absolute(reverse("moderation:confirm", args=[confirm_token(comment)])),
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
        Comment.objects.filter(pk=reply_id).select_related("parent", "article", "article__section").first()
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
            "stop_url": absolute(reverse("moderation:stop", args=[stop_token(parent)])),
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


class LinkInvalid(Exception):
    """A link that cannot be used: `reason` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def confirm_token(comment) -> str:
    """The confirmation link's token: the comment's id, signed; never the address."""
    return signing.dumps({"c": comment.pk}, salt=CONFIRM_SALT)


def stop_token(comment) -> str:
    """The "stop these emails" link's token, for the comment that was answered."""
    return signing.dumps({"c": comment.pk}, salt=STOP_SALT)


def comment_from_token(token: str, *, salt: str, max_age: int | None = None):
    """The comment a link names, with its address; LinkInvalid when the link is forged or cut
    short ("invalid"), too old ("expired"), or its comment's data has been erased ("used")."""
    from serai.comments.models import Comment

    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("invalid") from None
    if not isinstance(data, dict) or type(data.get("c")) is not int:
        raise LinkInvalid("invalid")
    comment = Comment.objects.filter(pk=data["c"]).exclude(email="").first()
    if comment is None:
        raise LinkInvalid("used")
    return comment


def reply_notices_confirm(*, comment) -> None:
    """The commenter pressed the button behind the confirmation link: reply emails may go out."""
    from serai.comments.services import email_confirm

    email_confirm(comment.email)


def reply_notices_stop(*, comment) -> int:
    """The commenter pressed "Stop reply emails": none for any comment posted with the address."""
    from serai.moderation.services import reply_notices_stop as stop

    return stop(email=comment.email)


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
    if not (comment.notify_replies and comment.email and is_new) or email_is_confirmed(comment.email):
        return
    try:
        first = cache.add(f"serai:moderation:confirm:{email_hash(comment.email)}", 1, timeout=CONFIRM_EVERY)
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
