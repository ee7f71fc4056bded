"""A comment in another language than the edition's: its translation with "Translated from …"
and the original one click away (a <details> element, no script), or its own words with their
`lang` and "Written in …"; an edition may leave out untranslated conversations; unreviewed machine
drafts only where the site allows them, labelled; the page through the page cache shows a new
translation on the next request; the thread page reads the translations in one query.

Transactional: what runs after a commit (generations, purges) runs, as in production; the page
cache is on (the tests' default).
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import text as comment_text
from serai.comments.models import Comment, CommentTranslation
from serai.core import fragments, generations
from serai.core.pagecache import story_key
from serai.newsroom.editions import Edition, OtherLanguages
from tests.comments.helpers import (
    CommentFactory,
    comment_block,
    page,
    post_comment,
    start_tags,
    unsafe_markup,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUSSIAN_TEXT = "Наконец-то поезд до Алматы."
ENGLISH_TEXT = "At last, a train to Almaty [from the capital]."


@pytest.fixture
def english(db):
    return ArticleFactory(language="en", slug="steppe-rail", headline="Steppe rail link opens")


@pytest.fixture
def russian(english):
    return ArticleFactory(
        language="ru",
        slug="stepnaya-doroga",
        headline="Открыта железная дорога",
        section=english.section,
        translation_of=english,
    )


@pytest.fixture
def russian_comment(russian):
    return CommentFactory(article=russian, text=RUSSIAN_TEXT, language="ru")


def translate(comment, text=ENGLISH_TEXT, *, language="en", origin="human", reviewed=False):
    return CommentTranslation.objects.create(
        comment=comment,
        language=language,
        text=text,
        text_html=comment_text.render(text),
        origin=origin,
        reviewed_at=timezone.now() if reviewed else None,
    )


def attrs_of(html: str, tag: str) -> list[dict]:
    return [dict(attrs) for name, attrs in start_tags(html) if name == tag]


def shown_count(html: str) -> int:
    match = re.search(r'id="comments-title"[^>]*>\s*(\d+)', html)
    assert match, "no conversation heading on the page"
    return int(match.group(1))


def test_english_edition_shows_a_russian_comment_in_translation_with_the_original_a_click_away(
    english, russian_comment
):
    translate(russian_comment)
    block = comment_block(page(Client(), english), russian_comment.pk)

    assert "Translated from Russian" in block
    assert "At last, a train to Almaty [from the capital]." in block
    # The original, in a <details> element (opens without script), marked as Russian.
    details = re.search(r"<details[^>]*>(.*?)</details>", block, re.S)
    assert details and "<summary>Show original</summary>" in details.group(1)
    assert RUSSIAN_TEXT in details.group(1)
    assert {"class": "comment-text", "lang": "ru"} in attrs_of(details.group(1), "div")
    # The translation itself is marked as English, and comes before the original.
    assert {"class": "comment-text", "lang": "en"} in attrs_of(block, "div")
    assert block.index(ENGLISH_TEXT.split(" [")[0]) < block.index(RUSSIAN_TEXT)
    assert "Machine translation" not in block


def test_without_a_translation_the_original_shows_with_its_language(english, russian, russian_comment):
    html = page(Client(), english)
    block = comment_block(html, russian_comment.pk)
    assert "Written in Russian" in block
    assert {"class": "comment-text", "lang": "ru"} in attrs_of(block, "div")
    assert RUSSIAN_TEXT in block and "<details" not in block
    # On its own edition it shows as written, with no note.
    ru_block = comment_block(page(Client(), russian), russian_comment.pk)
    assert RUSSIAN_TEXT in ru_block and "comment-language" not in ru_block


def test_the_note_is_in_the_readers_edition_language(english, russian, russian_comment):
    """On the Kazakh edition "Written in Russian" is said in Kazakh, from the catalogue."""
    kazakh = ArticleFactory(language="kk", slug="temir-zhol", section=english.section, translation_of=english)
    block = comment_block(page(Client(), kazakh), russian_comment.pk)
    assert "Written in Russian" not in block and 'class="comment-language"' in block
    assert {"class": "comment-text", "lang": "ru"} in attrs_of(block, "div")


def test_an_edition_showing_only_translated_comments_leaves_out_the_others(english, russian, russian_comment):
    """With TRANSLATED, a conversation begun in another language shows only once translated, its
    replies with it; the count is what the edition shows. The other editions are unchanged."""
    reply = CommentFactory(parent=russian_comment, text="Согласен.", language="ru")
    own = CommentFactory(article=english, text="Good news for the east.", language="en")
    reader = Client()
    assert comment_block(page(reader, english), reply.pk)  # "all", the default: kept in the page cache

    # The edition's setting saved: its kept page and thread block are made afresh.
    Edition.objects.create(language="en", other_language_comments=OtherLanguages.TRANSLATED)
    html = page(reader, english)
    assert not comment_block(html, russian_comment.pk) and not comment_block(html, reply.pk)
    assert comment_block(html, own.pk)
    assert shown_count(html) == 1
    ru_html = page(reader, russian)
    assert comment_block(ru_html, russian_comment.pk) and shown_count(ru_html) == 3

    translate(russian_comment)
    html = page(reader, english)
    assert "Translated from Russian" in comment_block(html, russian_comment.pk)
    # The reply comes with its conversation, as written (nobody translated it).
    assert "Written in Russian" in comment_block(html, reply.pk)
    assert shown_count(html) == 3


def test_unreviewed_machine_drafts_are_hidden_unless_the_site_allows_them(english, russian_comment, settings):
    translate(russian_comment, "Finally a train to Almaty.", origin="machine")
    block = comment_block(page(Client(), english), russian_comment.pk)
    assert "Written in Russian" in block and "Finally a train" not in block

    settings.SERAI_SHOW_MACHINE_TRANSLATIONS = True
    block = comment_block(page(Client(), english), russian_comment.pk)
    assert "Machine translation" in block and "Translated from Russian" in block
    assert "Finally a train to Almaty." in block and "<details" in block


def test_a_reviewed_machine_draft_shows_as_a_translation(english, russian_comment):
    translate(russian_comment, "Finally a train to Almaty.", origin="machine", reviewed=True)
    block = comment_block(page(Client(), english), russian_comment.pk)
    assert "Translated from Russian" in block and "Finally a train to Almaty." in block
    assert "Machine translation" not in block


def test_translation_text_is_escaped(english, russian_comment):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a>'
    translate(russian_comment, payload)
    html = page(Client(), english)
    assert unsafe_markup(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comment_block(html, russian_comment.pk)


def test_a_translation_stored_without_its_html_shows_escaped(english, russian_comment):
    CommentTranslation.objects.create(
        comment=russian_comment, language="en", text="<b>bold</b> words", origin="human"
    )
    block = comment_block(page(Client(), english), russian_comment.pk)
    assert "&lt;b&gt;bold&lt;/b&gt; words" in block and "<b>" not in block


def test_a_translation_saved_shows_on_the_next_request_through_the_page_cache(
    english, russian, russian_comment
):
    reader = Client()
    first = reader.get(english.get_absolute_url())
    assert "Written in Russian" in first.content.decode()
    assert "s-maxage" in first.headers["Cache-Control"]  # a shared, cached page

    translation = translate(russian_comment)
    html = page(reader, english)
    assert "Translated from Russian" in comment_block(html, russian_comment.pk)

    translation.text, translation.text_html = "Changed words.", comment_text.render("Changed words.")
    translation.save()
    assert "Changed words." in comment_block(page(reader, english), russian_comment.pk)

    translation.delete()
    assert "Written in Russian" in comment_block(page(reader, english), russian_comment.pk)


def test_the_thread_page_reads_every_translation_in_one_query(
    english, russian, django_assert_max_num_queries
):
    """Five comments in Russian and Kazakh, translated, cost what one does: a fixed number of
    queries whatever the number of translated comments."""
    kazakh = ArticleFactory(language="kk", slug="temir-zhol", section=english.section, translation_of=english)
    first = CommentFactory(article=russian, text="Первый.", language="ru")
    translate(first, "First.")

    def count() -> int:
        fragments.reset()
        with CaptureQueriesContext(connection) as ctx:
            page(Client(), english, "?order=oldest")
        return len(ctx.captured_queries)

    small = count()
    for n in range(4):
        edition = kazakh if n % 2 else russian
        comment = CommentFactory(article=edition, text=f"Пікір {n}.", language=edition.language)
        translate(comment, f"Comment {n} in English.")
        CommentFactory(parent=comment, text=f"Ответ {n}.", language="ru")
    CommentFactory(article=english, text="In English.", language="en")
    assert count() == small
    with django_assert_max_num_queries(small):
        fragments.reset()
        html = page(Client(), english)
    assert html.count("Translated from") == 5 and html.count("Written in") == 4


def test_an_edition_with_only_its_own_language_reads_no_translation(english):
    """No comment in another language: the translations' query is not made."""
    CommentFactory(article=english, text="In English.", language="en")
    fragments.reset()
    with CaptureQueriesContext(connection) as ctx:
        page(Client(), english)
    assert not any("comments_commenttranslation" in q["sql"] for q in ctx.captured_queries)


def test_a_comment_published_on_one_edition_refreshes_every_edition_and_no_other_story(
    english, russian, post_mode
):
    """Posted on the Russian edition, it is on the English page's next request (as written, in
    Russian); an unrelated story's pages keep their generation."""
    other = ArticleFactory(language="en", slug="other-story", section=english.section)
    reader = Client()
    page(reader, english), page(reader, russian), page(reader, other)
    names = [story_key(a.language, a.slug) for a in (english, russian, other)]
    before = generations.store().read(names)

    assert post_comment(Client(), russian, text="Наконец-то поезд до Алматы.").status_code == 303
    comment = Comment.objects.get()
    assert comment.language == "ru"
    after = generations.store().read(names)
    assert after[0] != before[0] and after[1] != before[1] and after[2] == before[2]
    block = comment_block(page(reader, english), comment.pk)
    assert "Written in Russian" in block and {"class": "comment-text", "lang": "ru"} in attrs_of(block, "div")
    assert "comment-language" not in comment_block(page(reader, russian), comment.pk)
