"""What the translation desk reads: the published comments that lack a reviewed translation into
the languages of the editions where they appear, by language pair, oldest first.

A comment appears on every public edition of its story (`Comment.story`: the original and its
translations). Its source language is the one detected when it was posted, else its edition's.
A machine draft nobody reviewed yet does not count as a translation: it waits here for review.
Each query is bounded: one per target language for the counts, one for a page of the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext

from serai.comments.models import Comment, CommentTranslation
from serai.newsroom.models import Article
from serai.staff.models import StaffLanguages


@dataclass(frozen=True)
class Pair:
    source: str
    target: str

    @property
    def key(self) -> str:
        return f"{self.source}-{self.target}"

    @property
    def source_name(self) -> str:
        return gettext(dict(settings.LANGUAGES).get(self.source, self.source))

    @property
    def target_name(self) -> str:
        return gettext(dict(settings.LANGUAGES).get(self.target, self.target))

    @classmethod
    def parse(cls, value: str | None) -> Pair | None:
        """A pair from the desk's address (`ru-en`), or None when it names no published language."""
        source, _sep, target = (value or "").partition("-")
        codes = dict(settings.LANGUAGES)
        if source in codes and target in codes and source != target:
            return cls(source, target)
        return None


def _with_source():
    source = Coalesce(NullIf("language", Value("")), F("article__language"))
    return Comment.objects.visible().annotate(source=source)


def lacking(target: str):
    """Published comments shown on an edition in `target` that have no reviewed translation into it."""
    edition = Article.objects.public().filter(
        Q(pk=OuterRef("story_id")) | Q(translation_of_id=OuterRef("story_id")), language=target
    )
    reviewed = CommentTranslation.objects.filter(comment=OuterRef("pk"), language=target).filter(
        Q(origin=CommentTranslation.Origin.HUMAN) | Q(reviewed_at__isnull=False)
    )
    return _with_source().filter(Exists(edition)).exclude(Exists(reviewed)).exclude(source=target)


def pair_counts() -> list[tuple[Pair, int]]:
    """Every pair with work waiting, with how many comments wait: one query per target language."""
    found, codes = [], dict(settings.LANGUAGES)
    for target in codes:
        rows = lacking(target).order_by().values("source").annotate(n=Count("pk"))
        found += [(Pair(row["source"], target), row["n"]) for row in rows if row["source"] in codes]
    return sorted(found, key=lambda item: (item[0].source, item[0].target))


def queue(pair: Pair, *, skipped=()):
    """The comments of one pair waiting for a translation, oldest first, with what a card shows
    (the edition, the section, the parent; an unreviewed machine draft)."""
    drafts = CommentTranslation.objects.filter(
        comment=OuterRef("pk"), language=pair.target, origin=CommentTranslation.Origin.MACHINE
    )
    return (
        lacking(pair.target)
        .filter(source=pair.source)
        .exclude(pk__in=list(skipped))
        .annotate(has_draft=Exists(drafts))
        .select_related("article", "article__section", "parent")
        .order_by("created_at", "pk")
    )


def stored_drafts(comments, language: str) -> dict[int, CommentTranslation]:
    """The unreviewed machine drafts of these comments into `language`, by comment id (one query)."""
    ids = [c.pk for c in comments if c.has_draft]
    if not ids:
        return {}
    rows = CommentTranslation.objects.filter(
        comment_id__in=ids, language=language, origin=CommentTranslation.Origin.MACHINE
    )
    return {row.comment_id: row for row in rows}


def editions_in(comments, language: str) -> dict[int, Article]:
    """The public edition in `language` of each comment's story, by story id (one query)."""
    stories = {c.story_id for c in comments}
    if not stories:
        return {}
    found = (
        Article.objects.public()
        .filter(Q(pk__in=stories) | Q(translation_of_id__in=stories), language=language)
        .select_related("section")
        .only("pk", "language", "slug", "headline", "translation_of_id", "section__slug")
    )
    return {(article.translation_of_id or article.pk): article for article in found}


def translators_languages(user) -> list[str]:
    """The languages a member of staff reads (empty when they have not said)."""
    row = StaffLanguages.objects.filter(user=user).first()
    codes = dict(settings.LANGUAGES)
    return [code for code in (row.languages if row else []) if code in codes]


def default_pair(counts: list[tuple[Pair, int]], languages: list[str]) -> Pair | None:
    """The first pair with work the translator reads both sides of, else the first with work."""
    fitting = [pair for pair, _n in counts if pair.source in languages and pair.target in languages]
    return (fitting or [pair for pair, _n in counts] or [None])[0]
