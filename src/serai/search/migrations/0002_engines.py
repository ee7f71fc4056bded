"""What each database needs beyond the entries table, which Meta cannot say for both.

SQLite: an FTS5 table over the entries (external content: the text is stored once, in the
entries), kept in step by triggers on every insert, update and delete of an entry, bulk ones
included. Porter stemming for English on top of unicode61 (case and Latin diacritics folded);
other scripts are left as they are, and Cyrillic words are matched as prefixes (`query.fts5`).

PostgreSQL: a GIN index on the entries' tsvector.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

FTS = "search_fts"
ENTRIES = "search_entry"
COLUMNS = "title, standfirst, body, authors"
NEW = "new.title, new.standfirst, new.body, new.authors"
OLD = "old.title, old.standfirst, old.body, old.authors"

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


def _gin():
    return GinIndex(fields=["vector"], name="search_entry_vector")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARDS:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.add_index(apps.get_model("search", "Entry"), _gin())


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("search", "Entry"), _gin())


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
