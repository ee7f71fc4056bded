from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "serai.comments"
    verbose_name = _("Reader conversation")

    def ready(self) -> None:
        from serai.comments import invalidation

        invalidation.connect()
