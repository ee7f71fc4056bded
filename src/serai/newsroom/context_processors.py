from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from serai.core.fragments import fragments
from serai.newsroom import editions
from serai.newsroom.models import Section


def _sections():
    # Every page's masthead lists them: read once per change of the site, per process.
    return fragments().get("sections", ["site"], lambda: list(Section.objects.all()))


def sections(request):
    """The sections every page's masthead lists, and the edition's tagline under the site name
    (the site's own where the edition has none), fetched only by pages whose template shows
    them, and kept while unchanged."""
    return {
        "nav_sections": SimpleLazyObject(_sections),
        "SITE_TAGLINE": SimpleLazyObject(lambda: editions.tagline(get_language())),
    }
