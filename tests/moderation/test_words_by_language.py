"""Word lists apply by the language a comment is written in as well as by its edition's: a Russian
insult under the English edition meets the Russian list, an English one under the Russian edition
the Russian list still."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments.models import Comment, Thread
from serai.moderation import pipeline, rules, words
from serai.moderation.models import WordListEntry
from serai.moderation.verdicts import Action
from tests.comments.helpers import post_comment
from tests.comments.test_posting_queries import posting_queries
from tests.factories import ArticleFactory
from tests.moderation.factories import WordFactory, article_with_thread, post, submission

RUSSIAN_INSULT = "Автор статьи — настоящий мерзавец, и мэр тоже, раз молчит про мост."


@pytest.mark.django_db
def test_a_russian_insult_on_the_english_edition_is_caught_by_the_russian_list():
    WordFactory(term="мерзав*", language="ru")
    english_edition = article_with_thread("post", language="en")
    comment = post(english_edition, RUSSIAN_INSULT)
    assert comment.language == "ru"
    assert (comment.status, comment.moderation_rule) == (Comment.Status.REJECTED, "banned-word")


@pytest.mark.django_db
def test_the_editions_list_applies_to_a_comment_in_another_language():
    WordFactory(term="scoundrel", language="ru", kind=WordListEntry.Kind.SUSPECT)
    russian_edition = article_with_thread("post", language="ru")
    comment = post(russian_edition, "The mayor is a scoundrel for keeping quiet about the bridge money.")
    assert comment.language == "en"
    assert (comment.status, comment.moderation_rule) == (Comment.Status.PENDING, "suspect-word")


@pytest.mark.django_db
def test_a_third_languages_list_does_not_apply():
    WordFactory(term="мерзав*", language="kk")
    comment = post(article_with_thread("post", language="en"), RUSSIAN_INSULT)
    assert comment.status == Comment.Status.PUBLISHED


@pytest.mark.django_db
def test_the_rule_reads_both_lists_of_a_submission():
    WordFactory(term="дурак", language="ru")
    WordFactory(term="ahmoq", language="uz", kind=WordListEntry.Kind.SUSPECT)
    russian_on_english = submission(text="Сам ты дурак", language="ru", edition_language="en")
    assert rules.word_lists(russian_on_english).action == Action.REJECT
    english_on_russian = submission(text="Сам ты дурак", language="en", edition_language="ru")
    assert rules.word_lists(english_on_russian).action == Action.REJECT
    uzbek_on_russian = submission(text="Sen ahmoq, dурак", language="uz", edition_language="ru")
    assert rules.word_lists(uzbek_on_russian).action == Action.REJECT  # banned beats suspect
    assert rules.word_lists(submission(text="Sen ahmoq", language="uz", edition_language="")).rule == (
        "suspect-word"
    )
    assert rules.word_lists(submission(text="Сам ты дурак", language="en", edition_language="en")) is None


@pytest.mark.django_db
def test_prepare_compiles_the_combined_lists_the_rule_reads(django_assert_num_queries):
    WordFactory(term="дурак", language="ru")
    pipeline.prepare("ru", "en")
    with django_assert_num_queries(0):
        for kind in WordListEntry.Kind:
            assert words.word_list(("en", "ru"), kind) is words.word_list(("ru", "en"), kind)
        rules.word_lists(submission(text="дурак", language="ru", edition_language="en"))


@pytest.mark.django_db(transaction=True)
def test_a_comment_in_another_language_than_its_edition_posts_at_the_same_query_count(client, settings):
    """The lists of both languages are compiled before the transaction, as the edition's alone were."""
    settings.SERAI_COMMENTS_MODE = "post"
    WordFactory(term="мерзав*", language="ru", kind=WordListEntry.Kind.SUSPECT)
    english_edition = ArticleFactory(language="en")
    Thread.objects.get_or_create(article=english_edition)
    first = "Почему никто не спросил министерство, куда ушли деньги на мост?"
    assert post_comment(client, english_edition, text=first).status_code == 303
    with CaptureQueriesContext(connection) as queries:
        second = "Мэрия молчит уже третий месяц, а на месте стройки только забор."
        assert post_comment(client, english_edition, text=second).status_code == 303
    assert len(queries.captured_queries) == posting_queries()
    assert set(Comment.objects.values_list("language", flat=True)) == {"ru"}
