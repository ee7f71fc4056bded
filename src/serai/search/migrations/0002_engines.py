"""What each database needs beyond the entries table, which Meta cannot say for both.

SQLite: an FTS5 table over the entries (external content: the text is stored once, in the
entries), kept in step by triggers on every insert, update and delete of an entry, bulk ones
included. Porter stemming for English on top of unicode61 (case and Latin diacritics folded);
other scripts are left as they are, and Cyrillic words are matched as prefixes (`query.fts5`).

The edition's code is a column of its own, so a query names it and FTS5 reads one edition's
matches only.

PostgreSQL: a GIN index on each of the entries' tsvectors.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

FTS = "search_fts"
ENTRIES = "search_entry"
COLUMNS = "title, standfirst, body, authors, language"
NEW = "new.title, new.standfirst, new.body, new.authors, new.language"
OLD = "old.title, old.standfirst, old.body, old.authors, old.language"

SQLITE_FORWARDS = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{ENTRIES}', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRIES} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRIES} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRIES} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _gins():
    return [GinIndex(fields=[f], name=f"search_entry_{f}") for f in ("head", "vector")]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARDS:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for index in _gins():
            schema_editor.add_index(apps.get_model("search", "Entry"), index)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for index in _gins():
            schema_editor.remove_index(apps.get_model("search", "Entry"), index)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
