"""A commenter's own data: a signed link by email, then a download of their comments or their deletion.

Nothing about a request is stored. The emailed link names one of the commenter's comments (never
the address) and is signed with the salt "serai.privacy" and a time limit; whoever opens it sees the
comments posted with that comment's address, and only those. Deleting blanks those comments (a
tombstone keeps replies in place), clears the address, and so ends every link to them: the comment
a link names has no address any more.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from serai.comments import text as comment_text
from serai.comments.models import Comment, ConfirmedEmail, Thread
from serai.comments.services import comment_set_status, email_is_confirmed
from serai.comments.signals import thread_changed
from serai.moderation.models import Decision
from serai.core.addresses import ip_hash
from serai.moderation.privacy import email_hash

SALT = "serai.privacy"
DELETED_NAME = "Deleted"
DELETED_REASON = "Deleted at its author's request."
LIVE = (Comment.Status.PENDING, Comment.Status.PUBLISHED)


class LinkInvalid(Exception):
    """A link that cannot be used: `reason` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def comments_of(email: str):
    """Every comment posted with this address, whatever its case; none for an empty address."""
    email = (email or "").strip()
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(email__iexact=email)


def link_token(comment: Comment) -> str:
    return signing.dumps({"c": comment.pk}, salt=SALT)


def email_from_token(token: str) -> str:
    """The address a link was sent to; LinkInvalid when it is forged, too old, or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.SERAI_PRIVACY_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("invalid") from None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise LinkInvalid("invalid")
    email = Comment.objects.filter(pk=data["c"]).values_list("email", flat=True).first()
    if not email:
        raise LinkInvalid("used")
    return email


def _first_time(key: str, timeout: int) -> bool:
    try:
        return cache.add(key, 1, timeout=timeout)
    except Exception:  # without the cache, better a link too many than none
        return True


def _within_hourly_limit(address_hash: str) -> bool:
    if not address_hash:
        return True
    key = f"serai:privacy:requests:{address_hash}"
    try:
        if cache.add(key, 1, timeout=3600):
            return True
        count = cache.incr(key)
    except Exception:
        return True
    # No count (the cache is down): better a link too many than none.
    return count is None or count <= settings.SERAI_PRIVACY_REQUESTS_PER_HOUR


def link_request(*, email: str, ip_address: str = "", language: str = "") -> None:
    """Queue the email with a link, if the address has comments; the caller answers the same either way.

    One link per address per SERAI_PRIVACY_LINK_EVERY seconds, and a few requests per connection per
    hour, so the form cannot be used to flood someone's inbox. The task is always queued (with no
    comment when there is none), so answering takes the same time whether or not the address is known.
    """
    from serai.privacy.tasks import send_link

    email = (email or "").strip()
    if not _within_hourly_limit(ip_hash(ip_address)):
        return
    if not _first_time(f"serai:privacy:link:{email_hash(email)}", settings.SERAI_PRIVACY_LINK_EVERY):
        return
    latest = comments_of(email).order_by("-created_at", "-pk").values_list("pk", flat=True).first()
    send_link.enqueue(latest or 0, language or settings.LANGUAGE_CODE)


def export(email: str, *, absolute) -> dict:
    """Everything we hold about the commenter, as plain data: their comments and nothing of anyone else.

    `absolute` turns a path into a full URL. The address hash is left out: it identifies nobody and
    changes every day.
    """
    comments = comments_of(email).select_related("article", "article__section").order_by("created_at", "pk")
    return {
        "site": settings.SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        "email": email,
        "email_confirmed_for_reply_emails": email_is_confirmed(email),
        "comments": [
            {
                "id": c.pk,
                "article": {"headline": c.article.headline, "url": absolute(c.article.get_absolute_url())},
                "name": c.author_name,
                "text": c.text,
                "status": c.status,
                "status_label": str(c.get_status_display()),
                "is_reply": c.parent_id is not None,
                "language": c.language,
                "created_at": c.created_at.isoformat(),
                "published_at": c.published_at.isoformat() if c.published_at else None,
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "email_me_replies": c.notify_replies,
            }
            for c in comments
        ],
    }


def erase(email: str) -> int:
    """Delete the commenter's personal data from every comment posted with this address.

    Live comments are withdrawn (the audit log says so, by the site); every one of them loses its
    text, name, address and address hash. Replies by others stay, under a tombstone. Returns how
    many comments were erased.
    """
    articles: set[int] = set()
    with transaction.atomic():
        comments = list(comments_of(email).order_by("pk"))
        for comment in comments:
            articles.add(comment.article_id)
            if comment.status not in LIVE:
                continue
            previous = comment.status
            updated = comment_set_status(
                comment=comment, status=Comment.Status.REMOVED, reason=DELETED_REASON, rule="withdrawn"
            )
            Decision.objects.create(
                comment=updated,
                action=Decision.Action.REMOVE,
                note=DELETED_REASON,
                previous_status=previous,
                new_status=Comment.Status.REMOVED,
            )
            Comment.objects.filter(pk=comment.pk).update(policy_clause=None)
        Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
            author_name=DELETED_NAME,
            email="",
            text="",
            text_html="",
            text_hash=comment_text.fingerprint(""),
            ip_hash="",
            notify_replies=False,
            moderation_reason=DELETED_REASON,
        )
        ConfirmedEmail.objects.filter(email_hash=email_hash(email)).delete()
        Thread.objects.filter(article_id__in=articles).update(version=F("version") + 1)

        def changed():
            for article_id in sorted(articles):
                thread_changed.send(sender=Comment, article_id=article_id)

        transaction.on_commit(changed)
    return len(comments)
