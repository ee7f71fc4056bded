"""The moderators' digest: what waits in the queue, by email, at most one per
SERAI_MODERATOR_DIGEST_SECONDS, sent by a background task and never inside a request.

The receiver runs after commit (the comments app sends its signals then); it only queues the task
and never raises, so a broken mail server or queue cannot break posting a comment. Emails to
commenters about their own comments are the comments app's (`serai.comments.notifications`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from serai.comments.models import Comment
from serai.desk import selectors

logger = logging.getLogger(__name__)

# Named when the digest was the moderation app's; the key of a window already open stays valid.
DIGEST_FLAG = "serai:moderation:digest-queued"
DIGEST_LIMIT = 20


def moderators():
    """Active accounts that may use the queue and have an address to write to."""
    return selectors.moderator_accounts().exclude(email="")


@task()
def send_moderator_digest() -> int:
    """One email per moderator listing what waits in the queue; returns how many were sent."""
    pending = Comment.objects.pending().select_related("article", "article__section")
    total = pending.count()
    if not total:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "total": total,
            "comments": list(pending.order_by("-created_at")[:DIGEST_LIMIT]),
            "queue_url": settings.SERAI_SITE_URL + reverse("desk:queue"),
        }
        subject = " ".join(render_to_string("desk/email/digest_subject.txt", context).split())
        body = render_to_string("desk/email/digest.txt", context)
        sent = 0
        for address in moderators().values_list("email", flat=True):
            send_mail(subject, body, None, [address])
            sent += 1
    return sent


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


def on_comment_held(sender, comment, **kwargs) -> None:
    try:
        queue_moderator_digest()
    except Exception:
        logger.exception("Could not queue the moderators' digest.")
