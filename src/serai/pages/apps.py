from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "serai.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from serai.core.freshness import site_models
        from serai.pages.models import Page

        site_models(Page)  # standing pages are linked from every page's footer
