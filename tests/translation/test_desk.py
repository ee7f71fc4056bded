"""The translation desk: who may open it, what it lists (by language pair, oldest first, in a
bounded number of queries), and saving or skipping with plain forms; refused saves keep the text."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from serai.comments.models import Comment, CommentTranslation
from serai.core import generations
from serai.core.pagecache import story_key
from serai.staff.models import StaffLanguages
from serai.translation import selectors, services
from serai.translation.selectors import Pair
from tests.factories import ArticleFactory, UserFactory
from tests.moderation.factories import StaffFactory, post
from tests.translation.conftest import make_translator

DESK = "/en/translation/"
SAVE = "/en/translation/save/"
SKIP = "/en/translation/skip/"


def csrf_token(client, url=DESK) -> str:
    client.handler.enforce_csrf_checks = True
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# Who may open the desk


def test_signed_out_visitors_are_sent_to_the_staff_login(client, db):
    response = client.get(DESK)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(SAVE, {"comment": 1, "language": "en", "text": "x"}).status_code == 302


@pytest.mark.parametrize("who", ["reader", "moderator", "editor"])
def test_others_are_told_which_role_the_desk_needs(client, moderator, who, db):
    user = {
        "reader": lambda: UserFactory(),
        "moderator": lambda: moderator,
        "editor": lambda: StaffFactory(),
    }[who]()
    client.force_login(user)
    response = client.get(DESK)
    assert response.status_code == 403
    assert "Translators group" in response.content.decode()
    assert client.post(SAVE, {"comment": 1, "language": "en", "text": "x"}).status_code == 403


def test_a_superuser_may_translate(client, story):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(DESK).status_code == 200


def test_the_desk_is_never_cached(translator_client, story):
    response = translator_client.get(DESK)
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


# What it lists


def test_it_lists_comments_lacking_a_translation_into_their_editions_languages(translator_client, story):
    """A Russian comment on a story in en, ru and kk waits for en and kk, not ru; pairs show counts."""
    comment = post(story["ru"], "Только рассуждают [о тарифах].", language="ru")
    counts = dict(selectors.pair_counts())
    assert counts == {Pair("ru", "en"): 1, Pair("ru", "kk"): 1}
    html = translator_client.get(DESK + "?pair=ru-kk").content.decode()
    assert f'id="card-{comment.pk}"' in html
    assert '<div class="comment-text card-text" lang="ru"><p>Только рассуждают [о тарифах].</p></div>' in html
    assert 'lang="kk" data-text' in html and "Тақырып" in html and "Заголовок" in html


def test_a_removed_or_pending_comment_and_an_unpublished_edition_are_left_out(story, moderator):
    post(story["ru"], "Один.", language="ru")
    Comment.objects.update(status=Comment.Status.REMOVED)
    assert selectors.pair_counts() == []
    draft = ArticleFactory(language="tg", translation_of=story["en"], draft=True)
    post(story["en"], "Hello there.", language="en")
    assert Pair("en", "tg") not in dict(selectors.pair_counts()) and draft.pk


def test_a_reviewed_translation_takes_it_off_an_unreviewed_draft_does_not(story, translator):
    comment = post(story["en"], "Hello there.", language="en")
    services.translation_save(comment=comment, language="ru", text="Привет.", translator=translator)
    services.machine_draft_save(comment=comment, language="kk", text="Сәлем.")
    assert dict(selectors.pair_counts()) == {Pair("en", "kk"): 1}


def test_oldest_first_and_the_translators_languages_choose_the_pair(translator_client, translator, story):
    first = post(story["en"], "First.", language="en")
    second = post(story["en"], "Second.", language="en")
    post(story["kk"], "Үшінші.", language="kk")
    StaffLanguages.objects.create(user=translator, languages=["kk", "en"])
    html = translator_client.get(DESK).content.decode()
    assert 'aria-current="page" class="yours"' in html
    assert html.index(f'id="card-{first.pk}"') < html.index(f'id="card-{second.pk}"')
    assert '<input type="hidden" name="language" value="kk">' in html


def test_an_unknown_pair_in_the_address_says_so(translator_client, story):
    post(story["en"], "First.", language="en")
    for pair in ["xx-en", "en-en", "../", "en-" + "k" * 300]:
        response = translator_client.get(DESK, {"pair": pair})
        assert response.status_code == 200 and "not one this site publishes in" in response.content.decode()


def test_the_desk_reads_a_bounded_number_of_queries(translator_client, story, django_assert_max_num_queries):
    for n in range(3):
        post(story["ru"], f"Комментарий {n}.", language="ru")
    translator_client.get(DESK)
    for n in range(12):
        parent = post(story["en"], f"Comment {n}.", language="en")
        post(story["kk"], f"Жауап {n}.", language="kk", parent=parent)
    # Inside the test's transaction nothing is kept, so the masthead's sections and taglines are
    # read on every request here (once per change of the site otherwise).
    with django_assert_max_num_queries(16):
        response = translator_client.get(DESK + "?pair=kk-en")
    assert response.content.decode().count("data-card ") == 10


# Machine drafts


def test_a_configured_backend_prefills_a_marked_draft(translator_client, story, settings):
    from serai.translation import backends

    settings.SERAI_TRANSLATION_BACKEND = "dummy"
    backends.backend.cache_clear()
    comment = post(story["ru"], "Салам.", language="ru")
    html = translator_client.get(DESK + "?pair=ru-en").content.decode()
    assert "[ru→en] Салам.</textarea>" in html and "Prefilled with a machine draft" in html
    draft = re.search(r'name="draft" value="([^"]+)"', html).group(1)
    data = {"comment": comment.pk, "language": "en", "pair": "ru-en", "draft": draft}
    translator_client.post(SAVE, {**data, "text": "[ru→en] Салам."})
    saved = CommentTranslation.objects.get()
    assert saved.origin == "machine" and saved.reviewed_by is not None
    # A forged draft is not the desk's: the text is the translator's own.
    services.translation_delete(translation=saved)
    translator_client.post(SAVE, {**data, "draft": "forged", "text": "[ru→en] Салам."})
    assert CommentTranslation.objects.get().origin == "human"


def test_a_failing_backend_is_named_and_the_box_left_empty(translator_client, story, settings):
    from serai.translation import backends

    settings.SERAI_TRANSLATION_BACKEND = "libretranslate"
    settings.SERAI_TRANSLATION_URL = "http://127.0.0.1:9"  # discard: nothing listens
    settings.SERAI_TRANSLATION_TIMEOUT = 0.5
    backends.backend.cache_clear()
    post(story["ru"], "Салам.", language="ru")
    post(story["ru"], "Ещё.", language="ru")
    html = translator_client.get(DESK + "?pair=ru-en").content.decode()
    assert "No machine draft: The machine translation service cannot be reached." in html
    assert '<textarea name="text" id="text-' in html and "></textarea>" in html
    assert cache.get("serai:translation:down:libretranslate:ru:en")  # not asked again for a minute


# Saving and skipping


def test_a_save_without_javascript_redirects_to_the_queue(client, translator, story):
    comment = post(story["ru"], "Салам.", language="ru")
    client.force_login(translator)
    token = csrf_token(client, DESK + "?pair=ru-en")
    data = {"csrfmiddlewaretoken": token, "comment": comment.pk, "language": "en", "pair": "ru-en"}
    response = client.post(SAVE, {**data, "text": "Hello [everyone]."})
    assert response.status_code == 303 and response["Location"] == DESK + "?pair=ru-en#queue"
    saved = CommentTranslation.objects.get()
    assert (saved.text, saved.origin, saved.translated_by) == ("Hello [everyone].", "human", translator)
    page = client.get(response["Location"]).content.decode()
    assert "Saved your translation into English." in page and f'id="card-{comment.pk}"' not in page


def test_saving_refreshes_every_editions_page(translator_client, story, django_capture_on_commit_callbacks):
    comment = post(story["ru"], "Салам.", language="ru")
    keys = [story_key(a.language, a.slug) for a in story.values()]
    before = generations.store().read(keys)
    with django_capture_on_commit_callbacks(execute=True):
        translator_client.post(SAVE, {"comment": comment.pk, "language": "en", "text": "Hello."})
    after = generations.store().read(keys)
    assert all(b != a for b, a in zip(before, after, strict=True))


def test_a_refused_save_keeps_the_text_in_its_box(translator_client, story, settings):
    settings.SERAI_COMMENT_MAX_LENGTH = 20
    comment = post(story["ru"], "Салам.", language="ru")
    typed = "A translation <that is> far too long for the limit."
    response = translator_client.post(
        SAVE, {"comment": comment.pk, "language": "en", "pair": "ru-en", "text": typed}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "the limit is 20" in html
    assert "A translation &lt;that is&gt; far too long for the limit.</textarea>" in html
    assert f'id="error-{comment.pk}"' in html and not CommentTranslation.objects.exists()


def test_a_removed_comments_translation_is_refused_and_kept(translator_client, story):
    comment = post(story["ru"], "Салам.", language="ru")
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.REMOVED)
    response = translator_client.post(SAVE, {"comment": comment.pk, "language": "en", "text": "Hello there."})
    html = response.content.decode()
    assert response.status_code == 400 and "no longer published" in html
    assert "readonly>Hello there.</textarea>" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"comment": "999999", "language": "en"}, "no longer exists"),
        ({"comment": "abc", "language": "en"}, "the form was incomplete"),
        ({"comment": "1" * 30, "language": "en"}, "the form was incomplete"),
        ({"language": "en"}, "the form was incomplete"),
        ({"comment": "{pk}", "language": "de"}, "not a language this site publishes in"),
        ({"comment": "{pk}", "language": "ru"}, "written in Russian already"),
        ({"comment": "{pk}", "language": "en", "text": ""}, "Write the translation"),
    ],
)
def test_bad_input_gets_a_reason_never_an_error_page(translator_client, story, data, message):
    comment = post(story["ru"], "Салам.", language="ru")
    data = {"text": "Hello.", **data}
    data["comment"] = data.get("comment", "").replace("{pk}", str(comment.pk))
    response = translator_client.post(SAVE, data)
    assert response.status_code == 400 and message in response.content.decode()
    json = translator_client.post(SAVE, data, headers={"Accept": "application/json"})
    assert json.status_code == 400 and message in json.json()["message"]


def test_the_script_gets_json(translator_client, story):
    comment = post(story["ru"], "Салам.", language="ru")
    response = translator_client.post(
        SAVE,
        {"comment": comment.pk, "language": "en", "text": "Hello."},
        headers={"Accept": "application/json"},
    )
    assert response.json() == {"ok": True, "message": "Saved your translation into English."}


def test_skip_leaves_a_comment_for_later_until_asked_again(translator_client, story):
    first = post(story["ru"], "Один.", language="ru")
    second = post(story["ru"], "Два.", language="ru")
    response = translator_client.post(SKIP, {"comment": first.pk, "language": "en", "pair": "ru-en"})
    assert response.status_code == 303
    html = translator_client.get(DESK + "?pair=ru-en").content.decode()
    assert f'id="card-{first.pk}"' not in html and f'id="card-{second.pk}"' in html
    html = translator_client.get(DESK + "?pair=ru-kk").content.decode()
    assert f'id="card-{first.pk}"' in html  # skipped into English only
    translator_client.post("/en/translation/skipped/", {"pair": "ru-en"})
    assert f'id="card-{first.pk}"' in translator_client.get(DESK + "?pair=ru-en").content.decode()
    assert translator_client.post(SKIP, {"comment": "x"}).status_code == 303


def test_the_page_has_a_shortcut_legend_and_no_inline_script(translator_client, story):
    post(story["ru"], "Салам.", language="ru")
    html = translator_client.get(DESK).content.decode()
    assert (
        "Keyboard shortcuts" in html and '<script src="/static/translation/desk.js" defer></script>' in html
    )
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline scripts break a strict CSP"
    assert re.search(r"\son[a-z]+=", html) is None


# The role


def test_the_translators_role_carries_the_desks_permissions(db):
    translator = make_translator()
    assert translator.has_perms(["comments.add_commenttranslation", "comments.change_commenttranslation"])
    assert not translator.has_perm("moderation.moderate_comments")


def test_an_editor_in_chief_may_give_the_translator_role(db):
    from serai.staff.roles import ROLE_BY_KEY, editors_in_chief_group
    from serai.staff.services import grantable_roles, staff_create

    chief = StaffFactory()
    chief.groups.add(editors_in_chief_group())
    assert ROLE_BY_KEY["translator"] in grantable_roles(chief)
    account = staff_create(
        username="aru", email="aru@example.org", password="x", roles=["translator"], changed_by=chief
    )
    assert account.is_staff and account.has_perm("comments.change_commenttranslation")
    moderator_only = StaffFactory()
    moderator_only.user_permissions.add(Permission.objects.get(codename="manage_staff_roles"))
    assert ROLE_BY_KEY["translator"] not in grantable_roles(moderator_only)


def test_create_translator_makes_a_staff_account_in_translators(db):
    from django.core.management import call_command

    call_command("create_translator", "aru", "aru@example.org", password="a-long-passphrase-9")
    from django.contrib.auth.models import User

    from tests.translation.conftest import in_group

    assert in_group(User.objects.get(username="aru"))


def test_a_translator_says_which_languages_they_read(translator_client, translator, story):
    post(story["en"], "First.", language="en")
    post(story["kk"], "Екінші.", language="kk")
    response = translator_client.post("/en/translation/languages/", {"languages": ["kk", "en"]})
    assert response.status_code == 303
    assert StaffLanguages.objects.get(user=translator).languages == ["en", "kk"]  # in the site's order
    html = translator_client.get(response["Location"]).content.decode()
    assert "Saved the languages you read." in html
    assert '<input type="hidden" name="language" value="kk">' in html  # en → kk: both theirs
    translator_client.post("/en/translation/languages/", {"languages": ["kk", "xx"]})
    assert StaffLanguages.objects.get(user=translator).languages == ["en", "kk"]  # refused, kept


def test_a_huge_translation_is_refused_with_its_length_and_kept(translator_client, story):
    comment = post(story["ru"], "Салам.", language="ru")
    typed = "ы" * 200_000
    response = translator_client.post(
        SAVE, {"comment": comment.pk, "language": "en", "pair": "ru-en", "text": typed}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "200000 characters long" in html and typed in html


def test_the_back_office_lists_translations_and_deletes_through_the_service(client, story, translator):
    from serai.moderation.models import Decision

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    comment = post(story["ru"], "Салам.", language="ru")
    saved = services.translation_save(
        comment=comment, language="en", text="Hello <there>.", translator=translator
    )
    client.force_login(admin)
    listing = client.get("/admin/comments/commenttranslation/")
    assert listing.status_code == 200 and "Hello &lt;there&gt;." in listing.content.decode()
    assert client.get(f"/admin/comments/commenttranslation/{saved.pk}/change/").status_code == 200
    assert client.get("/admin/comments/commenttranslation/add/").status_code == 403
    response = client.post(f"/admin/comments/commenttranslation/{saved.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not CommentTranslation.objects.exists()
    assert Decision.objects.filter(action=Decision.Action.TRANSLATION_DELETED, moderator=admin).exists()
