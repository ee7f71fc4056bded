from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from serai.core import pagecache
from serai.pages import selectors
from serai.pages.models import COMMENT_POLICY_SLUG, Page


def page(request, slug):
    """A standing page in the reader's edition, or in the default edition when not translated.

    The Comment Policy also lists the clauses in force, with the version's number and date; it
    answers even when an editor has deleted its page, since every comment form links it.
    """
    pagecache.cacheable(request)
    language = get_language()
    found = selectors.page_for_edition(slug, language)
    is_policy = slug == COMMENT_POLICY_SLUG
    if found is None and not is_policy:
        raise Http404("No such page.")
    if found is None:
        found = Page(language=settings.LANGUAGE_CODE, slug=slug, title=_("Comment Policy"))
    context = {"page": found, "translated": found.language == language, "is_policy": is_policy}
    if is_policy:
        context.update(selectors.policy_in_force(found.language))
    return render(request, "pages/page.html", context)


def policy_version(request, number):
    """One published version of the Comment Policy's clauses, as readers read them then."""
    pagecache.cacheable(request)
    context = selectors.policy_version(number, get_language())
    if context is None:
        raise Http404("No such version of the Comment Policy.")
    return render(request, "pages/policy_version.html", context)
