from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Crawlers may read everything readers can; the back office and moderation are not for them."""
    lines = ["User-agent: *", f"Disallow: /{settings.SERAI_ADMIN_PATH}"]
    lines += [f"Disallow: /{code}/moderation/" for code, _name in settings.LANGUAGES]
    lines += [f"Disallow: /{code}/comments/" for code, _name in settings.LANGUAGES]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
