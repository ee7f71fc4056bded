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
    """Each test starts with an empty page store and its own generation counters."""
    from serai.core import generations, pagecache, purge

    settings.SERAI_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    generations.reset_store()
    purge.reset_purger()
    pagecache.pages().clear()
    yield
    pagecache.pages().clear()
    generations.reset_store()
