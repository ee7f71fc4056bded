from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from django.views.static import serve

from serai.core.params import IdConverter
from serai.sitemaps import StandingPageSitemap
from serai.syndication import views as syndication

register_converter(IdConverter, "id")

handler500 = "serai.core.views.server_error"

admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Back office"

# The sitemaps of the syndication app, and the standing pages' (the pages app's).
SITEMAPS = {"extra": {"pages": StandingPageSitemap()}}

urlpatterns = [
    path("robots.txt", syndication.robots_txt),
    path("sitemap.xml", syndication.index, SITEMAPS, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", syndication.section, SITEMAPS, name="sitemap-section"),
    path("news-sitemap.xml", syndication.news_sitemap, name="news-sitemap"),
    path(settings.SERAI_ADMIN_PATH, admin.site.urls),
    # The JSON API, one for every edition (each names its language in its paths): docs/api.md.
    path("api/v1/", include("serai.api.urls")),
]
if settings.SERAI_SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
urlpatterns += i18n_patterns(
    path("pages/", include("serai.pages.urls")),
    path("comments/", include("serai.comments.urls")),
    path("moderation/", include("serai.desk.urls")),
    # The pages behind the links in reply emails, where the links already sent point.
    path("moderation/", include("serai.comments.email_urls")),
    path("translation/", include("serai.translation.urls")),
    path("privacy/", include("serai.privacy.urls")),
    path("search/", include("serai.search.urls")),
    path("", include("serai.syndication.urls")),
    path("", include("serai.newsroom.urls")),
    prefix_default_language=True,
)
