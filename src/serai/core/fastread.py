"""Reads for the hottest queries, with their SQL written once instead of built on every request.

Building a query through the ORM costs far more than running it: the replies of one page of
comments (a window function the ORM wraps in a subquery) took 3.4 ms to compile and 0.09 ms to
run on SQLite. `Columns` keeps the column list of some fields of a model, quoted for the database
in use, and turns rows back into model instances with the same conversions the ORM applies
(SQLite's text dates into aware datetimes, integers into booleans). The SQL around it is plain and
portable (SQLite 3.25+ and PostgreSQL); every query written with it is covered by tests that
compare its result with the ORM's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections
from django.db.models import DateTimeField, Model


class Columns:
    """Some fields of a model: their SQL column list, and rows turned back into instances."""

    def __init__(self, model: type[Model], names: list[str], *, alias: str = "default"):
        self.model = model
        self.alias = alias
        self.fields = [model._meta.get_field(name) for name in names]
        self.attnames = [field.attname for field in self.fields]
        self.table = model._meta.db_table
        self._converters: list | None = None
        self._statements: dict = {}

    @property
    def connection(self):
        return connections[self.alias]

    def sql(self, table_alias: str | None = None) -> str:
        """`"t"."a", "t"."b", …` for a SELECT list."""
        quote = self.connection.ops.quote_name
        prefix = quote(table_alias or self.table)
        return ", ".join(f"{prefix}.{quote(field.column)}" for field in self.fields)

    def quoted_table(self) -> str:
        return self.connection.ops.quote_name(self.table)

    def column(self, name: str) -> str:
        return self.connection.ops.quote_name(self.model._meta.get_field(name).column)

    def statement(self, key, build: Callable[[], str]) -> str:
        """The SQL for one shape of query (`key`), written by `build` once per process."""
        key = (self.connection.vendor, key)
        sql = self._statements.get(key)
        if sql is None:
            sql = self._statements[key] = build()
        return sql

    def _converters_for_fields(self) -> list:
        """Per field, the functions the ORM would pass its values through, or None."""
        if self._converters is None:
            connection = self.connection
            found = []
            for field in self.fields:
                expression = field.get_col(self.table)
                convert = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
                if (
                    convert
                    and isinstance(field, DateTimeField)
                    and connection.vendor == "sqlite"
                    and settings.USE_TZ
                    and not connection.settings_dict.get("TIME_ZONE")
                ):
                    # SQLite keeps UTC as ISO text: the ORM's converter (a regular expression,
                    # then make_aware) gives the same datetime as this, at a tenth of the cost.
                    found.append(_sqlite_datetime)
                elif convert:
                    found.append(_chain(convert, expression, connection))
                else:
                    found.append(None)
            self._converters = found
        return self._converters

    def instances(self, rows) -> list[Model]:
        """Model instances from rows whose first columns are these fields, in order.

        Made by `Model.from_db`, as the ORM makes the instances it reads; fields not read are
        deferred, so touching one would query, which the query-count tests would notice.
        """
        converters = list(enumerate(self._converters_for_fields()))
        alias, model, count = self.alias, self.model, len(self.fields)
        # from_db takes the values in the model's field order.
        position = {field.attname: i for i, field in enumerate(model._meta.concrete_fields)}
        order = sorted(range(count), key=lambda i: position[self.attnames[i]])
        names = [self.attnames[i] for i in order]
        made = []
        for row in rows:
            values = list(row[:count])
            for i, convert in converters:
                if convert is not None:
                    values[i] = convert(values[i])
            made.append(model.from_db(alias, names, [values[i] for i in order]))
        return made

    def fetch(self, sql: str, params) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def adapt(self, value):
        """A parameter as the ORM would send it (SQLite compares dates as text)."""
        if isinstance(value, datetime):
            return self.connection.ops.adapt_datetimefield_value(value)
        return value

    def placeholders(self, count: int) -> str:
        return ", ".join(["%s"] * count)


def _sqlite_datetime(value):
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _chain(converters: list, expression, connection):
    def convert(value):
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert
