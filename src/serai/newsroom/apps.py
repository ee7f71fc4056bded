from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "serai.newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from serai.core import readings
        from serai.newsroom import invalidation
        from serai.newsroom.readership import record_reads

        invalidation.connect()
        readings.register_flush(record_reads)
