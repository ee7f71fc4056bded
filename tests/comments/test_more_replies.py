"""A comment with many replies shows the first few and links to all of them."""

import pytest

from serai.comments import selectors, services
from serai.comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _publish(article, text, parent=None):
    comment = services.comment_post(
        article=article, parent=parent, author_name="Reader", email="r@example.org", text=text, form_age=30
    )
    return services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


def test_a_long_branch_is_cut_with_a_link_to_the_rest(client):
    article = ArticleFactory()
    root = _publish(article, "The first word")
    for n in range(selectors.REPLIES_PER_ROOT + 3):
        _publish(article, f"Reply number {n:02d}", parent=root)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Reply number 00" in page
    assert f"Reply number {selectors.REPLIES_PER_ROOT + 2:02d}" not in page
    assert f'href="?root={root.pk}#comment-{root.pk}"' in page
    everything = client.get(article.get_absolute_url() + f"?root={root.pk}").content.decode()
    for n in range(selectors.REPLIES_PER_ROOT + 3):
        assert f"Reply number {n:02d}" in everything
    assert "All comments" in everything


def test_a_tampered_root_parameter_is_harmless(client):
    article = ArticleFactory()
    for value in ("abc", "-1", "9" * 30, "0"):
        assert client.get(article.get_absolute_url() + f"?root={value}").status_code == 200
