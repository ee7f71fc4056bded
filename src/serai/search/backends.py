"""The two search backends, chosen by the database in use (`backend()`).

Each answers `page(language=, terms=, offset=, limit=)` with the number of matches and one page of
hits, best first: the article's id and its headline, standfirst and body snippet with the matched
words between text.START and text.STOP. One query on PostgreSQL; two on SQLite (the ranked page,
then the snippets of its twenty rows only: FTS5 would otherwise make a snippet for every match
before sorting).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Window
from django.utils import timezone

from serai.search import query as search_query
from serai.search.models import Entry
from serai.search.text import START, STOP

FTS_TABLE = "search_fts"
# Weights: a word in the headline counts most, then the standfirst and byline, then the body.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 4.0)  # title, standfirst, body, authors
SNIPPET_WORDS = 28
# PostgreSQL's text-search configurations for the editions that have one; `simple` otherwise.
PG_CONFIGS = {"en": "english", "ru": "russian"}


@dataclass(frozen=True)
class Hit:
    article_id: int
    title: str
    standfirst: str
    snippet: str


def pg_config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


class SqliteBackend:
    """FTS5: bm25 ranking with column weights, highlight() and snippet() for the marks."""

    def page(self, *, language: str, terms, offset: int, limit: int) -> tuple[int, list[Hit]]:
        match = search_query.fts5(terms)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        entries = Entry._meta.db_table
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        with connection.cursor() as cursor:
            # bm25() must be computed where FTS5 scans, below the window that counts the matches.
            cursor.execute(
                "SELECT id, count(*) OVER () FROM ("
                f"SELECT e.id, e.published_at, bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "
                f"JOIN {entries} e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND e.language = %s AND e.published_at <= %s"
                ") ORDER BY score, published_at DESC, id DESC LIMIT %s OFFSET %s",
                [match, language, now, limit, offset],
            )
            ranked = cursor.fetchall()
            if not ranked:
                return (self.count(match, language, now) if offset else 0), []
            order = {rowid: i for i, (rowid, _total) in enumerate(ranked)}
            marks = [START, STOP]
            cursor.execute(
                f"SELECT {FTS_TABLE}.rowid, e.article_id, "
                f"highlight({FTS_TABLE}, 0, %s, %s), highlight({FTS_TABLE}, 1, %s, %s), "
                f"snippet({FTS_TABLE}, 2, %s, %s, %s, {SNIPPET_WORDS}) FROM {FTS_TABLE} "
                f"JOIN {entries} e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid IN ({', '.join(['%s'] * len(order))})",
                [*marks, *marks, *marks, "…", match, *order],
            )
            rows = sorted(cursor.fetchall(), key=lambda row: order[row[0]])
        return ranked[0][1], [Hit(*row[1:]) for row in rows]

    @staticmethod
    def count(match: str, language: str, now) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} JOIN {Entry._meta.db_table} e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND e.language = %s AND e.published_at <= %s",
                [match, language, now],
            )
            return cursor.fetchone()[0]

    def refresh(self, ids: list[int] | None = None) -> None:
        """Nothing to do: triggers keep the FTS5 table in step with the entries."""


class PostgresBackend:
    """Full-text search with the edition's configuration: websearch_to_tsquery, ts_rank over a
    weighted tsvector under a GIN index, ts_headline for the marks."""

    def page(self, *, language: str, terms, offset: int, limit: int) -> tuple[int, list[Hit]]:
        config = pg_config(language)
        query = SearchQuery(terms.text, search_type="websearch", config=config)
        options = {"config": config, "start_sel": START, "stop_sel": STOP, "highlight_all": True}
        found = Entry.objects.filter(language=language, published_at__lte=timezone.now(), vector=query)
        rows = list(
            found.annotate(
                rank=SearchRank(F("vector"), query),
                total=Window(Count("pk")),
                title_marked=SearchHeadline("title", query, **options),
                standfirst_marked=SearchHeadline("standfirst", query, **options),
                snippet=SearchHeadline(
                    "body", query, config=config, start_sel=START, stop_sel=STOP,
                    max_words=SNIPPET_WORDS, min_words=12, fragment_delimiter=" … ", max_fragments=2,
                ),
            )
            .order_by("-rank", "-published_at", "-pk")
            .values_list("total", "article_id", "title_marked", "standfirst_marked", "snippet")[
                offset : offset + limit
            ]
        )  # fmt: skip
        if not rows:
            return (found.count() if offset else 0), []
        return rows[0][0], [Hit(*row[1:]) for row in rows]

    def refresh(self, ids: list[int] | None = None) -> None:
        """Make the tsvector of the given entries (all when None), each with its edition's
        configuration: one UPDATE per configuration."""
        entries = Entry.objects.all() if ids is None else Entry.objects.filter(pk__in=ids)
        languages = set(entries.values_list("language", flat=True).distinct())
        for config in {pg_config(language) for language in languages}:
            same = [lang for lang in languages if pg_config(lang) == config]
            entries.filter(language__in=same).update(vector=vector(config))


def vector(config: str) -> SearchVector:
    return (
        SearchVector("title", config=config, weight="A")
        + SearchVector("standfirst", "authors", config=config, weight="B")
        + SearchVector("body", config=config, weight="D")
    )


def backend() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search runs on SQLite or PostgreSQL, not {connection.vendor}.")
