"""Comments remember the form token they were sent with (hashed with the address hash), so a token
serves one comment per address; a top-level comment no longer names itself as its root (the
posting service stores it in one INSERT): the older ones are brought in line."""

from django.db import migrations, models


def top_level_comments_have_no_root(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.filter(depth=0).exclude(root=None).update(root=None)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_comment_address_time"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="form_use",
            field=models.CharField(blank=True, editable=False, max_length=32, null=True),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("form_use__isnull", False)), fields=["form_use"], name="comment_form_use"
            ),
        ),
        migrations.RunPython(top_level_comments_have_no_root, migrations.RunPython.noop),
    ]
