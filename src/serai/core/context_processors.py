from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _sections():
    from serai.core.fragments import fragments
    from serai.newsroom.models import Section

    # Every page's masthead lists them: read once per change of the site, per process.
    return fragments().get("sections", ["site"], lambda: list(Section.objects.all()))


def site(request):
    """The site's name, editions and sections, needed by every page's header and footer.

    Sections are fetched lazily, only by pages whose template shows them, and kept while unchanged.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        # Absolute links use the configured address, never the request's Host header, so a
        # cached page is the same whichever host name served it first.
        "SITE_URL": settings.SERAI_SITE_URL,
        "EDITIONS": settings.LANGUAGES,
        "nav_sections": SimpleLazyObject(_sections),
    }
