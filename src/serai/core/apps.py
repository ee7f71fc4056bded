from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "serai.core"
    verbose_name = "Serai"
