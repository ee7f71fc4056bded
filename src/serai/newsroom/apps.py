from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "serai.newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from serai.newsroom import invalidation

        invalidation.connect()
