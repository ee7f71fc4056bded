from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "serai.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from serai.moderation import roles, words
        from serai.moderation.models import WordListEntry

        for signal in (post_save, post_delete):
            signal.connect(
                words.on_entry_changed, sender=WordListEntry, dispatch_uid=f"words-{signal}"
            )
        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="moderation-roles")
