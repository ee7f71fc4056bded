import os
import shutil
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploaded media in a throw-away folder; static files without a manifest; fast hashing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings, tmp_path):
    """Each test starts with empty page and fragment stores and its own generation counters."""
    from django.core.cache import caches

    from serai.comments import rendering
    from serai.core import fragments, generations, pagecache, purge, readings
    from serai.moderation import bans

    # The cache also holds rate-limit counters and flags: no test inherits another's.
    caches["default"].clear()
    settings.SERAI_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    settings.SERAI_READS_FLUSH_SECONDS = 0  # reads counted stay in memory until a test flushes them
    readings.reset()
    generations.reset_store()
    bans.forget()  # a copy of another test's bans, at generations that start again from zero
    purge.reset_purger()
    pagecache.pages().clear()
    fragments.reset()
    rendering.forget()
    yield
    pagecache.pages().clear()
    fragments.reset()
    generations.reset_store()


# Real-browser tests: Playwright driving Debian's Chromium (never a downloaded browser).
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            "Debian's chromium is missing: run `make test` (it installs it) or apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page with JavaScript on; third-party requests fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _guarded_page(context)
    context.close()


@pytest.fixture
def page_nojs(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield _guarded_page(context)
    context.close()


def _guarded_page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.foreign_requests = []
    page.console_errors = []

    def check(request):
        url = request.url
        if not url.startswith(("http://localhost", "http://127.0.0.1", "data:")):
            page.foreign_requests.append(url)

    page.on("request", check)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
