from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure every app stands on (page cache, freshness, purges, headers, serving).

    It imports no app: apps connect their own invalidation receivers and register what the page
    cache must know about them in their `ready()` (see serai.core.freshness and pagecache).
    """

    name = "serai.core"
    verbose_name = "Serai"
