"""Photos move into an image library: each article photo becomes a library image (file, alt text,
caption, credit and renditions kept as they were) and a link from the article to it."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import serai.newsroom.images

PERCENT = [
    django.core.validators.MinValueValidator(
        0, message="The focal point must be inside the image: between 0 and 100 per cent."
    ),
    django.core.validators.MaxValueValidator(
        100, message="The focal point must be inside the image: between 0 and 100 per cent."
    ),
]


def photos_into_library(apps, schema_editor):
    Photo = apps.get_model("newsroom", "Photo")
    Image = apps.get_model("newsroom", "Image")
    for photo in Photo.objects.order_by("pk").iterator():
        image = Image.objects.create(
            file=photo.image.name,
            width=photo.width,
            height=photo.height,
            alt_text=photo.alt_text,
            caption=photo.caption,
            credit=photo.credit,
            renditions=photo.renditions,
        )
        Photo.objects.filter(pk=photo.pk).update(library_image=image)


def photos_out_of_library(apps, schema_editor):
    Photo = apps.get_model("newsroom", "Photo")
    for photo in Photo.objects.select_related("library_image").iterator():
        image = photo.library_image
        Photo.objects.filter(pk=photo.pk).update(
            image=image.file.name,
            width=image.width,
            height=image.height,
            alt_text=image.alt_text,
            caption=photo.caption_override or image.caption,
            credit=image.credit,
            renditions=image.renditions,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Image",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.ImageField(
                        height_field="height",
                        upload_to="library/%Y/%m/",
                        validators=[serai.newsroom.images.validate_image_upload],
                        verbose_name="image file",
                        width_field="width",
                    ),
                ),
                ("width", models.PositiveIntegerField(editable=False, null=True)),
                ("height", models.PositiveIntegerField(editable=False, null=True)),
                ("alt_text", models.CharField(blank=True, max_length=300, verbose_name="alt text")),
                ("caption", models.TextField(blank=True, max_length=600, verbose_name="caption")),
                ("credit", models.CharField(blank=True, max_length=120, verbose_name="credit")),
                (
                    "focal_x",
                    models.PositiveSmallIntegerField(
                        default=50, validators=PERCENT, verbose_name="focal point across (%)"
                    ),
                ),
                (
                    "focal_y",
                    models.PositiveSmallIntegerField(
                        default=50, validators=PERCENT, verbose_name="focal point down (%)"
                    ),
                ),
                ("renditions", models.JSONField(blank=True, default=list, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "library image",
                "verbose_name_plural": "library images",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="photo",
            name="library_image",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="uses",
                to="newsroom.image",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="caption_override",
            field=models.TextField(blank=True, max_length=600, verbose_name="caption in this article"),
        ),
        migrations.RunPython(photos_into_library, photos_out_of_library),
        migrations.RemoveField(model_name="photo", name="image"),
        migrations.RemoveField(model_name="photo", name="width"),
        migrations.RemoveField(model_name="photo", name="height"),
        migrations.RemoveField(model_name="photo", name="alt_text"),
        migrations.RemoveField(model_name="photo", name="caption"),
        migrations.RemoveField(model_name="photo", name="credit"),
        migrations.RemoveField(model_name="photo", name="renditions"),
        migrations.RenameField(model_name="photo", old_name="library_image", new_name="image"),
        migrations.AlterField(
            model_name="photo",
            name="image",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="uses",
                to="newsroom.image",
                verbose_name="library image",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="position",
            field=models.PositiveSmallIntegerField(blank=True, verbose_name="photo number"),
        ),
        # Help texts only.
        migrations.AlterField(
            model_name="image",
            name="alt_text",
            field=models.CharField(
                blank=True,
                help_text="What the photo shows, for readers who cannot see it. Needed before an article uses it.",
                max_length=300,
                verbose_name="alt text",
            ),
        ),
        migrations.AlterField(
            model_name="image",
            name="credit",
            field=models.CharField(
                blank=True, help_text="Shown as [Name/Agency].", max_length=120, verbose_name="credit"
            ),
        ),
        migrations.AlterField(
            model_name="image",
            name="focal_x",
            field=models.PositiveSmallIntegerField(
                default=50,
                help_text="Where the subject is, from the left edge (0) to the right edge (100).",
                validators=[
                    django.core.validators.MinValueValidator(
                        0, message="The focal point must be inside the image: between 0 and 100 per cent."
                    ),
                    django.core.validators.MaxValueValidator(
                        100, message="The focal point must be inside the image: between 0 and 100 per cent."
                    ),
                ],
                verbose_name="focal point across (%)",
            ),
        ),
        migrations.AlterField(
            model_name="image",
            name="focal_y",
            field=models.PositiveSmallIntegerField(
                default=50,
                help_text="Where the subject is, from the top (0) to the bottom (100).",
                validators=[
                    django.core.validators.MinValueValidator(
                        0, message="The focal point must be inside the image: between 0 and 100 per cent."
                    ),
                    django.core.validators.MaxValueValidator(
                        100, message="The focal point must be inside the image: between 0 and 100 per cent."
                    ),
                ],
                verbose_name="focal point down (%)",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="caption_override",
            field=models.TextField(
                blank=True,
                help_text="Leave empty to use the library's caption.",
                max_length=600,
                verbose_name="caption in this article",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="position",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="1 is the lead photo; '[photo N]' places photo N. Empty: after the others.",
                verbose_name="photo number",
            ),
        ),
    ]
