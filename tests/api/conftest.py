import time

import pytest
from django.core.cache import cache

from serai.comments.forms import issue_form_token
from serai.moderation.models import PolicyClause
from tests.factories import ArticleFactory

API = "/api/v1"


@pytest.fixture(autouse=True)
def _conversation_settings(settings):
    """The site's defaults for the conversation, the flood limits out of the way (the rate limit
    is the moderation rule's, tested with it; one test here turns it back on)."""
    settings.SERAI_COMMENTS_MODE = "pre"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_COMMENTS_PER_PAGE = 20
    settings.SERAI_VOTES_PER_ADDRESS = 3
    settings.SERAI_TRUSTED_PROXIES = 0
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    settings.SERAI_SHOW_MACHINE_TRANSLATIONS = False
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post_mode(settings):
    settings.SERAI_COMMENTS_MODE = "post"


@pytest.fixture
def article(db):
    return ArticleFactory(headline="Steppe rail link opens", slug="steppe-rail")


@pytest.fixture
def clause(db):
    clause, _created = PolicyClause.objects.update_or_create(
        number=2, defaults={"title": "No personal attacks", "translated_titles": {}, "active": True}
    )
    return clause


def article_path(article) -> str:
    return f"{API}/{article.language}/articles/{article.section.slug}/{article.slug}"


def old_token(article, seconds: float = 10) -> str:
    """A token as if fetched `seconds` ago (a person takes a while to write)."""
    return issue_form_token(article.pk, now=time.time() - seconds)


def comment_body(article, **fields) -> dict:
    body = {
        "author_name": "Aigerim",
        "email": "aigerim@example.org",
        "text": f"A thoughtful remark about the railway, {time.monotonic_ns()}.",
        "token": old_token(article),
    }
    body.update(fields)
    return body


def post_json(client, path: str, body: dict, **extra):
    return client.post(path, body, content_type="application/json", **extra)


@pytest.fixture
def keep_connection():
    """Requests sent straight to the WSGI application begin and end with
    `close_old_connections`, which on PostgreSQL closes the connection holding the test's
    transaction; Django's test client disconnects it for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
