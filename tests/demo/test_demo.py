"""`serai demo`: the demo newsroom and its reader conversation load once, completely, and render.

The demo is loaded (twice) once for the whole module: drawing its pictures takes seconds. It
happens inside one transaction, rolled back after the module's last test; each test runs in a
savepoint of its own, so what one test changes is gone before the next.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from serai.comments.models import ArticleVote, Comment, CommentTranslation, Thread
from serai.comments.selectors import published_count
from serai.core.roles import EDITORS
from serai.demo.conversation import COUNCIL_RECORDS_TALK, FEATURED
from serai.moderation import words
from serai.moderation.models import Decision, WordListEntry
from serai.moderation.roles import MODERATORS
from serai.newsroom.models import Article, Author, Edition, Photo, Section
from serai.pages.models import Page
from serai.staff.models import StaffLanguages
from tests.comments.helpers import vote_data

PASSWORD_ENVS = ("DEMO_EDITOR_PASSWORD", "DEMO_MODERATOR_PASSWORD", "DEMO_TRANSLATOR_PASSWORD")
ORIGIN = {"Origin": "http://testserver"}


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, object]:
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "articles": Article.objects.count(),
        "photos": Photo.objects.count(),
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "bylines": Article.authors.through.objects.count(),
        "comments": sorted(Comment.objects.values_list("article_id", "status", "moderation_rule")),
        "votes": ArticleVote.objects.count(),
        "decisions": Decision.objects.count(),
        "word list": WordListEntry.objects.count(),
        "threads": sorted(Thread.objects.values_list("article_id", "votes_yes", "votes_no")),
        "comment translations": sorted(
            CommentTranslation.objects.values_list("comment_id", "language", "text", "reviewed_at")
        ),
        "editions": sorted(Edition.objects.values_list("language", "tagline")),
        "section names": sorted(Section.objects.values_list("slug", "translated_names")),
        "languages read": sorted(StaffLanguages.objects.values_list("user__username", "languages")),
    }


def printed_passwords(output: str) -> list[str]:
    passwords = re.findall(r"Password:\s+(\S+)", output)
    assert len(passwords) == 3, output
    return passwords


@dataclass(frozen=True)
class Loaded:
    first_output: str
    second_output: str
    first: dict
    second: dict
    versions: dict
    versions_after: dict


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, run twice, in a transaction rolled back once the module is done."""
    folder = tmp_path_factory.mktemp("demo")
    with ExitStack() as stack:
        stack.enter_context(django_db_blocker.unblock())
        environment = stack.enter_context(pytest.MonkeyPatch.context())
        for name in PASSWORD_ENVS:
            environment.delenv(name, raising=False)
        stack.enter_context(
            override_settings(
                VAR_DIR=folder / "var",
                MEDIA_ROOT=folder / "media",
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            )
        )
        stack.enter_context(transaction.atomic())
        cache.clear()  # no rate-limit counts left over from other modules
        words.forget()
        first_output = run_demo()
        first = counts()
        versions = dict(Article.objects.values_list("pk", "version"))
        second_output = run_demo()
        yield Loaded(
            first_output,
            second_output,
            first,
            counts(),
            versions,
            dict(Article.objects.values_list("pk", "version")),
        )
        transaction.set_rollback(True)
    cache.clear()
    words.forget()


def featured_article() -> Article:
    return Article.objects.get(language="en", slug=FEATURED.article)


# -- the newsroom ---------------------------------------------------------------------------------
def test_a_second_run_adds_nothing(loaded, db):
    assert loaded.second == loaded.first
    assert loaded.versions_after == loaded.versions
    assert "nothing was added" in loaded.second_output
    assert "Left alone" not in loaded.first_output + loaded.second_output
    assert "17 comments" not in loaded.second_output
    made = re.search(r"created (.*)\.", loaded.first_output).group(1)
    assert "1 moderator account" in made and "2 word list terms" in made
    assert "11 article votes" in made
    assert "1 translator account" in made and "7 comment translations" in made
    assert "7 editions" in made and "3 staff language lists" in made


