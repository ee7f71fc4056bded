"""The desk's machine drafts: a stored draft first, the backend asked once per text, and a backend
that fails is not asked again for the rest of the page nor, for that pair, for a minute."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from serai.translation import backends, drafts
from serai.translation.backends import TranslationUnavailable
from tests.moderation.factories import post


@pytest.fixture
def dummy(settings):
    settings.SERAI_TRANSLATION_BACKEND = "dummy"
    backends.backend.cache_clear()
    return backends.backend()


class Stored:
    def __init__(self, text):
        self.text = text


def test_nothing_is_asked_without_a_backend(story):
    comment = post(story["ru"], "Салам.", language="ru")
    assert drafts.drafts_for([comment], source="ru", target="en", stored={}) == ({}, "")
    assert not drafts.configured()


def test_stored_drafts_first_then_the_backend_once_per_text(story, dummy):
    one = post(story["ru"], "Один.", language="ru")
    two = post(story["ru"], "Два.", language="ru")
    found, problem = drafts.drafts_for([one, two], source="ru", target="en", stored={one.pk: Stored("One.")})
    assert problem == "" and found[one.pk].text == "One." and found[two.pk].text == "[ru→en] Два."
    drafts.drafts_for([two], source="ru", target="en", stored={})
    assert dummy.asked == [("Два.", "ru", "en")]  # the second time, from the cache


def test_a_failing_backend_is_left_alone_for_the_page_and_a_minute(story, dummy, monkeypatch):
    comments = [post(story["ru"], f"Номер {n}.", language="ru") for n in range(3)]
    calls = []

    def fail(text, *, source, target):
        calls.append(text)
        raise TranslationUnavailable("The service is down.")

    monkeypatch.setattr(dummy, "translate", fail)
    found, problem = drafts.drafts_for(comments, source="ru", target="en", stored={})
    assert found == {} and problem == "No machine draft: The service is down. Write the translation yourself."
    assert len(calls) == 1
    assert drafts.drafts_for(comments, source="ru", target="en", stored={})[1] == problem
    assert len(calls) == 1  # remembered for a minute, for this pair only
    drafts.drafts_for(comments[:1], source="ru", target="kk", stored={})
    assert len(calls) == 2
    cache.clear()


def test_a_slow_backend_gets_twice_its_timeout_per_page(story, dummy, monkeypatch, settings):
    settings.SERAI_TRANSLATION_TIMEOUT = 1.0
    comments = [post(story["ru"], f"Номер {n}.", language="ru") for n in range(3)]
    clock = iter([10.0, 10.5, 11.5, 12.5])  # the page starts, two drafts come, the third waits
    real = drafts.time.monotonic
    monkeypatch.setattr(drafts.time, "monotonic", lambda: next(clock, None) or real())
    found, problem = drafts.drafts_for(comments, source="ru", target="en", stored={})
    assert len(found) == 2 and "slow" in problem


def test_a_backend_set_up_wrongly_is_reported_by_check_and_at_the_desk(story, settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.SERAI_TRANSLATION_BACKEND = "libretranslate"
    settings.SERAI_TRANSLATION_URL = ""
    backends.backend.cache_clear()
    with pytest.raises(SystemCheckError, match="needs SERAI_TRANSLATION_URL"):
        call_command("check")
    comment = post(story["ru"], "Салам.", language="ru")
    found, problem = drafts.drafts_for([comment], source="ru", target="en", stored={})
    assert found == {} and "needs SERAI_TRANSLATION_URL" in problem
