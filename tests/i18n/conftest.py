import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _conversation_open(settings):
    """Pre-moderated conversation, open, with the anti-flood limits out of the way."""
    settings.SERAI_COMMENTS_MODE = "pre"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    cache.clear()
    yield
    cache.clear()
