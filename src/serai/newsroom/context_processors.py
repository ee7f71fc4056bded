from django.utils.functional import SimpleLazyObject

from serai.core.fragments import fragments
from serai.newsroom.models import Section


def _sections():
    # Every page's masthead lists them: read once per change of the site, per process.
    return fragments().get("sections", ["site"], lambda: list(Section.objects.all()))


def sections(request):
    """The sections every page's masthead lists, fetched only by pages whose template shows them,
    and kept while unchanged."""
    return {"nav_sections": SimpleLazyObject(_sections)}
