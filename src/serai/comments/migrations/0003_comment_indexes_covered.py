"""Comment.article and Comment.root lose their single-column indexes.

comment_thread_page begins with article_id and comment_replies with root_id, so either serves a
search by that column alone; each index is written on every new comment. The indexes are dropped
by name (the names Django gave them, the same on SQLite and PostgreSQL) instead of through
AlterField, which on SQLite would copy the whole comments table twice to do it.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "comments_comment_article_id_94fe60a2": "article_id",
    "comments_comment_root_id_23b4c218": "root_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_comment_text_hash"),
        ("newsroom", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX IF NOT EXISTS "{name}" ON "comments_comment" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="newsroom.article",
                        verbose_name="article",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="root",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="comments.comment",
                    ),
                ),
            ],
        ),
    ]
