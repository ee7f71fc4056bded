"""Password guessing against staff accounts: five wrong passwords lock a username on a connection.

django-axes counts failures in the cache under the username and the salted address hash; these
tests also check that no address reaches the database, the cache or the log on the way.
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import clear_url_caches, reverse

from tests.factories import UserFactory
from tests.moderation.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"
IPV4 = "203.0.113.41"
IPV6 = "2001:db8:4242:17::99"


@pytest.fixture(autouse=True)
def _throttle(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    cache.clear()


@pytest.fixture
def chief():
    return UserFactory(username="chief", superuser=True)


def _attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client, username, times):
    for _ in range(times):
        response = _attempt(client, username, "wrong password")
        assert not _signed_in(client)
    return response


def test_the_sixth_attempt_is_refused_even_with_the_right_password(chief):
    client = Client(REMOTE_ADDR=IPV4)
    first = _attempt(client, "chief", "wrong password")
    assert first.status_code == 200 and "correct username and password" in first.content.decode()
    fifth = _fail(client, "chief", 4)
    assert fifth.status_code == 429
    response = _attempt(client, "chief", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "Sign-in paused" in page
    assert "signing in is paused for 15 minutes" in page
    assert reverse("admin:login") in page


def test_four_failures_then_the_right_password_signs_in_and_starts_the_count_again(chief):
    client = Client(REMOTE_ADDR=IPV4)
    _fail(client, "chief", 4)
    assert _attempt(client, "chief", PASSWORD).status_code == 302
    assert _signed_in(client)
    client.logout()
    assert _fail(client, "chief", 4).status_code == 200
    assert _attempt(client, "chief", PASSWORD).status_code == 302


def test_other_accounts_and_other_connections_are_not_affected(chief):
    UserFactory(username="desk", staff=True)
    attacker = Client(REMOTE_ADDR=IPV4)
    _fail(attacker, "chief", 5)
    assert _attempt(attacker, "chief", PASSWORD).status_code == 429
    # The same connection may still sign in to another account...
    assert _attempt(attacker, "desk", PASSWORD).status_code == 302
    # ...and the locked account's owner, from their own connection, is not locked out.
    owner = Client(REMOTE_ADDR=IPV6)
    assert _attempt(owner, "chief", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(chief, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    client = Client(REMOTE_ADDR=IPV4)
    _fail(client, "chief", 5)
    assert _attempt(client, "chief", PASSWORD).status_code == 429
    time.sleep(1.2)
    assert _attempt(client, "chief", PASSWORD).status_code == 302


def test_moderators_sign_in_through_the_same_throttled_form():
    ModeratorFactory(username="mod")
    client = Client(REMOTE_ADDR=IPV4)
    queue = client.get("/en/moderation/")
    assert queue.status_code == 302 and queue["Location"].startswith(reverse("admin:login"))
    _fail(client, "mod", 5)
    assert client.post(queue["Location"], {"username": "mod", "password": PASSWORD}).status_code == 429


def test_no_address_is_kept_in_the_database_the_cache_or_the_log(chief, caplog):
    caplog.set_level(logging.DEBUG)
    for address in (IPV4, IPV6):
        client = Client(REMOTE_ADDR=address)
        _fail(client, "chief", 6)
        _attempt(client, "chief", PASSWORD)
    needles = [IPV4, IPV6, ipaddress.ip_address(IPV6).exploded, "2001:db8:4242:17::"]
    for model in apps.get_app_config("axes").get_models():
        for row in model.objects.values():
            assert not any(n in str(v) for v in row.values() for n in needles), model
    stored = [f"{key!r} {value!r}" for key, value in getattr(cache, "_cache", {}).items()]
    assert stored, "expected the failures to be counted in the local cache"
    assert not any(n in item for item in stored for n in needles)
    assert caplog.records, "axes logs failures"
    assert not any(n in caplog.text for n in needles)


# The back office's address ------------------------------------------------------------------------


@pytest.fixture
def hidden_admin(settings):
    import serai.urls

    original = settings.SERAI_ADMIN_PATH
    settings.SERAI_ADMIN_PATH = "desk-7f3a/"
    importlib.reload(serai.urls)
    clear_url_caches()
    yield "/desk-7f3a/"
    settings.SERAI_ADMIN_PATH = original
    importlib.reload(serai.urls)
    clear_url_caches()


def test_the_back_office_lives_at_the_configured_path(hidden_admin, chief):
    assert reverse("admin:index") == hidden_admin
    assert reverse("admin:login") == hidden_admin + "login/"
    client = Client(REMOTE_ADDR=IPV4)
    assert client.get("/admin/", follow=True).status_code == 404
    assert client.get("/admin/login/", follow=True).status_code == 404
    login = client.get(hidden_admin + "login/")
    assert login.status_code == 200
    # The back office's own CSP (admin styles) follows the path.
    assert "'unsafe-inline'" in login.headers["Content-Security-Policy"].split("style-src")[1].split(";")[0]
    for _ in range(5):
        client.post(hidden_admin + "login/", {"username": "chief", "password": "wrong"})
    assert (
        client.post(hidden_admin + "login/", {"username": "chief", "password": PASSWORD}).status_code == 429
    )


def test_the_path_comes_from_the_environment(tmp_path):
    env = {**os.environ, "SERAI_ADMIN_PATH": "/newsdesk/", "SERAI_HOME": str(tmp_path)}
    code = "import serai.settings as s; print(s.SERAI_ADMIN_PATH)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "newsdesk/"


def test_signing_in_without_a_request_is_not_throttled_and_still_checks_the_password(chief):
    """The test client's login() and management commands have no connection to count."""
    client = Client()
    assert client.login(username="chief", password=PASSWORD)
    assert not Client().login(username="chief", password="wrong password")
