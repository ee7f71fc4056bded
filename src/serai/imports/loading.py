"""What the importers share when they write: the record of what came in (idempotence), unique
slugs, comment trees stored level by level, and the old site's addresses.

Imported comments skip the live rules (rate limits, timing, word lists: they were moderated on the
old site) but keep their source status; no address is stored (exports carry them: dropped, as
Serai never stores a raw one); emails are kept for notifications and the commenter's data page,
never shown; no notification is sent for anything imported.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from serai.comments import text as comment_text
from serai.comments.languages import detect as detect_language
from serai.comments.models import Comment, shown_in_thread, story_id
from serai.comments.signals import thread_changed
from serai.imports.models import ImportedItem, LegacyAddress

Status = Comment.Status


@dataclass
class Summary:
    """What an import did (or, in a dry run, would do), by kind."""

    created: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Seconds spent storing comments (their share of the import's time, for import speeds).
    comment_seconds: float = 0.0

    def count(self, bucket: str, kind: str, n: int = 1) -> None:
        if n <= 0:
            return
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + n


class Records:
    """The source's ids already imported, by kind, read once per kind and kept up to date."""

    def __init__(self, source: str):
        self.source = source
        self._known: dict[str, dict[str, int]] = {}

    def known(self, kind: str) -> dict[str, int]:
        if kind not in self._known:
            rows = ImportedItem.objects.filter(source=self.source, kind=kind)
            self._known[kind] = dict(rows.values_list("source_id", "object_id"))
        return self._known[kind]

    def get(self, kind: str, source_id: str) -> int | None:
        return self.known(kind).get(str(source_id))

    def add(self, kind: str, pairs: Iterable[tuple[str, int]]) -> None:
        pairs = [(str(s), o) for s, o in pairs]
        ImportedItem.objects.bulk_create(
            [ImportedItem(source=self.source, kind=kind, source_id=s, object_id=o) for s, o in pairs],
            batch_size=1000,
        )
        self.known(kind).update(pairs)

    def forget(self) -> None:
        """After a rolled-back transaction: read again what is really stored."""
        self._known.clear()


def unique_slug(wanted: str, taken, *, fallback: str, max_length: int = 200) -> str:
    """`wanted` as a slug, with -2, -3… added while `taken(slug)` says it is used."""
    base = (slugify(wanted) or slugify(fallback) or "item")[: max_length - 6].strip("-") or "item"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class SourceComment:
    """A comment as an importer hands it over (plain data, from the source's format)."""

    id: str
    parent_id: str | None
    author_name: str
    email: str
    created_at: datetime | None
    text: str
    status: str


def _depths(comments: list[SourceComment]) -> dict[str, int]:
    """Each comment's depth among `comments`; one whose parent is not among them (or whose
    parents loop) starts at 0."""
    by_id = {c.id: c for c in comments}
    depth: dict[str, int] = {}
    for comment in comments:
        chain, current = [], comment
        while current.id not in depth:
            chain.append(current.id)
            parent = by_id.get(current.parent_id or "")
            if parent is None or parent.id in chain:
                depth[chain.pop()] = 0
                break
            current = parent
        for n, cid in enumerate(reversed(chain), start=1):
            depth[cid] = depth[current.id] + n
    return depth


def store_comments(article, comments: list[SourceComment], records: Records, summary: Summary) -> int:
    """Store the comments not imported yet under `article`, parents first, in one statement per
    level; replies to comments imported earlier find them. Returns how many were stored."""
    started = time.perf_counter()
    try:
        return _store_comments(article, comments, records, summary)
    finally:
        summary.comment_seconds += time.perf_counter() - started


def _store_comments(article, comments: list[SourceComment], records: Records, summary: Summary) -> int:
    new = [c for c in comments if records.get("comment", c.id) is None]
    summary.count("already", "comments", len(comments) - len(new))
    if not new:
        return 0
    depth = _depths(comments)
    replies = _reply_counts(new, depth)
    stored = _earlier_parents(new, records)
    for level in sorted({depth[c.id] for c in new}):
        sources = [c for c in new if depth[c.id] == level]
        batch = [_comment(article, c, stored, replies[c.id]) for c in sources]
        Comment.objects.bulk_create(batch, batch_size=500)
        stored.update({c.id: obj for c, obj in zip(sources, batch, strict=True)})
    created = [(c.id, stored[c.id].pk) for c in new]
    records.add("comment", created)
    summary.count("created", "comments", len(created))
    story = story_id(article)
    transaction.on_commit(lambda: thread_changed.send(sender=Comment, article_id=article.pk, story=story))
    return len(created)


def _earlier_parents(comments: list[SourceComment], records: Records) -> dict[str, Comment]:
    """The parents imported before (by an earlier batch or run) of these comments, in one query."""
    ids = {c.id for c in comments}
    wanted = {c.parent_id: records.get("comment", c.parent_id) for c in comments if c.parent_id not in ids}
    pks = {pk: source for source, pk in wanted.items() if pk is not None}
    if not pks:
        return {}
    found = Comment.objects.only("pk", "root_id", "depth").in_bulk(list(pks))
    return {pks[pk]: comment for pk, comment in found.items()}


def _comment(article, source: SourceComment, stored: dict[str, Comment], replies: int) -> Comment:
    parent = stored.get(source.parent_id or "")
    text = comment_text.normalise(source.text) or "…"
    created = source.created_at or timezone.now()
    return Comment(
        article=article,
        story_id=story_id(article),
        parent=parent,
        root_id=(parent.root_id or parent.pk) if parent else None,
        depth=(parent.depth + 1) if parent else 0,
        author_name=(source.author_name.strip() or _("Anonymous"))[:80],
        email=source.email.strip()[:254],
        text=text,
        text_html=comment_text.render(text),
        text_hash=comment_text.fingerprint(text),
        language=detect_language(text, fallback=article.language),
        status=source.status,
        created_at=created,
        published_at=created if source.status == Status.PUBLISHED else None,
        moderation_rule="imported",
        reply_count=replies,
    )


def _reply_counts(comments: list[SourceComment], depth: dict[str, int]) -> dict[str, int]:
    """Each comment's count of displayed replies (`Comment.reply_count`), counted deepest first,
    since a tombstone with a shown reply is shown in turn: known before anything is stored."""
    counts = {c.id: 0 for c in comments}
    for comment in sorted(comments, key=lambda c: -depth[c.id]):
        if comment.parent_id in counts and shown_in_thread(comment.status, counts[comment.id]):
            counts[comment.parent_id] += 1
    return counts


def old_address(path: str, language: str, **target) -> list[LegacyAddress]:
    """The old site's `path` leading to `target` (article=, section=, author= or page=), shown in
    the edition `language`: to be stored with `store_addresses`."""
    if not path or len(path) > 500:
        return []
    return [LegacyAddress(path=path, language=language, **target)]


def store_addresses(addresses: list[LegacyAddress]) -> None:
    """Store old addresses in one statement; one already known now leads to the new target."""
    LegacyAddress.objects.bulk_create(
        addresses,
        update_conflicts=True,
        unique_fields=["path"],
        update_fields=["language", "article", "section", "author", "page"],
    )
    addresses.clear()
