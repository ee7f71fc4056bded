from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "serai.core"
    verbose_name = "Serai"

    def ready(self):
        from serai.core import freshness

        freshness.connect()
