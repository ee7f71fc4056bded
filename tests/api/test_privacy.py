"""No email, address or address hash in anything the API answers."""

from __future__ import annotations

import pytest

from serai.comments.models import ArticleVote, Comment
from serai.comments.services import comment_set_status
from tests.api.conftest import API, article_path, comment_body, old_token, post_json
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ADDRESSES = ["203.0.113.77", "2001:db8::1234"]
EMAILS = ["aliya.private@example.org", "Timur.Hidden@example.net"]


def _every_read(client, article, russian) -> list[tuple[str, bytes]]:
    paths = [f"{API}/editions", f"{API}/openapi.json", f"{API}/en/report-reasons"]
    for edition in (article, russian):
        base = article_path(edition)
        paths += [
            f"{API}/{edition.language}/sections",
            f"{API}/{edition.language}/articles",
            f"{API}/{edition.language}/authors/{edition.bylines.first().author.slug}",
            base,
            base + "/comments",
            base + "/comments?order=oldest",
        ]
    answers = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        answers.append((path, response.content))
    return answers


def test_no_read_shows_an_email_an_address_or_its_hash(client, article, post_mode, clause):
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    for n, (email, address) in enumerate(zip(EMAILS, ADDRESSES, strict=True)):
        for edition in (article, russian):
            body = comment_body(edition, email=email, author_name=f"Reader {n}")
            response = post_json(client, article_path(edition) + "/comments", body, REMOTE_ADDR=address)
            assert response.status_code == 201
            assert email not in response.content.decode() and address not in response.content.decode()
        vote = {"answer": "yes", "token": old_token(article)}
        post_json(client, article_path(article) + "/vote", vote, REMOTE_ADDR=address)
    removed = Comment.objects.order_by("pk").first()
    post_json(client, article_path(article) + "/comments", comment_body(article, parent_id=removed.pk))
    comment_set_status(comment=removed, status=Comment.Status.REMOVED, clause=clause)
    hashes = {c.ip_hash for c in Comment.objects.all()} | {v.ip_hash for v in ArticleVote.objects.all()}
    assert all(hashes) and Comment.objects.filter(status="published").count() == 4
    secrets_ = [*EMAILS, *(e.lower() for e in EMAILS), *ADDRESSES, *hashes]
    for path, body in _every_read(client, article, russian):
        text = body.decode()
        assert not [s for s in secrets_ if s in text], path
        if "openapi" not in path:
            assert "@" not in text, path
