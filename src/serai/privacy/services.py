"""A commenter's own data: a signed link by email, then a download of their comments or their deletion.

Nothing about a request is stored. The emailed link names one of the commenter's comments (never
the address) and is signed with the salt "serai.privacy" and a time limit; whoever opens it sees the
comments posted with that comment's address, and only those (opening it changes nothing: deleting
takes the page's button). Deleting blanks those comments, then deletes those no reply hangs from (a
tombstone keeps the others' replies in place), and so ends every link to them: the comment a link
names has no address any more, or is gone. Bans and the audit log keep hashes and decisions only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError, connections, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from serai.comments import text as comment_text
from serai.comments.models import Comment, ConfirmedEmail
from serai.comments.services import comment_set_status, email_is_confirmed
from serai.comments.signals import thread_changed
from serai.core.addresses import ip_hash
from serai.moderation.erasure import ERASED_NAME, commenter_records_erase
from serai.moderation.models import Decision
from serai.moderation.privacy import email_hash

logger = logging.getLogger(__name__)

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


def _withdraw(comment: Comment) -> None:
    """A live comment leaves the thread, as a withdrawal the audit log records (by the site)."""
    previous = comment.status
    updated = comment_set_status(
        comment=comment, status=Comment.Status.REMOVED, reason=DELETED_REASON, rule="withdrawn"
    )
    Decision.objects.create(
        comment=updated,
        action=Decision.Action.REMOVE,
        note=DELETED_REASON,
        subject=ERASED_NAME,
        previous_status=previous,
        new_status=Comment.Status.REMOVED,
    )


def _delete_what_holds_nothing_up(ids: list[int]) -> None:
    """Delete the erased comments no other comment hangs from; the rest stay as blank tombstones.

    A deleted row keeps nothing at all (not even when and where its author wrote), which a blanked
    row would. Deleting a reply can free its parent, so leaves go until none is left.
    """
    hanging = Q(parent=OuterRef("pk")) | Q(root=OuterRef("pk"))
    below = Comment.objects.filter(hanging).exclude(pk=OuterRef("pk"))
    while True:
        leaves = list(Comment.objects.filter(pk__in=ids).exclude(Exists(below)).values_list("pk", flat=True))
        if not leaves:
            return
        Comment.objects.filter(pk__in=leaves).delete()


def _checkpoint(using: str) -> None:
    """On SQLite, copy the write-ahead log into the database and empty it, so the erased words
    leave the log now rather than at the next checkpoint (the database itself overwrites deleted
    content with zeros: `PRAGMA secure_delete`, set for every connection in settings)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log_pages, _copied = cursor.fetchone()
    except DatabaseError:
        busy = True
    if busy:  # a reader held the log past the busy timeout: the next checkpoint copies it
        logger.warning("The write-ahead log could not be emptied after an erasure.")


def erase(email: str) -> int:
    """Delete the commenter's personal data from every comment posted with this address.

    Live comments are withdrawn (the audit log says so, by the site); every one of them loses its
    text, name, address and address hash, and is deleted unless others' replies hang from it (a
    tombstone keeps them in place). Bans and the audit log keep hashes and decisions, not the
    commenter's name and words (serai.moderation.erasure). Returns how many comments were erased.
    """
    using = router.db_for_write(Comment)
    with transaction.atomic(using=using):
        comments = list(comments_of(email).order_by("pk"))
        ids = [c.pk for c in comments]
        articles = {c.article_id for c in comments}
        for comment in comments:
            if comment.status in LIVE:
                _withdraw(comment)
        # Blanked first, so the tombstones that must stay keep no words; then deleted where
        # nothing hangs from them.
        Comment.objects.filter(pk__in=ids).update(
            author_name=DELETED_NAME, email="", text="", text_html="", text_hash=comment_text.fingerprint(""),
            ip_hash="", notify_replies=False, moderation_reason=DELETED_REASON, policy_clause=None,
        )  # fmt: skip
        commenter_records_erase(
            comment_ids=ids, email_hash=email_hash(email), names={c.author_name for c in comments}
        )
        _delete_what_holds_nothing_up(ids)
        ConfirmedEmail.objects.filter(email_hash=email_hash(email)).delete()

        def changed():
            for article_id in sorted(articles):
                thread_changed.send(sender=Comment, article_id=article_id)

        transaction.on_commit(changed, using=using)
        transaction.on_commit(lambda: _checkpoint(using), using=using)
    return len(comments)
