"""The email with a commenter's link, sent by a background task and never inside the request.

The task is given a comment's id, not an address, so the queue never holds one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task


@task()
def send_link(comment_id: int, language: str) -> bool:
    from serai.comments.models import Comment
    from serai.privacy.services import link_token

    comment = Comment.objects.filter(pk=comment_id).exclude(email="").first() if comment_id else None
    if comment is None:
        return False
    hours = settings.SERAI_PRIVACY_LINK_MAX_AGE // 3600
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "link": settings.SERAI_SITE_URL + reverse("privacy:data", args=[link_token(comment)]),
            "hours": hours,
        }
        subject = " ".join(render_to_string("privacy/email/link_subject.txt", context).split())
        body = render_to_string("privacy/email/link.txt", context)
    send_mail(subject, body, None, [comment.email])
    return True
