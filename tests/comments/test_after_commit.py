"""What runs after a comment or a vote is saved (cache purges, notices) never turns it into an error.

A reader told "error" about a comment that was saved sends it again: a duplicate.
"""

import pytest

from serai.comments.models import ArticleVote, Comment
from serai.comments.signals import thread_changed
from tests.comments.helpers import SAME_ORIGIN, comment_data, post_url, vote_data, vote_url


@pytest.fixture
def failing_purge():
    def purge(**kwargs):
        raise ConnectionError("the database went away after the commit")

    thread_changed.connect(purge, dispatch_uid="test-failing-purge")
    yield
    thread_changed.disconnect(dispatch_uid="test-failing-purge")


def test_a_saved_comment_is_answered_as_saved_when_an_after_commit_step_fails(
    client, article, post_mode, failing_purge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(article), comment_data(article), headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED).count() == 1


def test_a_saved_vote_is_answered_as_saved_when_an_after_commit_step_fails(
    client, article, failing_purge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(vote_url(article), vote_data(article, "yes"), headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert ArticleVote.objects.filter(article=article).count() == 1
