"""Article revisions: every save keeps a snapshot (who, when, what changed); editors compare any
two and restore one. Restoring never fails on a photo whose library image was deleted since: that
photo is left out and the editor is told."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What a revision keeps of the article itself, in the order a diff shows it.
SNAPSHOT_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "dateline",
    "body",
    "section_id",
    "language",
    "status",
    "update_note",
    "correction_note",
)


class Revision(models.Model):
    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField()
    changed = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "newsroom"
        ordering = ["-number"]
        verbose_name = gettext_lazy("revision")
        verbose_name_plural = gettext_lazy("revisions")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return _("Revision %(n)d") % {"n": self.number}


def snapshot(article) -> dict:
    """The article's content as a plain dict: its fields, byline and photos in order."""
    data = {f: getattr(article, f) for f in SNAPSHOT_FIELDS}
    # To the second, as the form keeps it: a save through the form is not a change of time.
    published = article.published_at.replace(microsecond=0) if article.published_at else None
    data["published_at"] = published.isoformat() if published else None
    data["authors"] = list(article.bylines.order_by("position", "pk").values_list("author_id", flat=True))
    data["photos"] = [
        {"position": p.position, "image_id": p.image_id, "caption_override": p.caption_override}
        for p in article.photos.order_by("position", "pk")
    ]
    return data


def changed_fields(old: dict | None, new: dict) -> list[str]:
    if old is None:
        return []
    return [key for key in new if old.get(key) != new.get(key)]


def latest_number(article) -> int:
    return article.revisions.aggregate(n=models.Max("number"))["n"] or 0


@transaction.atomic
def revision_record(*, article, author=None, note: str = "") -> Revision | None:
    """Keep a revision of `article` as saved now, unless nothing changed since the last one."""
    last = article.revisions.select_for_update().order_by("-number").first()
    data = snapshot(article)
    if last is not None and last.data == data:
        return None
    return Revision.objects.create(
        article=article,
        number=(last.number if last else 0) + 1,
        author=author,
        data=data,
        changed=changed_fields(last.data if last else None, data),
        note=note[:200],
    )


@dataclass
class FieldDiff:
    name: str
    lines: list[tuple[str, str]]  # (kind: "add" | "del" | "same" | "gap", text)


def _lines(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return str("" if value is None else value).splitlines() or [""]


def diff(old: dict, new: dict, context: int = 2) -> list[FieldDiff]:
    """A readable, line-by-line diff of two snapshots, one entry per field that differs."""
    result = []
    for key in new:
        if old.get(key) == new.get(key):
            continue
        lines = []
        for line in difflib.unified_diff(_lines(old.get(key)), _lines(new.get(key)), n=context, lineterm=""):
            if line.startswith(("---", "+++")):
                continue
            if line.startswith("@@"):
                lines.append(("gap", "…"))
            else:
                kind = {"+": "add", "-": "del"}.get(line[:1], "same")
                lines.append((kind, line[1:]))
        result.append(FieldDiff(key, lines))
    return result