def test_what_the_demo_promises(loaded, db):
    first = loaded.first
    # The demo's own Comment Policy and About in English and Russian, a fresh install's in the others.
    assert first["sections"] >= 5 and first["authors"] == 4 and first["pages"] == 14
    assert Section.objects.get(slug="security").translated_names == {
        "ru": "Безопасность", "kk": "Қауіпсіздік", "ky": "Коопсуздук", "tg": "Амният",
        "tk": "Howpsuzlyk", "uz": "Xavfsizlik",
    }  # fmt: skip
    assert all(a.portrait_renditions for a in Author.objects.all())
    now = timezone.now()
    english = Article.objects.published(now).filter(language="en", status="published")
    assert english.count() == 12
    assert english.filter(published_at__lt=now - timezone.timedelta(days=9)).exists()
    russian = Article.objects.filter(language="ru")
    assert russian.count() == 3
    for translation in russian:
        assert translation.is_live
        assert translation.translation_of.language == "en"
        assert translation.translation_of.is_live
        assert translation.photos.count() == translation.translation_of.photos.count()
    # One story with a two-author byline, in English and in Russian.
    assert Article.objects.filter(bylines__position=1).count() == 2
    assert Article.objects.filter(bylines__position=1, language="en").count() == 1
    updated = Article.objects.exclude(revised_at=None).get()
    assert updated.was_updated and updated.update_note
    scheduled = Article.objects.get(status="scheduled")
    assert scheduled.published_at > now + timezone.timedelta(days=1)
    assert Article.objects.filter(status="draft").count() == 1

    # Every photo has renditions in WebP and JPEG.
    for photo in Photo.objects.all():
        assert {r["format"] for r in photo.renditions} == {"WEBP", "JPEG"}, photo


def test_editor_account_printed_with_the_same_password_both_times(loaded, db, settings):
    editor_password, _moderator, _translator = printed_passwords(loaded.first_output)
    assert printed_passwords(loaded.second_output)[0] == editor_password
    assert "http://127.0.0.1:8000/" in loaded.first_output
    assert f"http://127.0.0.1:8000/{settings.SERAI_ADMIN_PATH}" in loaded.first_output
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(editor_password) and editor.is_staff
    assert editor.groups.filter(name=EDITORS).exists()


def test_moderator_account_opens_the_queue(loaded, db, client, settings):
    _editor, password, _translator = printed_passwords(loaded.first_output)
    assert printed_passwords(loaded.second_output)[1] == password
    assert "Queue:        http://127.0.0.1:8000/en/moderation/ (4 comments waiting)" in (loaded.first_output)
    moderator = get_user_model().objects.get(username="moderator")
    assert moderator.check_password(password)
    assert moderator.is_staff and not moderator.is_superuser
    assert moderator.groups.filter(name=MODERATORS).exists()
    assert moderator.has_perm("moderation.moderate_comments")

    # Signs in on the staff sign-in page the queue sends visitors to, and lands in the queue.
    login = f"/{settings.SERAI_ADMIN_PATH}login/"
    signed_in = client.post(login, {"username": "moderator", "password": password, "next": "/en/moderation/"})
    assert signed_in.status_code == 302 and signed_in.url == "/en/moderation/"
    response = client.get("/en/moderation/")
    assert response.status_code == 200
    html = response.content.decode()
    for comment in Comment.objects.pending():
        assert escape(comment.author_name) in html
    assert client.get("/en/moderation/log/").status_code == 200


def test_pages_render(loaded, db, client):
    assert client.get("/en/").status_code == 200
    assert client.get("/ru/").status_code == 200
    for article in Article.objects.public():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
        html = response.content.decode()
        assert escape(article.headline) in html
        credits = list(article.photos.values_list("image__credit", flat=True))
        for credit in set(credits):
            assert html.count(f"[{credit}]") == credits.count(credit), (article.slug, credit)
    scheduled = Article.objects.get(status="scheduled")
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    for page in Page.objects.all():
        assert client.get(page.get_absolute_url()).status_code == 200
    for author in Author.objects.all():
        assert client.get(author.get_absolute_url()).status_code == 200


