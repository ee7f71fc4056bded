"""SQLite statements: Django's `%s` placeholders become `?` once per distinct statement text."""

import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor

from serai.core.db.sqlite3 import base as base_module

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Serai's SQLite backend only runs on SQLite"
)


def cursors():
    raw = sqlite3.connect(":memory:")
    return raw.cursor(factory=base_module.SQLiteCursorWrapper), raw.cursor(factory=DjangoCursor)


STATEMENTS = [
    "SELECT 1",
    'SELECT "a" FROM "t" WHERE "b" = %s AND "c" IN (%s, %s)',
    "SELECT * FROM t WHERE name LIKE '50%%' AND id = %s",  # a literal percent sign
    "SELECT '%%s' , %s",  # a literal "%s", escaped, beside a placeholder
    "INSERT INTO t (a, b) VALUES (%s, %s)",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_statements_are_converted_as_django_converts_them(statement):
    cursor, django_cursor = cursors()
    ours = cursor.convert_query(statement)
    assert ours == django_cursor.convert_query(statement)
    assert cursor.convert_query(statement) == ours  # remembered


def test_named_parameters_are_left_to_django():
    cursor, django_cursor = cursors()
    statement = "SELECT %(a)s, %(b)s"
    assert cursor.convert_query(statement, param_names=["a", "b"]) == (
        django_cursor.convert_query(statement, param_names=["a", "b"])
    )


def test_long_statements_are_converted_each_time_not_remembered():
    cursor, _ = cursors()
    base_module._remembered_qmark.cache_clear()
    long = "SELECT " + ", ".join(["%s"] * 2000)  # a long IN list or bulk insert
    assert len(long) > base_module.REMEMBERED_STATEMENT_LENGTH
    assert cursor.convert_query(long) == "SELECT " + ", ".join(["?"] * 2000)
    assert base_module._remembered_qmark.cache_info().currsize == 0
    cursor.convert_query(STATEMENTS[1])
    assert base_module._remembered_qmark.cache_info().currsize == 1


@pytest.mark.django_db
def test_the_site_queries_through_the_remembering_cursor():
    from serai.newsroom.models import Section

    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, base_module.SQLiteCursorWrapper)
        cursor.execute("SELECT %s || '%%', %s", ["50", 7])
        assert cursor.fetchall() == [("50%", 7)]
    Section.objects.create(name="Fifty % off", slug="fifty")
    # The ORM's LIKE escapes travel as values; the statement's own % are doubled in its text.
    assert list(Section.objects.filter(name__contains="50%").values_list("slug", flat=True)) == []
    assert list(Section.objects.filter(name__contains="y % o").values_list("slug", flat=True)) == ["fifty"]
