from django.conf import settings


def site(request):
    """The site's name, address and editions, needed by every page's header and footer."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        # Absolute links use the configured address, never the request's Host header, so a
        # cached page is the same whichever host name served it first.
        "SITE_URL": settings.SERAI_SITE_URL,
        "EDITIONS": settings.LANGUAGES,
    }
