import pytest
from django.core.cache import cache

from serai.moderation.models import PolicyClause
from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def _conversation_settings(settings):
    """The site's defaults for the conversation, with the anti-flood limits out of the way.

    Tests here post many comments from one test client; the rate and link limits are the
    moderation rules' business, tested with them.
    """
    settings.SERAI_COMMENTS_MODE = "pre"
    settings.SERAI_COMMENTS_CLOSE_AFTER_DAYS = None
    settings.SERAI_COMMENTS_PER_PAGE = 20
    settings.SERAI_COMMENT_MAX_LENGTH = 1500
    settings.SERAI_REPLY_INDENT_LEVELS = 3
    settings.SERAI_VOTES_PER_ADDRESS = 3
    settings.SERAI_TRUSTED_PROXIES = 0
    settings.CSRF_TRUSTED_ORIGINS = []
    settings.SERAI_RATE_LIMIT = 1_000_000
    settings.SERAI_MAX_LINKS = 1_000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(db):
    return ArticleFactory(headline="Steppe rail link opens")


@pytest.fixture
def post_mode(settings):
    """Post-moderated site: comments appear at once."""
    settings.SERAI_COMMENTS_MODE = "post"


@pytest.fixture
def clause(db):
    """Clause 2 of the Comment Policy, titled as these tests expect (the data migration may
    already have created clause 2 with its published wording)."""
    clause, _created = PolicyClause.objects.update_or_create(
        number=2, defaults={"title": "No personal attacks", "translated_titles": {}, "active": True}
    )
    return clause
