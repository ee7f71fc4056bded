"""The whole-page cache: served before Django, fresh the moment what a page shows changes."""

import time

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import services as comments
from serai.comments import votes
from serai.comments.models import Comment
from serai.core import pagecache, purge
from serai.core.coherence import RedisGenerations
from serai.core.lru import LRU
from serai.newsroom import services as newsroom
from serai.newsroom.models import Article
from serai.wsgi import application
from tests.comments.helpers import vote_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, dict(headers), body

    @property
    def code(self) -> int:
        return int(self.status.split()[0])

    @property
    def text(self) -> str:
        return self.body.decode()


def get(path, **headers) -> Response:
    """A request through the production WSGI application, as granian makes it."""
    environ = RequestFactory().get(path, **headers).environ
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"], captured["headers"] = status, response_headers

    body = b"".join(application(environ, start_response))
    return Response(captured["status"], captured["headers"], body)


def published_comment(article, text):
    comment = comments.comment_post(
        article=article, author_name="A Reader", email="reader@example.org", text=text, form_age=30
    )
    return comments.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


def test_a_second_read_is_answered_without_django_or_the_database():
    article = ArticleFactory()
    first = get(article.get_absolute_url())
    assert first.code == 200
    assert "public" in first.headers["Cache-Control"] and "s-maxage" in first.headers["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        second = get(article.get_absolute_url())
    assert len(queries) == 0
    assert second.body == first.body
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_published_comment_shows_on_the_next_read_and_purges_the_page():
    article = ArticleFactory()
    assert "Fresh words" not in get(article.get_absolute_url()).text
    published_comment(article, "Fresh words")
    assert "Fresh words" in get(article.get_absolute_url()).text
    assert article.get_absolute_url() in purge.purger().purged


def test_a_removed_comment_disappears_on_the_next_read():
    article = ArticleFactory()
    comment = published_comment(article, "Soon gone")
    assert "Soon gone" in get(article.get_absolute_url()).text
    comments.comment_set_status(comment=comment, status=Comment.Status.REMOVED)
    assert "Soon gone" not in get(article.get_absolute_url()).text


def test_a_vote_changes_the_count_for_everyone():
    article = ArticleFactory()
    get(article.get_absolute_url())
    votes.article_vote(article=article, liked=True, voter_key="a" * 32, ip_address="192.0.2.1")
    page = get(article.get_absolute_url())
    assert page.code == 200
    # The shared page still offers the question; the reader who voted sees the result.
    assert "Do you like this article?" in page.text


def test_editing_an_article_refreshes_it_and_the_lists():
    article = ArticleFactory(headline="Old headline")
    home = f"/{article.language}/"
    assert "Old headline" in get(home).text
    assert "Old headline" in get(article.get_absolute_url()).text
    article.headline = "New headline"
    article.save()
    assert "New headline" in get(home).text
    assert "New headline" in get(article.get_absolute_url()).text


def test_unpublishing_removes_the_article_at_once():
    article = ArticleFactory()
    assert get(article.get_absolute_url()).code == 200
    newsroom.article_unpublish(article=article)
    assert get(article.get_absolute_url()).code == 404


def test_a_scheduled_article_appears_on_the_cached_home_page_when_due():
    ArticleFactory(headline="Already out")
    soon = ArticleFactory(
        headline="Coming shortly",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timezone.timedelta(seconds=2),
    )
    home = f"/{soon.language}/"
    assert "Coming shortly" not in get(home).text
    assert "Coming shortly" not in get(home).text  # served from the cache meanwhile
    time.sleep(2.2)
    assert "Coming shortly" in get(home).text


def test_conditional_requests_get_304():
    article = ArticleFactory()
    first = get(article.get_absolute_url())
    again = get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.code == 304
    assert again.body == b""


def test_a_date_alone_never_answers_304():
    """Last-Modified counts whole seconds of one process's clock: two versions stored within a
    second would share it. Only the ETag tells a reader's copy is current."""
    article = ArticleFactory()
    get(article.get_absolute_url())
    first = get(article.get_absolute_url())
    again = get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"])
    assert again.code == 200 and again.body == first.body


def test_a_reader_with_a_pending_comment_sees_it_and_others_get_the_shared_page(client):
    article = ArticleFactory()
    shared = get(article.get_absolute_url())
    posted = client.post(
        f"/en/comments/{article.pk}/post/",
        {
            "author_name": "Me",
            "email": "me@example.org",
            "text": "Only I see this yet",
            "token": __import__("serai.comments.forms", fromlist=["x"]).issue_form_token(
                article.pk, now=time.time() - 30
            ),
        },
        HTTP_ORIGIN="http://testserver",
    )
    assert posted.status_code == 303
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    mine = get(article.get_absolute_url(), HTTP_COOKIE=cookie)
    assert "Only I see this yet" in mine.text
    assert "private" in mine.headers["Cache-Control"]
    theirs = get(article.get_absolute_url())
    assert "Only I see this yet" not in theirs.text
    assert theirs.body == shared.body


def test_cookies_about_other_articles_do_not_cost_the_shared_page(client):
    one, other = ArticleFactory(), ArticleFactory()
    client.post(f"/en/comments/{one.pk}/vote/", vote_data(one, "yes"), HTTP_ORIGIN="http://testserver")
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    get(other.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page = get(other.get_absolute_url(), HTTP_COOKIE=cookie)
    assert page.code == 200 and len(queries) == 0


def test_staff_are_never_served_the_shared_page(admin_client):
    article = ArticleFactory()
    get(article.get_absolute_url())
    sessionid = admin_client.cookies["sessionid"].value
    shared = pagecache.pages().get(article.get_absolute_url())
    page = get(article.get_absolute_url(), HTTP_COOKIE=f"sessionid={sessionid}")
    assert page.code == 200 and "public" not in page.headers.get("Cache-Control", "")
    assert pagecache.pages().get(article.get_absolute_url()) is shared  # made for them, not stored


def test_a_foreign_host_is_not_answered_from_the_cache():
    article = ArticleFactory()
    get(article.get_absolute_url())
    assert get(article.get_absolute_url(), HTTP_HOST="evil.example").code == 400


def test_a_page_cached_under_a_replaced_generation_store_is_made_again():
    """Its check belongs to the store it was made with (see generations.Probe)."""
    from serai.core import generations

    article = ArticleFactory()
    get(article.get_absolute_url())
    assert pagecache.is_fresh(pagecache.pages().get(article.get_absolute_url()))
    stale = pagecache.pages().get(article.get_absolute_url())
    generations.reset_store()
    assert not pagecache.is_fresh(stale)
    assert get(article.get_absolute_url()).code == 200
    made_again = pagecache.pages().get(article.get_absolute_url())
    assert made_again is not stale and pagecache.is_fresh(made_again)
    with CaptureQueriesContext(connection) as queries:
        assert get(article.get_absolute_url()).code == 200
    assert len(queries) == 0


@override_settings(SERAI_PAGE_CACHE=False)
def test_the_cache_can_be_switched_off():
    article = ArticleFactory()
    get(article.get_absolute_url())
    assert pagecache.pages().get(article.get_absolute_url()) is None
    assert "private" in get(article.get_absolute_url()).headers["Cache-Control"]


def test_pages_survive_an_unreachable_redis(settings):
    """A cache outage means uncached pages, never error pages."""
    from serai.core import generations

    settings.CACHES = {
        "default": {"BACKEND": "serai.core.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    generations.reset_store()
    article = ArticleFactory()
    for _ in range(3):
        assert get(article.get_absolute_url()).code == 200
    published_comment(article, "Posted while the cache is down")
    assert "Posted while the cache is down" in get(article.get_absolute_url()).text


@pytest.mark.skipif(
    __import__("subprocess").call(["redis-cli", "-h", "127.0.0.1", "ping"], stdout=-3, stderr=-3) != 0,
    reason="Redis is not running on 127.0.0.1:6379",
)
def test_several_app_servers_share_freshness_through_redis(settings):
    """A page cached by one server is dropped when another publishes a comment; Redis keeps the score."""
    from django.core.cache import caches

    from serai.core import generations

    settings.CACHES = {
        "default": {
            "BACKEND": "serai.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
        }
    }
    caches["default"].clear()
    generations.reset_store()
    assert isinstance(generations.store(), RedisGenerations)
    article = ArticleFactory()
    get(article.get_absolute_url())  # no epoch yet: not cached
    get(article.get_absolute_url())
    other_server_store = LRU(10)  # what another server holds, in its own memory
    entry = pagecache.pages().get(article.get_absolute_url())
    assert entry is not None
    other_server_store.put(article.get_absolute_url(), entry)
    published_comment(article, "Posted through the first server")
    assert not pagecache.is_fresh(other_server_store.get(article.get_absolute_url()))
    assert "Posted through the first server" in get(article.get_absolute_url()).text
    caches["default"].clear()  # Redis restarted empty: counters restart, the epoch changes
    assert not pagecache.is_fresh(pagecache.pages().get(article.get_absolute_url()))


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
)


def _security(response) -> dict:
    return {name: response.headers.get(name) for name in SECURITY_HEADERS}


def test_a_page_made_over_http_carries_hsts_when_served_from_the_cache_over_https(settings):
    """Security headers belong to each answer's own request, not to the one that made the page."""
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = ArticleFactory()
    plain = get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="http")
    assert "Strict-Transport-Security" not in plain.headers
    with CaptureQueriesContext(connection) as queries:
        secure = get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https")
    assert len(queries) == 0  # answered from the cache
    assert secure.headers["Strict-Transport-Security"] == "max-age=3600"
    again = get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="http")
    assert "Strict-Transport-Security" not in again.headers


def test_a_cached_answer_carries_the_same_security_headers_as_djangos(settings):
    settings.SECURE_HSTS_SECONDS = 60
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for proto in ("https", "http"):
        pagecache.pages().clear()
        article = ArticleFactory()
        made = get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO=proto)
        served = get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO=proto)
        assert _security(served) == _security(made)
        assert served.headers.get("Content-Security-Policy")
        not_modified = get(
            article.get_absolute_url(), HTTP_X_FORWARDED_PROTO=proto, HTTP_IF_NONE_MATCH=made.headers["ETag"]
        )
        assert not_modified.code == 304 and _security(not_modified) == _security(made)


