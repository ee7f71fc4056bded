"""Settings that fail at start with a sentence; ids from readers that never answer 500; the form
note that says what the thread's moderation does."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from serai.comments.apps import check_site_mode
from serai.comments.models import Comment
from tests.comments.helpers import CommentFactory, page, post_comment

HOSTILE = ["²", "١٢", "99999999999999999999999", "-1", "0", "1e3", "", "abc", "(a+)+b"]


@pytest.mark.parametrize("mode", ["pre", "post", "closed"])
def test_the_three_site_modes_are_accepted(mode):
    check_site_mode(mode)


@pytest.mark.parametrize("mode", ["psot", "Post", "inherit", ""])
def test_a_mistyped_site_mode_stops_the_start_with_a_sentence(settings, mode):
    settings.SERAI_COMMENTS_MODE = mode
    with pytest.raises(
        ImproperlyConfigured, match="SERAI_COMMENTS_MODE .* set it to one of pre, post, closed"
    ):
        apps.get_app_config("comments").ready()


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_root_reads_as_no_root(client, article, value):
    CommentFactory(article=article, text="Shown on the first page.")
    assert "Shown on the first page." in page(client, article, f"?root={value}")


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_parent_is_refused_with_a_sentence(client, article, value):
    response = post_comment(client, article, parent=value)
    if value in ("", "0"):
        assert response.status_code in (303, 400)
    else:
        assert response.status_code == 400
        assert "not available any more" in response.content.decode()
    assert Comment.objects.filter(parent__isnull=False).count() == 0


def test_the_form_note_says_what_a_post_moderated_thread_does(client, article, settings):
    settings.SERAI_COMMENTS_MODE = "post"
    body = page(client, article)
    assert "Moderators review comments after they appear." in body
    assert "checked by moderators before they appear" not in body


def test_the_form_note_on_a_pre_moderated_thread(client, article):
    assert "Comments are checked by moderators before they appear." in page(client, article)
