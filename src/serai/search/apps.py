from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "serai.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from serai.search import indexing

        indexing.connect()
        post_migrate.connect(indexing.fill_empty_index, sender=self, dispatch_uid="serai-search-fill")
