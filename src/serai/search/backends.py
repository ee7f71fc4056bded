"""The two search backends, chosen by the database in use (`backend()`).

Each answers `page(language=, terms=, offset=, limit=)` with up to `limit` hits of one edition's
findable articles, in order: those the reader's words all find in the headline, standfirst or
byline first, then those they find only with the body's help; newest first within each. One
query on either database, whose cost grows with the page's depth, never with the number of
articles or of matches: each tier is read in id order (newest first), which FTS5 and a
backward scan of the primary key give without sorting every match, and stops after the page.
Neither database is asked to rank every match (bm25, ts_rank) nor to count them: on 20,000
articles a common word matched over 10,000 of them, and ranking or counting those cost a
hundred times a page's budget.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Replace
from django.utils import timezone

from serai.search import query as search_query
from serai.search.models import Entry

FTS_TABLE = "search_fts"
HEAD_COLUMNS = "{title standfirst authors}"
# PostgreSQL's text-search configurations for the editions that have one; `simple` otherwise.
PG_CONFIGS = {"en": "english", "ru": "russian"}


@dataclass(frozen=True)
class Hit:
    article_id: int
    title: str
    standfirst: str
    body: str


def pg_config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


class SqliteBackend:
    """FTS5 over the entries, the edition one of its columns."""

    def page(self, *, language: str, terms, offset: int, limit: int) -> list[Hit]:
        match = f"({search_query.fts5(terms)})"
        edition = f'language:"{language}"'  # an edition code from settings, never the reader's
        head = f"{edition} AND {HEAD_COLUMNS}:{match}"
        rest = f"{edition} AND {match} NOT {HEAD_COLUMNS}:{match}"
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        tier = f"SELECT * FROM (SELECT rowid AS id, %s AS tier FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s)"  # noqa: E501
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.article_id, e.title, e.standfirst, e.body FROM ({tier} UNION ALL {tier}) AS t "
                f"JOIN {Entry._meta.db_table} e ON e.id = t.id WHERE e.published_at <= %s "
                "ORDER BY t.tier, t.id DESC LIMIT %s OFFSET %s",
                [0, head, offset + limit, 1, rest, offset + limit, now, limit, offset],
            )
            return [Hit(*row) for row in cursor.fetchall()]

    def refresh(self, ids: list[int] | None = None) -> None:
        """Triggers keep the FTS5 table in step with the entries; after a rebuild its segments
        are merged into one, which later searches read faster."""
        if ids is None:
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


class PostgresBackend:
    """Full-text search with the edition's configuration (websearch_to_tsquery) over two
    tsvectors under GIN indexes: the planner reads a rare word's few matches from the index and
    a common word's newest rows backwards along the primary key."""

    def page(self, *, language: str, terms, offset: int, limit: int) -> list[Hit]:
        query = SearchQuery(terms.websearch, search_type="websearch", config=pg_config(language))
        found = Entry.objects.filter(language=language, published_at__lte=timezone.now())
        fields = ("tier", "id", "article_id", "title", "standfirst", "body")
        head = found.filter(head=query).annotate(tier=Value(0, IntegerField()))
        rest = found.filter(vector=query).exclude(head=query).annotate(tier=Value(1, IntegerField()))
        tiers = [qs.order_by("-id").values_list(*fields)[: offset + limit] for qs in (head, rest)]
        rows = tiers[0].union(tiers[1], all=True).order_by("tier", "-id")[offset : offset + limit]
        return [Hit(*row[2:]) for row in rows]

    def refresh(self, ids: list[int] | None = None) -> None:
        """Make the tsvectors of the given entries (all when None), each with its edition's
        configuration: one UPDATE per configuration."""
        entries = Entry.objects.all() if ids is None else Entry.objects.filter(pk__in=ids)
        languages = set(entries.values_list("language", flat=True).distinct())
        for config in {pg_config(language) for language in languages}:
            same = [lang for lang in languages if pg_config(lang) == config]
            head = [_vector(f, config) for f in ("title", "standfirst", "authors")]
            entries.filter(language__in=same).update(
                head=head[0] + head[1] + head[2], vector=head[0] + head[1] + head[2] + _vector("body", config)
            )
        if ids is None:
            # After a rebuild the planner must know the new rows to choose between the GIN index
            # (a rare word) and the primary key read backwards (a common one).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Entry._meta.db_table}")


def _vector(field: str, config: str) -> SearchVector:
    """One column's tsvector, its "<" made a space: PostgreSQL's parser reads "<…>" as an XML tag
    and leaves out every word inside, so "a <b and c> d" would hide "and c" from searches."""
    return SearchVector(Replace(F(field), Value("<"), Value(" "), output_field=TextField()), config=config)


def backend() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise ImproperlyConfigured(
        f"Search runs on SQLite or PostgreSQL, not {connection.vendor}: set DATABASE_URL to one of them."
    )
