import pytest
from django.core.cache import cache

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _security_settings(settings):
    """Post-moderated conversation without the anti-flood limits; tasks at once; email kept."""
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SERAI_SITE_URL = "http://testserver"
    settings.SERAI_COMMENTS_MODE = "post"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_TRUSTED_PROXIES = 0
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    settings.SERAI_MIN_FORM_SECONDS = 0
    settings.CSRF_TRUSTED_ORIGINS = []
    cache.clear()
    yield
    cache.clear()
