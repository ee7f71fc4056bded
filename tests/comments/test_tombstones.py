"""A rejected or removed comment with replies leaves a tombstone naming the clause.

Its replies stay under the tombstone; without replies it simply disappears.
"""

import pytest

from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from tests.comments.helpers import CommentFactory, comment_block, comment_ids_in_order, page

TOMBSTONE = "This comment was removed for breaking clause 2 of the Comment Policy (No personal attacks)."


@pytest.fixture
def conversation(article):
    parent = CommentFactory(article=article, author_name="Yerlan", text="You are all idiots here.")
    reply = CommentFactory(parent=parent, author_name="Saule", text="Please keep it civil, Yerlan.")
    return parent, reply


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.REMOVED])
def test_a_comment_with_replies_leaves_a_tombstone_naming_the_clause(
    client, article, conversation, clause, status
):
    parent, reply = conversation
    comment_set_status(comment=parent, status=status, clause=clause, reason="Insults")
    body = page(client, article)
    block = comment_block(body, parent.pk)
    assert TOMBSTONE in block
    # Neither the words nor the name are shown any more, nor a way to answer them.
    assert "You are all idiots here." not in body
    assert "Yerlan" not in block
    assert "reply-link" not in block
    # The reply stays, under the tombstone.
    assert "Please keep it civil, Yerlan." in comment_block(body, reply.pk)
    assert comment_ids_in_order(body) == [parent.pk, reply.pk]


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.REMOVED, Comment.Status.SPAM])
def test_a_comment_without_replies_disappears(client, article, clause, status):
    kept = CommentFactory(article=article, text="A calm and useful comment.")
    gone = CommentFactory(article=article, text="An insulting comment.")
    comment_set_status(comment=gone, status=status, clause=clause)
    body = page(client, article)
    assert f'id="comment-{gone.pk}"' not in body
    assert "An insulting comment." not in body
    assert "removed for breaking clause" not in body
    assert f'id="comment-{kept.pk}"' in body


def test_a_removed_reply_with_replies_of_its_own_leaves_a_tombstone(client, article, clause):
    top = CommentFactory(article=article)
    middle = CommentFactory(parent=top, text="A rude reply in the middle.")
    bottom = CommentFactory(parent=middle, text="An answer to the rude reply.")
    comment_set_status(comment=middle, status=Comment.Status.REMOVED, clause=clause)
    body = page(client, article)
    assert TOMBSTONE in comment_block(body, middle.pk)
    assert "A rude reply in the middle." not in body
    assert comment_ids_in_order(body) == [top.pk, middle.pk, bottom.pk]


def test_without_a_clause_the_tombstone_says_a_moderator_removed_it(client, article, conversation):
    parent, _reply = conversation
    comment_set_status(comment=parent, status=Comment.Status.REMOVED)
    assert "This comment was removed by a moderator." in comment_block(page(client, article), parent.pk)


def test_the_clause_title_follows_the_edition(client, article, conversation, clause):
    clause.translated_titles = {"ru": "Без оскорблений"}
    clause.save()
    parent, _reply = conversation
    comment_set_status(comment=parent, status=Comment.Status.REJECTED, clause=clause)
    assert TOMBSTONE in page(client, article)


def test_a_tombstone_disappears_when_its_last_reply_goes(client, article, conversation, clause):
    parent, reply = conversation
    comment_set_status(comment=parent, status=Comment.Status.REJECTED, clause=clause)
    comment_set_status(comment=reply, status=Comment.Status.REJECTED, clause=clause)
    body = page(client, article)
    assert f'id="comment-{parent.pk}"' not in body
    assert f'id="comment-{reply.pk}"' not in body


def test_restoring_a_comment_shows_it_again(client, article, conversation, clause):
    parent, _reply = conversation
    comment_set_status(comment=parent, status=Comment.Status.REJECTED, clause=clause)
    comment_set_status(comment=parent, status=Comment.Status.PUBLISHED)
    block = comment_block(page(client, article), parent.pk)
    assert "You are all idiots here." in block
    assert "removed for breaking" not in block
    assert Comment.objects.get(pk=parent.pk).policy_clause is None


def test_a_published_reply_under_two_tombstones_stays_visible(client, article, clause):
    top = CommentFactory(article=article, text="Top comment, later removed.")
    middle = CommentFactory(parent=top, text="Middle reply, removed first.")
    bottom = CommentFactory(parent=middle, text="A published answer nobody removed.")
    comment_set_status(comment=middle, status=Comment.Status.REMOVED, clause=clause)
    comment_set_status(comment=top, status=Comment.Status.REMOVED, clause=clause)
    body = page(client, article)
    assert "1 Comment" in body
    assert "A published answer nobody removed." in body
    assert comment_ids_in_order(body) == [top.pk, middle.pk, bottom.pk]
