from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "serai.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from serai.comments.signals import comment_held, comment_published
        from serai.moderation import notifications, roles, words
        from serai.moderation.models import WordListEntry

        comment_held.connect(notifications.on_comment_held, dispatch_uid="moderation-held")
        comment_published.connect(
            notifications.on_comment_published, dispatch_uid="moderation-published"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                words.on_entry_changed, sender=WordListEntry, dispatch_uid=f"words-{signal}"
            )
        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="moderation-roles")
