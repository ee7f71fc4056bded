from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The staff's screens over the conversation: the moderation queue and its decisions, readers'
    reports, word lists, bans, the audit log, and the moderators' digest."""

    name = "serai.desk"
    verbose_name = _("Moderators' desk")

    def ready(self) -> None:
        from serai.comments.signals import comment_held
        from serai.desk import notifications

        comment_held.connect(notifications.on_comment_held, dispatch_uid="desk-digest-held")
