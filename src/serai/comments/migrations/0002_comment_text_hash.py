"""Comment.text_hash: the duplicate rule finds the same words by index instead of reading texts.

The data step fills the hash for the comments already stored, the same way
serai.comments.text.fingerprint does (copied here, so this migration keeps meaning what it meant).
"""

import hashlib

from django.db import migrations, models

BATCH = 1000


def _fingerprint(text: str) -> str:
    comparable = " ".join(text.casefold().split())
    return hashlib.blake2b(comparable.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def fill_text_hash(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    comments = Comment.objects.using(schema_editor.connection.alias).only("pk", "text").order_by("pk")
    last = 0
    # In batches by primary key (never writing to a table while a cursor still reads it).
    while batch := list(comments.filter(pk__gt=last)[:BATCH]):
        for comment in batch:
            comment.text_hash = _fingerprint(comment.text)
        comments.bulk_update(batch, ["text_hash"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="text_hash",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(fill_text_hash, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["text_hash", "created_at"], name="comment_same_text"),
        ),
    ]