def test_links_point_home_or_to_example_org(loaded, db, client):
    """Links in the demo's text point only at our own pages (which exist) or at example.org."""
    bodies = [*Article.objects.values_list("body_html", flat=True)]
    bodies += Page.objects.values_list("body_html", flat=True)
    bodies += Comment.objects.values_list("text_html", flat=True)
    links = {href for html in bodies for href in re.findall(r'href="([^"]+)"', html)}
    assert links
    for href in links:
        if href.startswith("/"):
            assert client.get(href).status_code == 200, href
        else:
            assert href.startswith("https://example.org/"), href


def test_a_third_run_keeps_what_editors_changed(loaded, db):
    slug = "wind-farm-near-ulanbek-starts-feeding-the-regional-grid"
    article = Article.objects.get(language="en", slug=slug)
    Article.objects.filter(pk=article.pk).update(headline="Edited by an editor")
    Photo.objects.filter(article=article, position=2).delete()
    run_demo()
    article.refresh_from_db()
    assert article.headline == "Edited by an editor"
    assert article.photos.count() == 1


# -- the reader conversation ----------------------------------------------------------------------
def test_the_featured_article_has_seventeen_published_comments(loaded, db, client):
    article = featured_article()
    assert article.section.slug == "politics"
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    assert published.count() == 17
    assert published_count(article=article) == 17
    html = client.get(article.get_absolute_url()).content.decode()
    assert ">17 Comments</h2>" in html
    assert html.count('class="comment"') == 17
    assert "Dmitri_77" in html and "Ерлан Б." in html

    # Every one was approved by the demo moderator, and the audit log says so.
    approvals = Decision.objects.filter(comment__in=published, action=Decision.Action.APPROVE)
    assert approvals.count() == 17
    assert set(approvals.values_list("moderator__username", flat=True)) == {"moderator"}

    # Several languages, several readers, each with their own address and connection.
    assert set(published.values_list("language", flat=True)) == {"en", "ru", "kk", "uz"}
    assert published.filter(language="en").count() > published.exclude(language="en").count()
    authors = set(published.values_list("author_name", "email", "ip_hash"))
    assert len(authors) == len({name for name, _email, _ip in authors}) >= 10
    assert len({ip for _name, _email, ip in authors}) == len(authors)
    assert all(email.endswith("@example.org") for _name, email, _ip in authors)

    # Spread over the days since publication, each published after it was written.
    now = timezone.now()
    times = list(published.values_list("created_at", "published_at"))
    for written, approved in times:
        assert article.published_at < written < approved < now
    first, last = min(t[0] for t in times), max(t[0] for t in times)
    assert last - first > timezone.timedelta(days=3)

    # Links and line breaks survive.
    assert '<a href="https://example.org/' in html
    assert "<br>" in html and "</p><p>" in html


def test_replies_nest_and_deep_ones_name_whom_they_answer(loaded, db, client):
    article = featured_article()
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    depths = sorted(published.values_list("depth", flat=True))
    assert max(depths) >= 4  # one chain five levels deep, and more
    assert depths.count(0) >= 5
    assert len(depths) == published_count(article=article)
    replied_to = published.filter(reply_count__gt=0)
    assert replied_to.filter(depth=0).count() >= 4  # several chains
    for reply in published.exclude(parent=None):
        assert reply.parent.status == Comment.Status.PUBLISHED
        assert reply.depth == reply.parent.depth + 1
        assert reply.created_at > reply.parent.published_at
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<ol class="replies">' in html
    assert 'data-indent="3"' in html
    deep = published.filter(depth__gt=3).select_related("parent")
    for reply in deep:
        assert f"in reply to {escape(reply.parent.author_name)}" in html


