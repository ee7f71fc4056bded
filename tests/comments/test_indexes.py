"""The comments table carries no index that another one already covers: every index is written on
each new comment (on SQLite, one more page of log per comment and per index)."""

import pytest
from django.db import connection

from serai.comments.models import Comment


def _indexed_columns() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Comment._meta.db_table)
    return {name: c["columns"] for name, c in constraints.items() if c["index"] and not c["primary_key"]}


@pytest.mark.django_db
def test_no_index_is_the_first_column_of_another():
    indexes = _indexed_columns()
    single = {tuple(columns) for columns in indexes.values() if len(columns) == 1}
    leading = {columns[0] for columns in indexes.values() if len(columns) > 1}
    assert {("story_id",), ("root_id",)}.isdisjoint(single), indexes
    assert {"story_id", "root_id"} <= leading, indexes
    # The edition a comment was written on is indexed nowhere: pages read by story, and deleting
    # an article (rare) may read the table once rather than every comment writing one more index.
    assert not any("article_id" in columns for columns in indexes.values()), indexes
    # A column indexed alone is not the lead of a longer index (PostgreSQL's `_like` copies for
    # pattern searches are indexes of the same column, not covered ones).
    assert not {columns[0] for columns in single} & leading, indexes


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
@pytest.mark.parametrize(
    ("column", "index"), [("story_id", "comment_thread_page"), ("root_id", "comment_replies")]
)
def test_a_search_by_story_or_root_alone_uses_the_longer_index(column, index):
    with connection.cursor() as cursor:
        cursor.execute(f'EXPLAIN QUERY PLAN SELECT "id" FROM "comments_comment" WHERE "{column}" = %s', [1])
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert f"INDEX {index} ({column}=?)" in plan, plan
