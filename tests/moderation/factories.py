"""Factories for moderation tests: people, word list entries, and comments posted the real way."""

from __future__ import annotations

import itertools

import factory
from django.contrib.auth.models import Permission

from serai.comments.models import Thread
from serai.comments.services import comment_post
from serai.moderation.models import PolicyClause, WordListEntry
from serai.moderation.roles import moderators_group
from tests.factories import ArticleFactory


class StaffFactory(factory.django.DjangoModelFactory):
    """A member of staff without moderation rights; ModeratorFactory adds them."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True


class ModeratorFactory(StaffFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def moderators_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(moderators_group())


class WordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WordListEntry

    term = factory.Sequence(lambda n: f"term{n}")
    kind = WordListEntry.Kind.BANNED
    language = ""


def clause(number: int) -> PolicyClause:
    """One of the Comment Policy's clauses, as the data migration created them.

    Tests on a live server start from an emptied database: the clause is made again there.
    """
    found, _created = PolicyClause.objects.get_or_create(
        number=number, defaults={"title": f"Clause {number}"}
    )
    return found


def article_with_thread(mode: str = "post", **fields):
    """A published article whose conversation is post-moderated (comments appear at once)."""
    article = ArticleFactory(**fields)
    Thread.objects.update_or_create(article=article, defaults={"mode": mode})
    article.refresh_from_db()
    return article


# Addresses reserved for documentation: the IPv4 ones first, then as many IPv6 ones as the suite
# needs, each in a /64 of its own (an IPv6 address is hashed by its /64: serai.moderation.privacy),
# so no two commenters share a ban or a rate limit whatever ran before.
_addresses = itertools.chain(
    (f"198.51.100.{n}" for n in range(1, 255)), (f"2001:db8:{n:x}::1" for n in itertools.count(1))
)


def post(article, text: str = "A measured comment about the water tariffs.", **fields):
    """A comment through the posting service, from its own address unless one is given.

    The form is taken to have been open ten seconds, as a reader's would be.
    """
    fields.setdefault("author_name", "Aigerim")
    fields.setdefault("email", "aigerim@example.org")
    fields.setdefault("ip_address", next(_addresses))
    fields.setdefault("form_age", 10.0)
    return comment_post(article=article, text=text, **fields)


def permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="moderation", codename=codename)


def submission(article=None, *, email: str = "aigerim@example.org", editing: int | None = None, **fields):
    """A submission as the comments app builds one: with `article`, its `History` counted from
    the stored comments as the posting service counts it (an edit of comment `editing` leaves
    that comment out); without, nothing stored counts."""
    from serai.comments.models import Comment
    from serai.comments.selectors import submission_history
    from serai.comments.text import fingerprint
    from serai.moderation.pipeline import History, Submission
    from serai.moderation.privacy import email_hash

    text = fields.pop("text", "A measured comment.")
    ip_hash = fields.pop("ip_hash", "a" * 64)
    history = History()
    if article is not None:
        stored = Comment(pk=editing, article=article, story_id=article.translation_of_id or article.pk,
                         email=email, ip_hash=ip_hash, text=text,
                         text_hash=fingerprint(text), form_use=fields.pop("form_use", None))  # fmt: skip
        history = submission_history(comment=stored)
    values = {
        "author_name": "Aigerim", "text": text, "language": "en", "ip_hash": ip_hash,
        "email_hash": email_hash(email), "form_age": 10.0, "history": history,
        "is_edit": editing is not None, "premoderated": False,
    }  # fmt: skip
    return Submission(**{**values, **fields})
