"""The translation tests run as moderation's do (tasks at once, fresh caches), with a story in
English and its Russian and Kazakh editions, and a translator."""

import pytest
from django.contrib.auth.models import Group

from serai.staff.roles import TRANSLATORS, translators_group
from serai.translation import backends
from tests.factories import ArticleFactory
from tests.moderation.conftest import (  # noqa: F401 - fixtures, found by name
    _moderation_settings,
    moderator,
    moderator_client,
)
from tests.moderation.factories import StaffFactory, article_with_thread


@pytest.fixture(autouse=True)
def _no_machine(settings):
    """No backend unless a test chooses one; the backend is built again from the settings."""
    settings.SERAI_TRANSLATION_BACKEND = "none"
    backends.backend.cache_clear()
    yield
    backends.backend.cache_clear()


@pytest.fixture
def story(db):
    """An English original with a Russian and a Kazakh edition: one conversation on all three."""
    original = article_with_thread("post")
    ru = ArticleFactory(language="ru", translation_of=original, headline="Заголовок")
    kk = ArticleFactory(language="kk", translation_of=original, headline="Тақырып")
    return {"en": original, "ru": ru, "kk": kk}


def make_translator(**fields):
    user = StaffFactory(**fields)
    user.groups.add(translators_group())
    return user


@pytest.fixture
def translator(db):
    return make_translator(username="tolkyn")


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


def in_group(user) -> bool:
    return Group.objects.get(name=TRANSLATORS).user_set.filter(pk=user.pk).exists()
