"""Static file addresses come from the manifest, worked out once per process."""

import pytest

from serai.core.storage import StaticFiles


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    settings.STATIC_URL = "/static/"
    files = StaticFiles(location=tmp_path)
    files.hashed_files = {"serai/site.css": "serai/site.0123abcd.css"}
    return files


def test_the_hashed_address_is_given_and_kept(storage):
    assert storage.url("serai/site.css") == "/static/serai/site.0123abcd.css"
    storage.hashed_files = {"serai/site.css": "serai/site.changed.css"}  # as if on disk, later
    assert storage.url("serai/site.css") == "/static/serai/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_an_error_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("serai/missing.css")
    assert "serai/missing.css" not in storage._urls


def test_with_debug_on_nothing_is_kept(storage, settings):
    settings.DEBUG = True
    storage.url("serai/site.css")
    assert storage._urls == {}
