"""One conversation per story: an article and its translations share one thread.

The same count on every edition, a comment or reply posted on any edition shown on all of them,
one vote per reader per story, the reader's own pending comment on every edition they open, and
every edition's cached page refreshed when the conversation changes.

Transactional: comments commit, and what runs after the commit (generations, purges) runs, as in
production; the page cache is on (the tests' default).
"""

import importlib
import re

import pytest
from django.apps import apps as current_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from serai.comments import services, votes
from serai.comments.models import ArticleVote, Comment, Mode, Thread
from serai.comments.selectors import published_count, thread_counters
from serai.core import purge
from serai.newsroom.models import Article
from tests.comments.helpers import (
    SAME_ORIGIN,
    CommentFactory,
    comment_data,
    indent_of,
    page,
    post_comment,
    post_url,
    vote_data,
    vote_url,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


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


def shown_count(html: str) -> int:
    """The number in the conversation's heading ("3 Comments", "3 комментария")."""
    match = re.search(r'id="comments-title"[^>]*>\s*(\d+)', html)
    assert match, "no conversation heading on the page"
    return int(match.group(1))


def shows(html: str, comment: Comment) -> bool:
    return f'id="comment-{comment.pk}"' in html


def test_a_comment_on_one_edition_is_on_every_edition_with_the_same_count(english, russian, post_mode):
    reader = Client()
    assert shown_count(page(reader, english)) == shown_count(page(reader, russian)) == 0  # both kept

    assert post_comment(Client(), russian, text="Наконец-то поезд до Алматы.").status_code == 303
    comment = Comment.objects.get()
    assert (comment.article_id, comment.story_id) == (russian.pk, english.pk)

    # The next request for either edition's kept page shows it, with the same count.
    en_html, ru_html = page(reader, english), page(reader, russian)
    assert shows(en_html, comment) and shows(ru_html, comment)
    assert shown_count(en_html) == shown_count(ru_html) == 1
    assert published_count(article=english) == published_count(article=russian) == 1
    # Both editions' addresses were purged from the caches in front.
    assert {english.get_absolute_url(), russian.get_absolute_url()} <= set(purge.purger().purged)


def test_a_removal_on_one_edition_refreshes_every_edition(english, russian, post_mode):
    comment = CommentFactory(article=english)
    reader = Client()
    assert shows(page(reader, russian), comment)
    services.comment_set_status(comment=comment, status=Comment.Status.REMOVED)
    en_html, ru_html = page(reader, english), page(reader, russian)
    assert not shows(en_html, comment) and not shows(ru_html, comment)
    assert shown_count(en_html) == shown_count(ru_html) == 0


def test_a_reply_on_another_edition_joins_the_thread_on_every_edition(english, russian, post_mode):
    question = CommentFactory(article=english, text="When does the first train leave?")
    response = Client().post(
        post_url(russian),
        comment_data(russian, text="В понедельник утром.", parent=question),
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 303
    reply = Comment.objects.get(parent=question)
    assert (reply.article_id, reply.story_id, reply.root_id, reply.depth) == (
        russian.pk,
        english.pk,
        question.pk,
        1,
    )
    for edition in (english, russian):
        html = page(Client(), edition)
        assert shows(html, reply) and indent_of(html, reply.pk) == 1
        assert shown_count(html) == 2
    assert Comment.objects.get(pk=question.pk).reply_count == 1


def test_a_reply_to_a_comment_of_another_story_is_refused(english, russian, post_mode):
    elsewhere = CommentFactory(article=ArticleFactory(section=english.section))
    with pytest.raises(ValidationError):
        services.comment_post(
            article=russian, author_name="Dana", email="dana@example.org", text="Ответ.", parent=elsewhere
        )
    response = Client().post(post_url(russian), comment_data(russian, parent=elsewhere), headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert not Comment.objects.filter(parent=elsewhere).exists()


def test_the_same_words_from_one_reader_on_another_edition_are_held_as_a_duplicate(
    english, russian, post_mode
):
    said = {
        "author_name": "Dana",
        "email": "dana@example.org",
        "text": "The line should reach Bishkek too.",
        "form_age": 10.0,
    }
    first = services.comment_post(article=english, **said)
    assert first.status == Comment.Status.PUBLISHED, first.moderation_rule
    again = services.comment_post(article=russian, **said)
    assert (again.status, again.moderation_rule) == (Comment.Status.PENDING, "duplicate")


def test_a_reader_votes_once_per_story(english, russian):
    reader = Client()
    assert reader.post(vote_url(english), vote_data(english, "yes"), headers=SAME_ORIGIN).status_code == 303
    # The same reader on the other edition: their cookie names the story.
    assert reader.post(vote_url(russian), vote_data(russian, "no"), headers=SAME_ORIGIN).status_code == 409
    # Without the cookie but with the same reader key, the database refuses a second vote too.
    key = ArticleVote.objects.get().voter_key
    with pytest.raises(votes.AlreadyVoted):
        votes.article_vote(article=russian, liked=False, voter_key=key)
    # Another reader on the Russian edition counts on the same thread.
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.post(vote_url(russian), vote_data(russian, "no"), headers=SAME_ORIGIN).status_code == 303
    thread = Thread.objects.get()
    assert (thread.article_id, thread.votes_yes, thread.votes_no) == (english.pk, 1, 1)
    assert thread_counters(article=russian).pk == thread_counters(article=english).pk == thread.pk
    assert ArticleVote.objects.filter(article=english).count() == 2


def test_a_readers_pending_comment_shows_on_every_edition_they_open(english, russian):
    page(Client(), english)  # the shared page is kept
    author = Client()
    assert post_comment(author, russian, text="Жду модерации.").status_code == 303
    pending = Comment.objects.get()
    assert pending.status == Comment.Status.PENDING
    for edition in (russian, english):
        html = page(author, edition)
        assert 'id="your-comments"' in html and shows(html, pending) and shown_count(html) == 0
    for edition in (russian, english):
        assert 'id="your-comments"' not in page(Client(), edition)


def test_the_originals_settings_rule_every_edition(english, russian):
    Thread.objects.update_or_create(article=english, defaults={"mode": Mode.CLOSED})
    assert services.thread_mode(article=russian) == Mode.CLOSED
    with pytest.raises(services.CommentsClosed):
        services.comment_post(article=russian, author_name="Dana", email="dana@example.org", text="Закрыто?")
    assert services.thread_for(article=russian).article_id == english.pk


def test_a_comment_keeps_its_story_when_the_edition_is_unlinked(english, russian, post_mode):
    comment = CommentFactory(article=russian)
    russian.translation_of = None
    russian.save()
    comment.refresh_from_db()
    assert comment.story_id == english.pk  # no comment moves: linking later merges nothing
    assert published_count(article=english) == 1 and published_count(article=russian) == 0


def test_deleting_the_original_leaves_each_translation_its_own_comments(english, russian, post_mode):
    on_english = CommentFactory(article=english)
    on_russian = CommentFactory(article=russian)
    english.delete()
    assert not Comment.objects.filter(pk=on_english.pk).exists()
    russian = Article.objects.get(pk=russian.pk)
    assert russian.translation_of_id is None
    assert Comment.objects.get(pk=on_russian.pk).story_id == russian.pk
    assert published_count(article=russian) == 1
    assert shows(page(Client(), russian), on_russian)


# The migration -----------------------------------------------------------------------------------

migration = importlib.import_module("serai.comments.migrations.0008_one_conversation_per_story")


def test_the_migration_names_stories_and_merges_threads_and_votes(english, russian):
    alone = ArticleFactory(section=english.section)
    on_russian = CommentFactory(article=russian)
    on_english = CommentFactory(article=english)
    on_alone = CommentFactory(article=alone)
    # As before the migration: every comment's thread was its own edition's.
    Comment.objects.filter(pk=on_russian.pk).update(story_id=russian.pk)
    Thread.objects.filter(article=english).update(mode=Mode.POST, votes_yes=3, votes_no=1)
    Thread.objects.create(article=russian, mode=Mode.CLOSED, votes_yes=2, votes_no=5)
    ArticleVote.objects.create(article=english, liked=True, voter_key="k1")
    ArticleVote.objects.create(article=russian, liked=True, voter_key="k1")  # the same reader twice
    ArticleVote.objects.create(article=russian, liked=False, voter_key="k2")

    migration.forwards(current_apps, None)

    stories = dict(Comment.objects.values_list("pk", "story_id"))
    assert stories == {on_russian.pk: english.pk, on_english.pk: english.pk, on_alone.pk: alone.pk}
    thread = Thread.objects.get(article=english)
    assert (thread.mode, thread.votes_yes, thread.votes_no) == (Mode.POST, 5, 6)  # summed, original's mode
    assert not Thread.objects.filter(article=russian).exists()
    assert sorted(ArticleVote.objects.values_list("article_id", "voter_key")) == [
        (english.pk, "k1"),
        (english.pk, "k2"),
    ]
    # Run again, it changes nothing.
    migration.forwards(current_apps, None)
    assert Thread.objects.get(article=english).votes_yes == 5
    assert ArticleVote.objects.count() == 2


def test_the_migration_makes_the_originals_thread_when_only_a_translation_had_one(english, russian):
    Thread.objects.create(article=russian, votes_yes=4)
    migration.merge_threads(current_apps, None)
    assert list(Thread.objects.values_list("article_id", "votes_yes", "mode")) == [
        (english.pk, 4, Mode.INHERIT)
    ]


def test_the_migrations_run_forward_on_stored_comments_and_back(english, russian):
    """The real migrations, from the schema before stories to now and back to it."""
    before, after = (
        [("comments", "0007_published_count_counted_when_shown")],
        [("comments", "0009_story_named_and_read")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldComment, OldThread = old.get_model("comments", "Comment"), old.get_model("comments", "Thread")
        written = {"author_name": "Dana", "email": "dana@example.org", "status": "published"}
        on_russian = OldComment.objects.create(article_id=russian.pk, text="Отлично.", **written)
        on_english = OldComment.objects.create(article_id=english.pk, text="Great.", **written)
        OldThread.objects.create(article_id=russian.pk, votes_yes=2)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        stories = dict(Comment.objects.values_list("pk", "story_id"))
        assert stories == {on_russian.pk: english.pk, on_english.pk: english.pk}
        assert list(Thread.objects.values_list("article_id", "votes_yes")) == [(english.pk, 2)]
        executor = MigrationExecutor(connection)
        executor.migrate(before)  # and back: the comments stay, without their story
        old = executor.loader.project_state(before).apps
        assert old.get_model("comments", "Comment").objects.count() == 2
    finally:
        # Back to every app's latest migration (later ones than `after` included), as the
        # following tests expect.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