def test_held_comments_wait_for_different_reasons(loaded, db):
    pending = Comment.objects.pending()
    assert pending.count() >= 4
    rules = set(pending.values_list("moderation_rule", flat=True))
    assert {"links", "suspect-word", "too-fast", "pre-moderation"} <= rules
    assert WordListEntry.objects.filter(kind="suspect", language="en", term="traitor*").exists()
    assert WordListEntry.objects.filter(kind="suspect", language="ru", term="предател*").exists()
    assert Decision.objects.filter(action=Decision.Action.WORD_ADDED).count() == 2
    # Held comments never count, on the featured article or elsewhere.
    featured = featured_article()
    assert pending.filter(article=featured).exists()
    assert published_count(article=featured) == 17


def test_a_removed_comment_with_a_reply_leaves_a_tombstone(loaded, db, client):
    article = Article.objects.get(language="en", slug=COUNCIL_RECORDS_TALK.article)
    assert article != featured_article()
    removed = Comment.objects.get(article=article, status=Comment.Status.REMOVED)
    assert removed.policy_clause.number == 4 and removed.reply_count == 1
    decision = Decision.objects.get(comment=removed, action=Decision.Action.REMOVE)
    assert decision.clause == removed.policy_clause and decision.moderator_name == "moderator"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This comment was removed for breaking clause 4 of the Comment Policy" in html
    assert escape(removed.text[:30]) not in html
    reply = removed.replies.get()
    assert escape(reply.author_name) in html and reply.status == Comment.Status.PUBLISHED
    assert ">3 Comments</h2>" in html


def test_readers_votes_show_a_percentage(loaded, db, client):
    article = featured_article()
    thread = article.thread
    assert thread.votes_total == 11 and thread.liked_percent == 73
    response = client.post(f"/en/comments/{article.pk}/vote/", vote_data(article, "yes"), headers=ORIGIN)
    assert response.status_code == 303
    html = client.get(article.get_absolute_url()).content.decode()
    assert "75% of readers liked this" in html  # 9 of 12, this reader included


# -- one conversation across editions -------------------------------------------------------------
def test_comments_in_russian_and_kazakh_under_the_english_edition_are_translated(loaded, db):
    """Readers wrote in Russian and Kazakh under the English story; a translator carried them
    into English (one with a bracketed insertion), and one Russian comment still waits."""
    article = featured_article()
    published = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
    foreign = published.exclude(language="en")
    assert {"ru", "kk"} <= set(foreign.values_list("language", flat=True))
    assert all(comment.story_id == article.pk for comment in foreign)
    into_english = CommentTranslation.objects.filter(comment__in=foreign, language="en")
    untranslated = foreign.exclude(translations__language="en")
    (waiting,) = untranslated
    assert waiting.language == "ru" and waiting.author_name == "Марат, водитель автобуса"
    assert into_english.count() == foreign.count() - 1

    translator = get_user_model().objects.get(username="translator")
    by_hand = into_english.filter(origin=CommentTranslation.Origin.HUMAN)
    assert {"ru", "kk"} <= set(by_hand.values_list("comment__language", flat=True))
    for translation in into_english:
        assert translation.is_reviewed and translation.reviewed_at is not None
        assert translation.comment.published_at < translation.reviewed_at <= timezone.now()
        assert translation.text_html and escape("<") not in translation.text
    assert set(by_hand.values_list("translated_by", flat=True)) == {translator.pk}
    machine = into_english.get(origin=CommentTranslation.Origin.MACHINE)
    assert machine.translated_by is None and machine.reviewed_by.username == "moderator"

    # The translator's own words stand in square brackets, where the original has none.
    (bracketed,) = [t for t in into_english if re.search(r"\[[^\]]+\]", t.text)]
    assert bracketed.comment.language == "kk" and "[" not in bracketed.comment.text
    assert "[to school]" in bracketed.text_html


