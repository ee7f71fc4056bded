"""Every comment names its story now: the column is required, and thread pages read by story."""

import django.db.models.deletion
import serai.comments.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0008_one_conversation_per_story"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="comment",
            name="comment_thread_page",
        ),
        migrations.AlterField(
            model_name="comment",
            name="story",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=serai.comments.models.to_own_edition,
                related_name="story_comments",
                to="newsroom.article",
                verbose_name="story",
            ),
        ),
        migrations.AlterField(
            model_name="thread",
            name="article",
            field=models.OneToOneField(
                help_text="The story's original edition: its translations share this conversation.",
                limit_choices_to={"translation_of__isnull": True},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="thread",
                to="newsroom.article",
                verbose_name="article",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["story", "status", "depth", "created_at", "id"], name="comment_thread_page"
            ),
        ),
    ]
