import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _privacy_settings(settings):
    settings.SERAI_COMMENTS_MODE = "pre"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_TRUSTED_PROXIES = 0
    settings.SERAI_IP_HASH_ROTATION_SECONDS = 86400
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    cache.clear()
    yield
    cache.clear()
