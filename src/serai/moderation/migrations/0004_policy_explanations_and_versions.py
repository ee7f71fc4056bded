"""Clauses get an explanation readers can read; the policy is published as numbered versions.

The seven default clauses receive their explanations (English and Russian) unless an editor has
already written one, and the clauses in force become version 1.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


EXPLANATIONS = {
    1: (
        "Comment on the article and on what other readers have said about it.",
        "Обсуждайте статью и то, что о ней написали другие читатели.",
    ),
    2: (
        "Argue with ideas, not with people. We remove insults, and comments that attack people "
        "for their ethnicity, religion, language, gender, sexuality, disability or origin.",
        "Спорьте с мнениями, а не с людьми. Мы удаляем оскорбления и комментарии, направленные "
        "против людей из-за их национальности, религии, языка, пола, сексуальной ориентации, "
        "инвалидности или происхождения.",
    ),
    3: (
        "Comments that threaten anyone, or urge others to harm them, are removed.",
        "Комментарии с угрозами или призывами причинить кому-либо вред удаляются.",
    ),
    4: (
        "No promotions, no repeated posts, no links posted only to draw traffic.",
        "Никаких рекламных сообщений, повторяющихся постов и ссылок, оставленных только ради переходов.",
    ),
    5: (
        "Do not publish anyone's address, phone number, documents or other private details.",
        "Никаких чужих адресов, номеров телефонов, документов и других личных сведений.",
    ),
    6: (
        "Do not pretend to be another person, an organisation or a member of our staff.",
        "Не представляйтесь другим человеком, организацией или сотрудником редакции.",
    ),
    7: (
        "Our moderators must be able to read every comment.",
        "Модераторы должны понимать каждый комментарий.",
    ),
}


def explain_and_publish(apps, schema_editor):
    PolicyClause = apps.get_model("moderation", "PolicyClause")
    PolicyVersion = apps.get_model("moderation", "PolicyVersion")
    for number, (text, text_ru) in EXPLANATIONS.items():
        clause = PolicyClause.objects.filter(number=number, text="").first()
        if clause is not None:
            clause.text = text
            clause.translated_texts = {"ru": text_ru, **clause.translated_texts}
            clause.save(update_fields=["text", "translated_texts"])
    if PolicyVersion.objects.exists():
        return
    snapshot = [
        {
            "id": clause.pk,
            "number": clause.number,
            "title": clause.title,
            "text": clause.text,
            "translated_titles": clause.translated_titles,
            "translated_texts": clause.translated_texts,
        }
        for clause in PolicyClause.objects.filter(active=True).order_by("number")
    ]
    PolicyVersion.objects.create(number=1, clauses=snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_default_policy_clauses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="policyclause",
            name="text",
            field=models.TextField(
                blank=True,
                help_text="What the clause means, shown under its title on the Comment Policy page.",
                verbose_name="explanation",
            ),
        ),
        migrations.AddField(
            model_name="policyclause",
            name="translated_texts",
            field=models.JSONField(blank=True, default=dict, verbose_name="explanations in other editions"),
        ),
        migrations.AlterField(
            model_name="policyclause",
            name="translated_titles",
            field=models.JSONField(blank=True, default=dict, verbose_name="titles in other editions"),
        ),
        migrations.CreateModel(
            name="PolicyVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(unique=True, verbose_name="version")),
                (
                    "effective_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="in force since"),
                ),
                ("clauses", models.JSONField(default=list, verbose_name="clauses")),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "Comment Policy version",
                "verbose_name_plural": "Comment Policy versions",
                "ordering": ["-number"],
                "get_latest_by": "number",
            },
        ),
        migrations.AddField(
            model_name="decision",
            name="policy_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="moderation.policyversion",
                verbose_name="policy version",
            ),
        ),
        migrations.RunPython(explain_and_publish, migrations.RunPython.noop),
    ]
