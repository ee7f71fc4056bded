"""What apps call when something readers see changed: generations bumped after commit, purges
asked for, failures logged; the next scheduled item's time from whatever the apps registered."""

import logging
from datetime import UTC, datetime

import pytest

from serai.core import freshness, generations, purge

pytestmark = pytest.mark.django_db


class RefusingPurger:
    def purge(self, paths):
        raise OSError("the cache in front is down")


def test_a_change_bumps_its_generations_after_commit_and_purges_its_pages(django_capture_on_commit_callbacks):
    before = generations.store().value("story:en:a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        freshness.changed(["story:en:a"], ["/en/a/"])
    assert generations.store().value("story:en:a") == before  # nothing before the commit
    for callback in callbacks:
        callback()
    assert generations.store().value("story:en:a") == before + 1
    assert purge.purger().purged[-1:] == ["/en/a/"]


def test_a_purge_that_fails_is_logged_and_the_change_still_recorded(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.SERAI_PURGE_BACKEND = "tests.core.test_freshness.RefusingPurger"
    purge.reset_purger()
    before = generations.store().value("site")
    with (
        caplog.at_level(logging.ERROR, logger="serai.core.freshness"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        freshness.changed(["site"], ["/en/"])
    assert generations.store().value("site") == before + 1
    assert "Could not purge 1 changed pages" in caplog.text and "the cache in front is down" in caplog.text
    purge.reset_purger()


def test_the_next_due_time_is_the_earliest_any_app_registered(monkeypatch):
    monkeypatch.setattr(freshness, "_next_due", [])
    early, late = datetime(2030, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC)
    freshness.register_next_due(lambda: late)
    freshness.register_next_due(lambda: None)
    freshness.register_next_due(lambda: early)
    freshness.next_due_refresh()
    assert generations.store().value(generations.NEXT_DUE) == early.timestamp() * 1000
    monkeypatch.setattr(freshness, "_next_due", [])
    freshness.next_due_refresh()
    assert generations.store().value(generations.NEXT_DUE) == 0
