from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "serai.translation"
    label = "translation"
    verbose_name = _("Translation")

    def ready(self) -> None:
        from django.core import checks

        from serai.translation.checks import translation_backend

        checks.register(translation_backend, "serai")
