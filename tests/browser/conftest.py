"""Real-browser tests: the fixtures (`browser`, `page`, `page_nojs`, `artifacts`) live in
tests/conftest.py so every folder's browser tests share one Chromium."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
