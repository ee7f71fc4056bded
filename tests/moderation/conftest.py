import pytest
from django.core.cache import cache

from serai.moderation import words
from tests.moderation.factories import ModeratorFactory, article_with_thread

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _moderation_settings(settings):
    """Tasks run at once; every test starts with an empty cache and freshly compiled word lists."""
    settings.TASKS = IMMEDIATE
    settings.SERAI_SITE_URL = "https://news.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    words.forget()
    yield
    cache.clear()


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def article(db):
    return article_with_thread("post")


@pytest.fixture
def premoderated(db):
    return article_with_thread("pre")
