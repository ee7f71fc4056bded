"""Readers' answers to "Do you like this article?": one per reader and story (whichever of its
editions they answer on), a few per address."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from serai.comments.models import ArticleVote, Thread, story_id
from serai.comments.services import thread_for
from serai.comments.signals import thread_changed
from serai.core import locks
from serai.core.addresses import ip_hash as hash_address


class AlreadyVoted(ValidationError):
    """This reader, or this connection, has already answered for this article."""


def article_vote(*, article, liked: bool, voter_key: str, ip_address: str = "") -> Thread:
    """Record one reader's yes or no on the article's story; a second vote by the same reader, on
    any edition of the story, is refused."""
    address_hash = hash_address(ip_address)
    thread = thread_for(article=article)
    story = story_id(article)
    try:
        with locks.writing():
            # Counted inside the transaction, after this address's other votes in flight: counted
            # before it, votes sent at once from one address each found the others absent.
            locks.hold_for_transaction(locks.VOTE, address_hash)
            if (
                address_hash
                and ArticleVote.objects.filter(article_id=story, ip_hash=address_hash).count()
                >= settings.SERAI_VOTES_PER_ADDRESS
            ):
                raise AlreadyVoted(_("A vote from this connection has already been counted."))
            ArticleVote.objects.create(
                article_id=story, liked=liked, voter_key=voter_key, ip_hash=address_hash
            )
            field = "votes_yes" if liked else "votes_no"
            Thread.objects.filter(pk=thread.pk).update(**{field: F(field) + 1})
    except IntegrityError:
        raise AlreadyVoted(_("You have already answered this question.")) from None
    transaction.on_commit(
        lambda: thread_changed.send(sender=ArticleVote, article_id=article.pk, article=article, story=story),
        robust=True,
    )
    thread.refresh_from_db()
    return thread
