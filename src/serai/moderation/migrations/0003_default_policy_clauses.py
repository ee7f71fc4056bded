"""The Comment Policy's clauses as first published; editors may reword them in the admin later."""

from django.db import migrations

CLAUSES = [
    (1, "Stay on topic", "Не отклоняйтесь от темы"),
    (2, "No personal attacks or hate speech", "Никаких оскорблений и языка вражды"),
    (3, "No threats or incitement to violence", "Никаких угроз и призывов к насилию"),
    (4, "No spam or advertising", "Никакого спама и рекламы"),
    (5, "No personal data of others", "Не публикуйте чужие персональные данные"),
    (6, "No impersonation", "Не выдавайте себя за других"),
    (7, "Write in a language of our editions", "Пишите на одном из языков наших изданий"),
]


def add_clauses(apps, schema_editor):
    PolicyClause = apps.get_model("moderation", "PolicyClause")
    for number, title, title_ru in CLAUSES:
        PolicyClause.objects.get_or_create(
            number=number, defaults={"title": title, "translated_titles": {"ru": title_ru}}
        )


def remove_clauses(apps, schema_editor):
    PolicyClause = apps.get_model("moderation", "PolicyClause")
    PolicyClause.objects.filter(number__in=[n for n, _title, _ru in CLAUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_word_lists_bans_reports_decisions"),
    ]

    operations = [
        migrations.RunPython(add_clauses, remove_clauses),
    ]