def test_the_russian_edition_shares_the_conversation_with_english_comments_translated(loaded, db, client):
    """The story's Russian edition is the same story: its readers get English comments carried
    into Russian by the translator."""
    article = featured_article()
    russian = article.translations.get(language="ru")
    assert russian.is_live and russian.section == article.section
    into_russian = CommentTranslation.objects.filter(comment__story=article.pk, language="ru")
    assert into_russian.count() >= 2
    assert set(into_russian.values_list("comment__language", flat=True)) == {"en"}
    assert set(into_russian.values_list("translated_by__username", flat=True)) == {"translator"}
    assert client.get(russian.get_absolute_url()).status_code == 200


def test_the_translator_account_is_printed_and_reads_its_languages(loaded, db, client, settings):
    _editor, _moderator, password = printed_passwords(loaded.first_output)
    assert printed_passwords(loaded.second_output)[2] == password
    assert "Username:     translator" in loaded.first_output
    assert "Reads:        ru, kk, en" in loaded.second_output
    translator = get_user_model().objects.get(username="translator")
    assert translator.check_password(password)
    assert translator.is_staff and not translator.is_superuser
    assert list(translator.groups.values_list("name", flat=True)) == ["Translators"]
    assert translator.staff_languages.languages == ["ru", "kk", "en"]
    moderator = get_user_model().objects.get(username="moderator")
    assert {"en", "ru"} <= set(moderator.staff_languages.languages)
    login = f"/{settings.SERAI_ADMIN_PATH}login/"
    response = client.post(login, {"username": "translator", "password": password, "next": "/en/"})
    assert response.status_code == 302 and response.url == "/en/"


def test_every_edition_has_its_tagline_section_names_and_standing_pages(loaded, db, client):
    taglines = dict(Edition.objects.values_list("language", "tagline"))
    assert set(taglines) == {code for code, _name in settings_languages()}
    assert len(set(taglines.values())) == 7 and all(taglines.values())
    for code in ("ru", "kk", "ky", "tg"):
        assert re.search("[а-яё]", taglines[code], re.IGNORECASE), code
    for code in ("en", "tk", "uz"):
        assert not re.search("[а-яё]", taglines[code], re.IGNORECASE), code
    politics = Section.objects.get(slug="politics")
    for code, _name in settings_languages():
        home = client.get(f"/{code}/")
        assert home.status_code == 200
        assert f'<p class="tagline">{escape(taglines[code])}</p>' in home.content.decode(), code
        html = client.get(f"/{code}/pages/about/").content.decode()
        assert 'class="notice"' not in html, code
        assert escape(politics.display_name(code)) in html, code
        assert client.get(f"/{code}/pages/comment-policy/").status_code == 200


def test_a_later_run_adds_the_translations_to_an_older_demo_and_keeps_a_translators_edit(loaded, db):
    """A demo loaded before its conversation was translated gets the translations, the editions'
    taglines and the sections' names on the next run; what staff changed since is kept."""
    rewritten = CommentTranslation.objects.filter(language="en").first()
    CommentTranslation.objects.filter(pk=rewritten.pk).update(text="A translator's own words.")
    CommentTranslation.objects.exclude(pk=rewritten.pk).delete()
    Edition.objects.filter(language="kk").update(tagline="")
    Edition.objects.exclude(language="kk").delete()
    Section.objects.filter(slug="culture").update(translated_names={"ru": "Искусство"})
    output = run_demo()
    assert "6 editions" in output and "6 comment translations" in output
    assert CommentTranslation.objects.count() == len(loaded.first["comment translations"]) == 7
    assert CommentTranslation.objects.get(pk=rewritten.pk).text == "A translator's own words."
    assert Edition.objects.get(language="kk").tagline == ""
    names = Section.objects.get(slug="culture").translated_names
    assert names["ru"] == "Искусство" and names["kk"] == "Мәдениет"


def settings_languages():
    from django.conf import settings

    return settings.LANGUAGES
