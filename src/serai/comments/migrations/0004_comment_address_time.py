"""The rate limit counts an address's recent comments in the database: Comment.ip_hash is indexed
with the time (comment_address_time) instead of alone.

The old index is dropped by name (on PostgreSQL with its `_like` companion for pattern searches,
which nothing makes) instead of through AlterField, which on SQLite would copy the whole comments
table to do it.
"""

from django.db import migrations, models

OLD_INDEXES = ("comments_comment_ip_hash_877dedf9_like", "comments_comment_ip_hash_877dedf9")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_comment_indexes_covered"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["ip_hash", "created_at"], name="comment_address_time"),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[f'DROP INDEX IF EXISTS "{name}"' for name in OLD_INDEXES],
                    # Back to the plain index; PostgreSQL's pattern-search copy is not made again.
                    reverse_sql=f'CREATE INDEX IF NOT EXISTS "{OLD_INDEXES[1]}" ON "comments_comment" ("ip_hash")',
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="ip_hash",
                    field=models.CharField(blank=True, editable=False, max_length=64),
                ),
            ],
        ),
    ]