def test_the_hit_path_answers_fresh_pages_and_leaves_the_rest_to_django():
    """`cached_answer` is the function every cache hit runs: tested as it runs, not as a copy."""
    article = ArticleFactory()
    path = article.get_absolute_url()
    environ = RequestFactory().get(path).environ
    assert pagecache.cached_answer(dict(environ)) is None  # nothing stored yet
    first = get(path)
    status, headers, body = pagecache.cached_answer(dict(environ))
    assert (status, body) == (first.status, first.body)
    assert dict(headers)["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    head = RequestFactory().head(path).environ
    assert pagecache.cached_answer(head)[2] == b""
    assert pagecache.cached_answer(RequestFactory().post(path).environ) is None
    assert pagecache.cached_answer({**environ, "HTTP_COOKIE": "sessionid=abc"}) is None
    assert pagecache.cached_answer({**environ, "HTTP_HOST": "evil.example"}) is None
    published_comment(article, "Changed")
    assert pagecache.cached_answer(dict(environ)) is None  # stale: Django makes it again


def test_a_redirect_to_https_is_never_skipped_by_the_cache(settings):
    """With SECURE_SSL_REDIRECT, plain HTTP reaches Django's SecurityMiddleware, which redirects."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = ArticleFactory()
    path = article.get_absolute_url()
    assert get(path, HTTP_X_FORWARDED_PROTO="https").code == 200
    plain = RequestFactory().get(path, HTTP_X_FORWARDED_PROTO="http").environ
    assert pagecache.cached_answer(dict(plain)) is not None
    settings.SECURE_SSL_REDIRECT = True
    assert pagecache.cached_answer(dict(plain)) is None
    secure = RequestFactory().get(path, HTTP_X_FORWARDED_PROTO="https").environ
    assert pagecache.cached_answer(secure) is not None
