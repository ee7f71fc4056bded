"""Writes to the newsroom. The admin, the demo loader and tests all go through these."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from serai.newsroom.images import CROPS, delete_renditions, make_renditions
from serai.newsroom.models import Article, Author, Image, Revision, Section
from serai.newsroom.rendering import render_body
from serai.newsroom.revisions import revision_record

# Fields whose change, after publication, earns the article a visible "Updated" note.
CONTENT_FIELDS = ("headline", "standfirst", "body", "dateline", "update_note", "correction_note")

Status = Article.Status
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SCHEDULED, Status.PUBLISHED},
    Status.SCHEDULED: {Status.DRAFT, Status.PUBLISHED, Status.SCHEDULED},
    Status.PUBLISHED: {Status.DRAFT, Status.ARCHIVED},
    Status.ARCHIVED: {Status.PUBLISHED, Status.DRAFT},
}


class InvalidTransition(ValidationError):
    """The article cannot move from its current state to the one asked for."""


def check_transition(article: Article, target: str) -> None:
    """Raise InvalidTransition unless `article`, as stored, may move to `target`."""
    current = article.status
    # A scheduled article whose time has come is, for editors, already published.
    if current == Status.SCHEDULED and article.is_live:
        current = Status.PUBLISHED
    if target not in TRANSITIONS[current] and target != current:
        raise InvalidTransition(
            _("A %(current)s article cannot become %(target)s.")
            % {"current": Status(current).label.lower(), "target": Status(target).label.lower()}
        )


def article_render(*, article: Article, save: bool = True) -> Article:
    """Render the body (with its photos and dateline) to stored, sanitised HTML."""
    previous = article.body_html
    article.body_html = render_body(
        article.body,
        photos=list(article.photos.select_related("image").order_by("position", "pk")),
        dateline=article.dateline,
    )
    if save and article.body_html != previous:
        Article.objects.filter(pk=article.pk).update(body_html=article.body_html, version=F("version") + 1)
        article.refresh_from_db(fields=["version"])
    return article


def article_note_changes(*, article: Article, previous: Article | None) -> None:
    """Set `revised_at` when a live article's content changes; call before saving."""
    if previous is None or not previous.is_live:
        return
    if any(getattr(previous, f) != getattr(article, f) for f in CONTENT_FIELDS):
        article.revised_at = timezone.now()


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now (or keep the original time when re-publishing an archived article)."""
    check_transition(article, Status.PUBLISHED)
    if article.status == Status.ARCHIVED and article.published_at:
        at = article.published_at
    elif article.is_live:
        at = article.published_at
    article.status = Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def article_schedule(*, article: Article, at: datetime) -> Article:
    """Schedule publication; the article appears by itself at `at`."""
    if at <= timezone.now():
        raise ValidationError(_("Choose a publication time in the future to schedule an article."))
    check_transition(article, Status.SCHEDULED)
    article.status = Status.SCHEDULED
    article.published_at = at
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take an article back to draft; readers no longer see it."""
    check_transition(article, Status.DRAFT)
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_archive(*, article: Article) -> Article:
    """Keep an article readable by its URL but out of home and section lists."""
    check_transition(article, Status.ARCHIVED)
    article.status = Status.ARCHIVED
    article.save(update_fields=["status", "updated_at"])
    return article


def article_move(*, article: Article, target: str, at: datetime | None = None) -> Article:
    """Move an article to the state `target` through the transition table: the one way to publish,
    schedule, unpublish or archive, whether the list's actions or the form ask."""
    if target == Status.PUBLISHED:
        return article_publish(article=article, at=at)
    if target == Status.SCHEDULED:
        if at is None:
            raise ValidationError(_("Set a publication time first, then schedule."))
        return article_schedule(article=article, at=at)
    if target == Status.DRAFT:
        return article_unpublish(article=article)
    return article_archive(article=article)


@transaction.atomic
def article_set_authors(*, article: Article, authors: list[Author]) -> None:
    article.bylines.all().delete()
    for position, author in enumerate(authors):
        article.bylines.create(author=author, position=position)


