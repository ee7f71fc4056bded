# Thread.top_level_count (read only by the admin) and Thread.version (written by nothing since the page cache keys on generations) go.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_comment_form_use"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="thread",
            name="top_level_count",
        ),
        migrations.RemoveField(
            model_name="thread",
            name="version",
        ),
    ]
