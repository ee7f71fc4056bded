"""Email to commenters about their own comments, sent by background tasks and never inside a
request: a commenter who ticked "Email me when someone replies" gets a confirmation link first,
and reply notices only once the address is confirmed. Nobody's address appears in anyone else's
email. (The moderators' digest is the desk's: `serai.desk.notifications`.)

The links in these emails carry no address, not even encoded: each is signed (a salt per purpose)
and names one comment by its id; the page behind it (`serai.comments.email_links`) acts only when
its button is pressed (a POST from the site's own page), since mail scanners and link previewers
open every link they see.

The receivers below run after commit (the comments app sends its signals then); they only queue
tasks and never raise, so a broken mail server or queue cannot break posting a comment.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from serai.comments.models import Comment
from serai.comments.services import email_confirm, email_is_confirmed
from serai.moderation.privacy import email_hash

logger = logging.getLogger(__name__)

# Named when these emails were the moderation app's: the links already sent are signed with these
# salts, and the day's throttle of confirmations is kept under this key.
CONFIRM_SALT = "serai.moderation.confirm-link"
STOP_SALT = "serai.moderation.stop-link"
CONFIRM_FLAG = "serai:moderation:confirm:"
CONFIRM_EVERY = 24 * 3600  # one confirmation email per address per day, whatever bots post
NEW_COMMENT_AGE = timedelta(minutes=10)


def absolute(path: str) -> str:
    return settings.SERAI_SITE_URL + path


def _send(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    body = render_to_string(template, {"SITE_NAME": settings.SITE_NAME, **context})
    send_mail(" ".join(subject.split()), body, None, to)


@task()
def send_confirmation(comment_id: int) -> bool:
    """The signed link that turns on reply notices for the commenter's address."""
    comment = Comment.objects.filter(pk=comment_id).select_related("article").first()
    if comment is None or not comment.notify_replies or email_is_confirmed(comment.email):
        return False
    with translation.override(comment.language or settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "comment": comment,
            "confirm_url": absolute(reverse("email_links:confirm", args=[confirm_token(comment)])),
            "days": settings.SERAI_CONFIRM_MAX_AGE // 86400,
        }
        _send(
            subject=render_to_string("comments/email/confirm_subject.txt", context),
            template="comments/email/confirm.txt",
            context=context,
            to=[comment.email],
        )
    return True


@task()
def send_reply_notice(reply_id: int) -> bool:
    """Tell the author of the comment answered, if they asked and confirmed their address."""
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
            "stop_url": absolute(reverse("email_links:stop", args=[stop_token(parent)])),
        }
        _send(
            subject=render_to_string("comments/email/reply_subject.txt", context),
            template="comments/email/reply.txt",
            context=context,
            to=[parent.email],
        )
    return True


def _wants_reply_notice(reply) -> bool:
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
    email_confirm(comment.email)


def reply_notices_stop(*, email: str) -> int:
    """The commenter pressed "Stop reply emails": none for any comment posted with the address."""
    comments = Comment.objects.filter(email__iexact=email.strip(), notify_replies=True)
    return comments.update(notify_replies=False)


def queue_confirmation(comment) -> None:
    """For a comment just posted with notices asked for, from an address not yet confirmed."""
    is_new = comment.created_at >= timezone.now() - NEW_COMMENT_AGE
    if not (comment.notify_replies and comment.email and is_new) or email_is_confirmed(comment.email):
        return
    try:
        first = cache.add(CONFIRM_FLAG + email_hash(comment.email), 1, timeout=CONFIRM_EVERY)
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
    _quietly(queue_confirmation, comment)


def on_comment_published(sender, comment, **kwargs) -> None:
    _quietly(queue_confirmation, comment)
    if comment.parent_id:
        _quietly(queue_reply_notice, comment)


def queue_reply_notice(reply) -> None:
    # Notices are asked for with a comment and only ever turned off later: a parent loaded with
    # the reply (the posting service holds it) that did not ask never will, and no query is needed.
    if Comment.parent.is_cached(reply) and reply.parent is not None and not reply.parent.notify_replies:
        return
    if Comment.objects.filter(pk=reply.parent_id, notify_replies=True).exists():
        send_reply_notice.enqueue(reply.pk)
