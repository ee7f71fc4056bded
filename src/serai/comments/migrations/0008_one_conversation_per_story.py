"""One conversation per story: every comment names its story (the original edition of the article
it was written on), and the threads and votes of translations join their original's.

Threads are merged into the original's: vote totals summed, the original's settings kept (a
translation's own settings are dropped: editors set a story's once). A reader who had answered on
two editions keeps one vote row (the original's) while the totals keep both answers as given. The
reverse step leaves merged threads and votes with the original; the schema steps undo.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def name_stories(apps, schema_editor):
    """Each comment's story: its article's original, or its article when that is an original."""
    Article = apps.get_model("newsroom", "Article")
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.update(story_id=F("article_id"))
    original = Article.objects.filter(pk=OuterRef("article_id")).values("translation_of_id")
    Comment.objects.filter(article__translation_of__isnull=False).update(story_id=Subquery(original))


def merge_threads(apps, schema_editor):
    """The threads and votes of translations join the original's thread; nothing is counted twice
    nor lost."""
    Thread = apps.get_model("comments", "Thread")
    ArticleVote = apps.get_model("comments", "ArticleVote")
    translated = Thread.objects.filter(article__translation_of__isnull=False).select_related("article")
    for thread in list(translated):
        story_id = thread.article.translation_of_id
        story, _created = Thread.objects.get_or_create(article_id=story_id)
        Thread.objects.filter(pk=story.pk).update(
            votes_yes=F("votes_yes") + thread.votes_yes, votes_no=F("votes_no") + thread.votes_no
        )
        thread.delete()
    translated_votes = ArticleVote.objects.filter(article__translation_of__isnull=False)
    for vote in translated_votes.select_related("article").order_by("pk"):
        story_id = vote.article.translation_of_id
        if ArticleVote.objects.filter(article_id=story_id, voter_key=vote.voter_key).exists():
            vote.delete()  # the same reader on two editions: one row per story
        else:
            ArticleVote.objects.filter(pk=vote.pk).update(article_id=story_id)


def forwards(apps, schema_editor):
    name_stories(apps, schema_editor)
    merge_threads(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0007_published_count_counted_when_shown"),
        ("newsroom", "0003_revisions_and_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="story",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="story_comments",
                to="newsroom.article",
                verbose_name="story",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
