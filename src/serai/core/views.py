import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


@requires_csrf_token
def server_error(request):
    """The "Something went wrong" page; a bare one when even that cannot be made.

    The page links the site's stylesheet, so when static files are broken (a release whose
    `collectstatic` did not run, a manifest missing an entry) making it raises as well, and every
    middleware around the view would try again in turn: the reader got an empty answer and the log
    a cascade of tracebacks. This answers once, without templates or static files.
    """
    try:
        return defaults.server_error(request)
    except Exception:
        logger.exception("The error page could not be made either; answered with a bare one.")
    page = format_html(
        '<!doctype html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title></head>'
        '<body><main><h1>{}</h1><p>{}</p><p><a href="/">{}</a></p></main></body></html>',
        get_language() or settings.LANGUAGE_CODE,
        _("Something went wrong"),
        _("Something went wrong on our side"),
        _(
            "The page could not be shown. Nothing you did caused this, and the newsroom has been told. "
            "Please try again in a minute."
        ),
        _("Go to the front page"),
    )
    return HttpResponseServerError(page)
