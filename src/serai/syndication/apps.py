from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "serai.syndication"
    verbose_name = _("Feeds and sitemaps")

    def ready(self) -> None:
        from serai.newsroom.extensions import register_in_article_head
        from serai.syndication import invalidation
        from serai.syndication.feeds import comments_feed_link

        register_in_article_head(comments_feed_link)
        invalidation.connect()
