from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from serai.core import pagecache
from serai.pages.models import Page


def page(request, slug):
    """A standing page in the reader's edition, or in the default edition when not translated."""
    pagecache.cacheable(request)
    language = get_language()
    candidates = {
        p.language: p for p in Page.objects.filter(slug=slug, language__in={language, settings.LANGUAGE_CODE})
    }
    found = candidates.get(language) or candidates.get(settings.LANGUAGE_CODE)
    if found is None:
        raise Http404("No such page.")
    return render(request, "pages/page.html", {"page": found, "translated": found.language == language})
