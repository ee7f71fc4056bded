from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from serai.core.fragments import fragments
from serai.newsroom.models import Edition, Section


def _sections():
    # Every page's masthead lists them: read once per change of the site, per process.
    return fragments().get("sections", ["site"], lambda: list(Section.objects.all()))


def _taglines() -> dict[str, str]:
    # Each edition's own tagline, where it has one: read once per change of the site, per process.
    own = Edition.objects.exclude(tagline="")
    return fragments().get("taglines", ["site"], lambda: dict(own.values_list("language", "tagline")))


def sections(request):
    """The sections every page's masthead lists, and the edition's tagline under the site name
    (the site's own where the edition has none), fetched only by pages whose template shows
    them, and kept while unchanged."""
    return {
        "nav_sections": SimpleLazyObject(_sections),
        "SITE_TAGLINE": SimpleLazyObject(lambda: _taglines().get(get_language(), settings.SITE_TAGLINE)),
    }
