from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "serai.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from serai.moderation import bans, roles, words
        from serai.moderation.models import Ban, PolicyClause, WordListEntry

        for signal in (post_save, post_delete):
            signal.connect(words.on_entry_changed, sender=WordListEntry, dispatch_uid=f"words-{signal}")
        # A ban's clause is cited by its number: renumbering or deleting a clause changes bans too.
        for model in (Ban, PolicyClause):
            for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(bans.changed, sender=model, dispatch_uid=f"bans-{model.__name__}-{name}")
        # Policy clauses are named in tombstones on any article page.
        from serai.core.freshness import site_models

        site_models(PolicyClause)
        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="moderation-roles")
