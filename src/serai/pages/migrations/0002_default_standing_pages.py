"""A new site's Comment Policy and About pages, in every edition we have their words for.

Every page links them, so a fresh install must not answer 404 there; pages that already exist
(an editor wrote them first) are left as they are.
"""

from django.conf import settings
from django.db import migrations, models


def add_pages(apps, schema_editor):
    from serai.newsroom.rendering import render_plain
    from serai.pages.defaults import DEFAULT_PAGES

    Page = apps.get_model("pages", "Page")
    editions = {code for code, _name in settings.LANGUAGES}
    for default in DEFAULT_PAGES:
        if default.language not in editions:
            continue
        Page.objects.get_or_create(
            language=default.language,
            slug=default.slug,
            defaults={
                "title": default.title,
                "body": default.body,
                "body_html": render_plain(default.body),
            },
        )


def remove_untouched_pages(apps, schema_editor):
    from serai.pages.defaults import DEFAULT_PAGES

    Page = apps.get_model("pages", "Page")
    for default in DEFAULT_PAGES:
        Page.objects.filter(language=default.language, slug=default.slug, body=default.body).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="page",
            name="body",
            field=models.TextField(
                help_text=(
                    "Markdown, as in article bodies. In the Comment Policy, a line reading [clauses] is "
                    "where the policy's clauses are listed (after the text when there is none)."
                ),
                verbose_name="body",
            ),
        ),
        migrations.RunPython(add_pages, remove_untouched_pages),
    ]
