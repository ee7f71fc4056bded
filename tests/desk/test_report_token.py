"""The readers' report form carries the signed, non-personal form token the comment and vote forms
carry: a report without the token its page gave out is refused, and nothing the reader chose is lost."""

import html
import re
import time

import pytest
from django.conf import settings

from serai.comments.forms import form_token_age, issue_form_token
from serai.moderation.models import Report
from tests.comments.helpers import SAME_ORIGIN, report_url
from tests.moderation.factories import article_with_thread, clause, post

pytestmark = pytest.mark.django_db
EXPIRED = "This form had expired, so your report was not sent."
NOTE = "It gives out my neighbour's phone number."


def hidden_token(page: str) -> str:
    return html.unescape(re.search(r'<input type="hidden" name="token" value="([^"]*)"', page).group(1))


def checked_clause(page: str) -> str | None:
    """The value of the radio button the page shows chosen, if any."""
    for tag in re.findall(r'<input type="radio"[^>]*>', page):
        if " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def _forged(comment) -> str:
    """A real token with its signature changed: the article and time inside are no longer vouched for."""
    token = issue_form_token(comment.article_id)
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def _other_articles(comment) -> str:
    return issue_form_token(post(article_with_thread()).article_id)


def _expired(comment) -> str:
    return issue_form_token(comment.article_id, now=time.time() - settings.SERAI_MAX_FORM_AGE - 60)


BAD_TOKENS = {
    "no token": lambda comment: None,
    "an empty token": lambda comment: "",
    "a forged token": _forged,
    "not a token at all": lambda comment: "hello",
    "another article's token": _other_articles,
    "an expired token": _expired,
}


def test_the_report_page_gives_out_a_token_for_the_comments_article(client, article):
    comment = post(article)
    token = hidden_token(client.get(report_url(comment)).content.decode())
    assert 0 <= form_token_age(token, article.pk) < 60
    assert form_token_age(token, article.pk + 1) is None


@pytest.mark.parametrize("case", BAD_TOKENS)
def test_a_report_without_its_pages_token_is_refused_and_keeps_the_readers_answers(client, article, case):
    comment = post(article)
    chosen = clause(4)
    data = {"clause": chosen.pk, "note": NOTE}
    token = BAD_TOKENS[case](comment)
    if token is not None:
        data["token"] = token
    response = client.post(report_url(comment), data, headers=SAME_ORIGIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert EXPIRED in page and "send the report again" in page
    assert not Report.objects.exists()
    # Nothing is lost: the clause still chosen, the note still written, a fresh token to send them with.
    assert checked_clause(page) == str(chosen.pk)
    assert html.escape(NOTE) in page
    fresh = hidden_token(page)
    assert fresh != token and form_token_age(fresh, article.pk) is not None
    again = {"clause": checked_clause(page), "note": NOTE, "token": fresh}
    assert client.post(report_url(comment), again, headers=SAME_ORIGIN).status_code == 303
    report = Report.objects.get()
    assert (report.comment, report.clause, report.note) == (comment, chosen, NOTE)


def test_an_expired_token_refusal_keeps_something_else_and_its_words(client, article):
    comment = post(article)
    data = {"clause": "other", "note": NOTE, "token": _expired(comment)}
    page = client.post(report_url(comment), data, headers=SAME_ORIGIN).content.decode()
    assert EXPIRED in page
    assert checked_clause(page) == "other" and html.escape(NOTE) in page


def test_a_token_just_within_the_age_limit_is_accepted(client, article):
    comment = post(article)
    token = issue_form_token(article.pk, now=time.time() - settings.SERAI_MAX_FORM_AGE + 60)
    data = {"clause": "other", "note": NOTE, "token": token}
    assert client.post(report_url(comment), data, headers=SAME_ORIGIN).status_code == 303
    assert Report.objects.count() == 1


def test_a_report_with_the_pages_token_is_accepted(client, article):
    comment = post(article)
    token = hidden_token(client.get(report_url(comment)).content.decode())
    data = {"clause": clause(2).pk, "token": token}
    response = client.post(report_url(comment), data, headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert Report.objects.get().clause == clause(2)


def test_a_refused_report_says_what_was_wrong_with_the_token_and_the_answers_together(client, article):
    comment = post(article)
    page = client.post(report_url(comment), {"note": ""}, headers=SAME_ORIGIN).content.decode()
    assert EXPIRED in page and "Choose what is wrong." in page


def test_the_refusal_is_translated(client, article):
    comment = post(article)
    url = report_url(comment).replace("/en/", "/ru/", 1)
    response = client.post(url, {"clause": "other", "note": NOTE}, headers=SAME_ORIGIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert EXPIRED not in page
    assert "Срок действия формы истёк" in page
