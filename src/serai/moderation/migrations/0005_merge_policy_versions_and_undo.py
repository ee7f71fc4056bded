from django.db import migrations


class Migration(migrations.Migration):
    """Joins two independent changes: policy versions and the queue's undo action."""

    dependencies = [
        ("moderation", "0004_decision_undo_action"),
        ("moderation", "0004_policy_explanations_and_versions"),
    ]

    operations = []
