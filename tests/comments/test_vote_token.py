"""The vote form carries the signed form token, and a vote without a good one is refused."""

import time

import pytest

from serai.comments.forms import issue_form_token
from serai.comments.models import ArticleVote
from tests.comments.helpers import SAME_ORIGIN, page, vote_url
from tests.factories import ArticleFactory


def test_the_feedback_form_carries_a_token_for_its_article(client, article):
    body = page(client, article)
    form = body[body.index('class="feedback-form"') :]
    assert 'name="token" value="' in form[: form.index("</form>")]


@pytest.mark.parametrize(
    "token",
    ["", "forged", "other-article", "days-old"],
)
def test_a_vote_without_a_good_token_is_refused(client, article, token, settings):
    tokens = {
        "other-article": issue_form_token(ArticleFactory().pk),
        "days-old": issue_form_token(article.pk, now=time.time() - settings.SERAI_MAX_FORM_AGE - 60),
    }
    response = client.post(
        vote_url(article), {"liked": "yes", "token": tokens.get(token, token)}, headers=SAME_ORIGIN
    )
    assert response.status_code == 400
    assert "Reload it and answer again" in response.content.decode()
    assert not ArticleVote.objects.exists()