def image_add(*, file, uploaded_by=None, alt_text: str = "", caption: str = "", credit: str = "") -> Image:
    """Put an uploaded file into the library (checked first) and make its renditions."""
    image = Image(file=file, uploaded_by=uploaded_by, alt_text=alt_text, caption=caption, credit=credit)
    image.full_clean()
    image.save()
    return image_make_renditions(image=image)


def image_make_renditions(*, image: Image) -> Image:
    """(Re)build a library image's renditions from its file."""
    old = image.renditions
    prefix = f"renditions/image-{image.pk}"
    image.renditions = make_renditions(image.file, prefix) + [
        r
        for name, (ratio, widths) in CROPS.items()
        for r in make_renditions(image.file, prefix, widths, crop=(name, ratio, image.focal_x, image.focal_y))
    ]
    Image.objects.filter(pk=image.pk).update(renditions=image.renditions)
    stale = {r["name"] for r in old} - {r["name"] for r in image.renditions}
    delete_renditions([r for r in old if r["name"] in stale])
    return image


def image_refresh_articles(*, image: Image) -> int:
    """Render again every article that shows `image`, after its file or description changed."""
    articles = Article.objects.filter(photos__image=image).distinct()
    count = 0
    for article in articles:
        article_render(article=article, save=False)
        # A save, not an update: the article's pages learn that it changed.
        article.save(update_fields=["body_html", "updated_at"])
        Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
        count += 1
    return count


def photos_number(*, numbers: list[int | None]) -> list[int]:
    """Fill the empty photo numbers with the next free ones, keeping the numbers given."""
    taken = {n for n in numbers if n}
    result, candidate = [], 1
    for number in numbers:
        if not number:
            while candidate in taken:
                candidate += 1
            number = candidate
            taken.add(number)
        result.append(number)
    return result


def author_make_renditions(*, author: Author) -> Author:
    old = author.portrait_renditions
    if author.portrait:
        author.portrait_renditions = make_renditions(
            author.portrait, f"renditions/author-{author.pk}", widths=[96, 192, 320]
        )
    else:
        author.portrait_renditions = []
    Author.objects.filter(pk=author.pk).update(portrait_renditions=author.portrait_renditions)
    kept = {r["name"] for r in author.portrait_renditions}
    delete_renditions([r for r in old if r["name"] not in kept])
    return author


@transaction.atomic
def article_restore(*, article: Article, revision: Revision, author=None) -> list[str]:
    """Bring back a revision's text, byline and photos (not its publication state).

    Returns what could not be restored (an author or a library image deleted since), so the
    editor is told; the rest is restored and kept as a new revision.
    """
    data, missing = revision.data, []
    previous = Article.objects.get(pk=article.pk)
    for field in ("headline", "standfirst", "dateline", "body", "update_note", "correction_note"):
        setattr(article, field, data.get(field, ""))
    if Section.objects.filter(pk=data.get("section_id")).exists():
        article.section_id = data["section_id"]
    article_note_changes(article=article, previous=previous)
    article.save()
    authors = Author.objects.in_bulk(data.get("authors", []))
    if authors:
        article_set_authors(article=article, authors=[authors[a] for a in data["authors"] if a in authors])
    missing += [_("an author deleted since") for a in data.get("authors", []) if a not in authors]
    images = Image.objects.in_bulk([p["image_id"] for p in data.get("photos", [])])
    article.photos.all().delete()
    for photo in data.get("photos", []):
        if photo["image_id"] in images:
            article.photos.create(
                position=photo["position"],
                image_id=photo["image_id"],
                caption_override=photo["caption_override"],
            )
        else:
            missing.append(_("photo %(n)s (its library image was deleted)") % {"n": photo["position"]})
    article_render(article=article)
    revision_record(
        article=article, author=author, note=_("Restored revision %(n)d") % {"n": revision.number}
    )
    return missing
