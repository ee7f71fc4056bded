"""The Comment Policy and About pages in the Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek editions.

0002 made them in English and Russian only, so those five editions fell back to the English page.
A page an editor already wrote in one of them is left as it is; undoing this removes only the
pages still reading as this migration wrote them.
"""

from django.db import migrations

EDITIONS = ("kk", "ky", "tg", "tk", "uz")


def add_pages(apps, schema_editor):
    from django.conf import settings

    from serai.newsroom.rendering import render_plain
    from serai.pages.defaults import DEFAULT_PAGES

    Page = apps.get_model("pages", "Page")
    editions = {code for code, _name in settings.LANGUAGES}
    for default in DEFAULT_PAGES:
        if default.language not in EDITIONS or default.language not in editions:
            continue
        Page.objects.get_or_create(
            language=default.language,
            slug=default.slug,
            defaults={"title": default.title, "body": default.body, "body_html": render_plain(default.body)},
        )


def remove_untouched_pages(apps, schema_editor):
    from serai.pages.defaults import DEFAULT_PAGES

    Page = apps.get_model("pages", "Page")
    for default in DEFAULT_PAGES:
        if default.language in EDITIONS:
            Page.objects.filter(language=default.language, slug=default.slug, body=default.body).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_default_standing_pages"),
    ]

    operations = [migrations.RunPython(add_pages, remove_untouched_pages)]
