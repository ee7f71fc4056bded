"""Moderation by language: moderators say which languages they read; the queue puts those first,
filters by language, names each comment's language and edition, flags comments nobody on the desk
reads and, with a backend, shows those machine-translated for moderators only."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from serai.comments.models import Comment, CommentTranslation
from serai.desk import languages
from serai.staff.models import StaffLanguages
from serai.staff.services import staff_languages_set
from serai.translation import backends
from tests.factories import SectionFactory
from tests.moderation.factories import ModeratorFactory, StaffFactory, article_with_thread, post

pytestmark = pytest.mark.django_db
QUEUE = "/en/moderation/"
MINE = "/en/moderation/languages/"


def ids(client, **query) -> list[int]:
    html = client.get(QUEUE, query).content.decode()
    return [int(i) for i in re.findall(r'data-card data-id="(\d+)"', html)]


def card(html: str, comment) -> str:
    start = html.index(f'id="card-{comment.pk}"')
    return html[start : html.index("</li>", start)]


def held(language: str, text: str = "A measured comment.", **fields):
    """A held comment on the `language` edition, written in that language (said, not detected:
    the words are the same in every test)."""
    fields.setdefault("language", language)
    return post(article_with_thread("pre", language=language), text, **fields)


@pytest.fixture
def machine(settings):
    """The dummy backend, made afresh for the test (the backend is made once per process)."""
    settings.SERAI_TRANSLATION_BACKEND = "dummy"
    backends.backend.cache_clear()
    yield backends.backend()
    backends.backend.cache_clear()


# Declaring the languages one reads


def test_a_moderator_declares_the_languages_they_read_and_their_first(moderator_client, moderator):
    page = moderator_client.get(MINE).content.decode()
    assert 'type="checkbox" name="languages" value="ky"' in page and "Kyrgyz" in page
    response = moderator_client.post(MINE, {"languages": ["ru", "ky", "kk"], "first": "ky"})
    assert response.status_code == 303 and response["Location"] == MINE
    assert StaffLanguages.objects.get(user=moderator).languages == ["ky", "ru", "kk"]
    again = moderator_client.get(MINE).content.decode()
    assert "Your languages are saved." in again
    assert re.search(r'value="kk"[^>]*checked', again) and not re.search(r'value="en"[^>]*checked', again)


def test_declaring_again_replaces_the_list_and_no_first_means_the_first_ticked(moderator_client, moderator):
    staff_languages_set(account=moderator, languages=["uz"])
    moderator_client.post(MINE, {"languages": ["tg", "en"]})
    assert StaffLanguages.objects.get(user=moderator).languages == ["en", "tg"]
    moderator_client.post(MINE, {})
    assert StaffLanguages.objects.get(user=moderator).languages == []


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"languages": ["ru"], "first": "kk"}, "Tick your first language"),
        ({"languages": ["ru", "xx"]}, "Select a valid choice"),
        ({"languages": ["ru"], "first": "<b>"}, "Select a valid choice"),
    ],
)
def test_a_bad_declaration_is_refused_with_a_message_and_saves_nothing(
    moderator_client, moderator, form, says
):
    staff_languages_set(account=moderator, languages=["en"])
    response = moderator_client.post(MINE, form)
    assert response.status_code == 400 and says in response.content.decode()
    assert "<b>" not in response.content.decode()
    assert StaffLanguages.objects.get(user=moderator).languages == ["en"]


def test_a_declaration_without_the_csrf_token_is_refused(moderator):
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(moderator)
    assert forger.post(MINE, {"languages": ["ky"]}).status_code == 403
    assert not StaffLanguages.objects.filter(user=moderator).exists()


def test_the_page_is_linked_from_the_queue_and_closed_to_others(moderator_client, client):
    assert f'href="{MINE}"' in moderator_client.get(QUEUE).content.decode()
    client.force_login(StaffFactory())
    assert client.get(MINE).status_code == 403
    client.logout()
    assert client.get(MINE).status_code == 302


# Order and filter


def test_comments_in_the_moderators_languages_come_first_each_group_oldest_first(moderator_client, moderator):
    en_old, ky_old, en_new, ru, ky_new = (
        held("en"), held("ky"), held("en"), held("ru"), held("ky")
    )  # fmt: skip
    assert ids(moderator_client) == [en_old.pk, ky_old.pk, en_new.pk, ru.pk, ky_new.pk]
    staff_languages_set(account=moderator, languages=["ky", "ru"])
    assert ids(moderator_client) == [ky_old.pk, ru.pk, ky_new.pk, en_old.pk, en_new.pk]


def test_the_rejected_tab_keeps_its_newest_first_order_within_each_group(moderator_client, moderator):
    comments = [held(code) for code in ("en", "ky", "en", "ky")]
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(status=Comment.Status.REJECTED)
    staff_languages_set(account=moderator, languages=["ky"])
    en1, ky1, en2, ky2 = (c.pk for c in comments)
    assert ids(moderator_client, tab="rejected") == [ky2, ky1, en2, en1]


def test_the_language_filter_combines_with_the_others(moderator_client):
    sport = SectionFactory(name="Sport", slug="sport")
    ky_sport = post(article_with_thread("pre", language="ky", section=sport), language="ky")
    held("ky")
    post(article_with_thread("pre", language="ru", section=sport), language="ru")
    assert ids(moderator_client, language="ky", section=sport.pk) == [ky_sport.pk]


def test_a_comment_is_filtered_by_its_own_language_not_its_editions(moderator_client):
    written_in_kazakh = held("ru")
    Comment.objects.filter(pk=written_in_kazakh.pk).update(language="kk")
    assert ids(moderator_client, language="kk") == [written_in_kazakh.pk]
    assert ids(moderator_client, language="ru") == []


@pytest.mark.parametrize("code", ["xx", "<script>", "ru-RU", "k" * 500, "\x00"])
def test_an_unknown_language_in_the_query_string_is_named_and_ignored(moderator_client, code):
    a, b = held("en"), held("ky")
    response = moderator_client.get(QUEUE, {"language": code, "tab": "pending"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No edition is written in" in html and "<script>" not in html
    assert [int(i) for i in re.findall(r'data-card data-id="(\d+)"', html)] == [a.pk, b.pk]


def test_each_card_names_its_language_and_the_edition_it_was_written_on(moderator_client):
    comment = held("ru")
    Comment.objects.filter(pk=comment.pk).update(language="kk")
    html = card(moderator_client.get(QUEUE).content.decode(), comment)
    assert '<span class="card-language">Kazakh</span>' in html
    assert '<dd class="card-edition">Russian</dd>' in html
    russian = card(moderator_client.get("/ru/moderation/").content.decode(), comment)
    assert "Казахский" in russian or "казахский" in russian


# Comments nobody on the desk reads


def test_a_comment_nobody_on_the_desk_reads_is_flagged(moderator_client, moderator):
    staff_languages_set(account=moderator, languages=["en", "ru"])
    kyrgyz, russian = held("ky"), held("ru")
    html = moderator_client.get(QUEUE).content.decode()
    assert "data-unread" in card(html, kyrgyz)
    assert "No moderator reads this language." in card(html, kyrgyz)
    assert "data-unread" not in card(html, russian)


def test_the_flag_goes_when_another_active_moderator_reads_the_language(moderator_client, moderator):
    staff_languages_set(account=moderator, languages=["en"])
    kyrgyz = held("ky")
    away = ModeratorFactory(is_active=False)
    not_a_moderator = StaffFactory()
    for user in (away, not_a_moderator):
        staff_languages_set(account=user, languages=["ky"])
    assert "data-unread" in card(moderator_client.get(QUEUE).content.decode(), kyrgyz)
    staff_languages_set(account=ModeratorFactory(), languages=["uz", "ky"])
    assert "data-unread" not in card(moderator_client.get(QUEUE).content.decode(), kyrgyz)


def test_a_superuser_counts_as_a_moderator_for_the_flag(moderator_client, moderator, django_user_model):
    staff_languages_set(account=moderator, languages=["en"])
    kyrgyz = held("ky")
    boss = django_user_model.objects.create_superuser("boss", "boss@newsroom.example", "x" * 20)
    staff_languages_set(account=boss, languages=["ky"])
    assert "data-unread" not in card(moderator_client.get(QUEUE).content.decode(), kyrgyz)


def test_nothing_is_flagged_while_no_moderator_has_declared_languages(moderator_client):
    kyrgyz = held("ky")
    html = moderator_client.get(QUEUE).content.decode()
    assert "data-unread" not in card(html, kyrgyz)
    assert "No moderator has said which languages they read" in html


def test_without_a_backend_a_flagged_comment_has_no_translation(moderator_client, moderator):
    staff_languages_set(account=moderator, languages=["ru"])
    kyrgyz = held("ky")
    html = card(moderator_client.get(QUEUE).content.decode(), kyrgyz)
    assert "data-unread" in html and "data-machine" not in html


# Machine translations, for moderators only


def test_a_flagged_comment_is_machine_translated_into_the_moderators_first_language(
    moderator_client, moderator, machine, client
):
    staff_languages_set(account=moderator, languages=["en", "ru"], first="ru")
    kyrgyz = held("ky", "Суу тарифтери жөнүндө.")
    russian = held("ru", "О тарифах на воду.")
    html = moderator_client.get(QUEUE).content.decode()
    assert "[ky→ru] Суу тарифтери жөнүндө." in card(html, kyrgyz)
    assert "Machine translation into Russian, for moderators only" in card(html, kyrgyz)
    assert "data-machine" not in card(html, russian)
    assert machine.asked == [("Суу тарифтери жөнүндө.", "ky", "ru")]
    Comment.objects.filter(pk=kyrgyz.pk).update(status=Comment.Status.PUBLISHED)
    page = client.get(kyrgyz.article.get_absolute_url()).content.decode()
    assert "Суу тарифтери" in page and "[ky→ru]" not in page
    assert not CommentTranslation.objects.exists()


def test_a_draft_is_kept_in_the_cache_and_made_again_when_the_text_changes(
    moderator_client, moderator, machine
):
    staff_languages_set(account=moderator, languages=["en"])
    kyrgyz = held("ky", "Биринчи.")
    for _load in range(3):
        assert "[ky→en] Биринчи." in moderator_client.get(QUEUE).content.decode()
    assert len(machine.asked) == 1
    Comment.objects.filter(pk=kyrgyz.pk).update(text="Экинчи.")
    assert "[ky→en] Экинчи." in moderator_client.get(QUEUE).content.decode()
    assert len(machine.asked) == 2


def test_a_moderator_without_languages_gets_drafts_in_their_interface_language(moderator_client, machine):
    staff_languages_set(account=ModeratorFactory(), languages=["en"])
    kyrgyz = held("ky", "Салам.")
    assert "[ky→ru] Салам." in card(moderator_client.get("/ru/moderation/").content.decode(), kyrgyz)


def test_a_failing_backend_leaves_a_note_and_the_queue_works(moderator_client, moderator, monkeypatch):
    class Broken:
        name = "broken"

        def translate(self, text, *, source, target):
            raise RuntimeError("connection reset")

    monkeypatch.setattr(backends, "backend", lambda: Broken())
    staff_languages_set(account=moderator, languages=["en"])
    kyrgyz = held("ky")
    response = moderator_client.get(QUEUE)
    html = card(response.content.decode(), kyrgyz)
    assert response.status_code == 200
    assert "Machine translation unavailable: The machine translation service failed." in html


def test_an_unavailable_backend_says_why(moderator_client, moderator, monkeypatch):
    class Down:
        name = "down"

        def translate(self, text, *, source, target):
            raise backends.TranslationUnavailable("The service did not answer in time.")

    monkeypatch.setattr(backends, "backend", lambda: Down())
    staff_languages_set(account=moderator, languages=["en"])
    kyrgyz = held("ky")
    html = card(moderator_client.get(QUEUE).content.decode(), kyrgyz)
    assert "Machine translation unavailable: The service did not answer in time." in html


def test_the_backend_is_asked_for_a_bounded_number_of_comments_per_page(
    moderator_client, moderator, machine, monkeypatch
):
    monkeypatch.setattr(languages, "MACHINE_DRAFTS_PER_PAGE", 2)
    staff_languages_set(account=moderator, languages=["en"])
    comments = [held("ky", f"Комментарий {n}.") for n in range(4)]
    html = moderator_client.get(QUEUE).content.decode()
    assert len(machine.asked) == 2
    assert "[ky→en]" in card(html, comments[1]) and "[ky→en]" not in card(html, comments[2])
    assert "Machine translation unavailable: only the first 2" in card(html, comments[3])


def test_the_queue_costs_the_same_queries_whatever_the_number_of_cards(
    moderator_client, moderator, machine, django_assert_max_num_queries
):
    staff_languages_set(account=moderator, languages=["en", "ru"])
    staff_languages_set(account=ModeratorFactory(), languages=["kk"])
    for code in ("ky", "ru"):
        held(code)
    with CaptureQueriesContext(connection) as few:
        assert moderator_client.get(QUEUE).status_code == 200
    for n in range(6):
        held(("ky", "en", "tg")[n % 3], f"Comment {n}.")
        held("uz", f"Another comment {n}.")
    with django_assert_max_num_queries(len(few)):
        html = moderator_client.get(QUEUE).content.decode()
    assert html.count("data-card data-id") == 14 and html.count("data-unread") == 11


def test_a_comment_without_words_is_not_sent_for_translation(moderator_client, moderator, machine):
    """An erased comment keeps an empty text: there is nothing to translate."""
    staff_languages_set(account=moderator, languages=["en"])
    erased = held("ky")
    Comment.objects.filter(pk=erased.pk).update(text="")
    html = card(moderator_client.get(QUEUE).content.decode(), erased)
    assert "data-unread" in html and "data-machine" not in html
    assert machine.asked == []
