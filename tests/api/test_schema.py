"""The OpenAPI document against the live application: Schemathesis generates requests for every
operation from the document, sends them through the production WSGI app (page cache in front),
and checks that none is answered with a 5xx and every answer matches the document."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from serai.comments.models import Comment, CommentTranslation
from serai.comments.services import comment_set_status
from serai.wsgi import application
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
EXAMPLES = 60


@pytest.fixture
def conversation(article, clause) -> dict:
    """A story in two editions with a thread (a tombstone, replies, a translation); answers the
    real path parameters to mix into generated requests."""
    russian = ArticleFactory(language="ru", translation_of=article, section=article.section, slug="rel-ru")
    root = CommentFactory(article=article)
    reply = CommentFactory(parent=root)
    CommentFactory(parent=reply, article=russian, language="ru")
    CommentTranslation.objects.create(comment=reply, language="ru", text="Перевод", origin="human")
    comment_set_status(comment=root, status=Comment.Status.REMOVED, clause=clause)
    last = CommentFactory(article=russian, language="ru")
    return {"lang": "ru", "section": russian.section.slug, "slug": russian.slug, "comment_id": last.pk}


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_document_is_openapi_3_1_and_names_every_operation(client, keep_connection):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert len(_operations()) == sum(len(methods) for methods in document["paths"].values()) == 11


def _with_real_paths(strategy, real: dict):
    """Half the cases address what exists (generated paths nearly always miss it: a 404), with
    generated queries and bodies either way."""

    def fill(pair):
        case, use_real = pair
        if use_real and case.path_parameters:
            case.path_parameters = {k: real.get(k, v) for k, v in case.path_parameters.items()}
        return case

    return st.tuples(strategy, st.booleans()).map(fill)


def test_every_operation_answers_within_its_schema_and_never_with_a_5xx(
    conversation, post_mode, keep_connection
):
    checks = [not_a_server_error, response_schema_conformance]
    statuses: dict[str, set[int]] = {}
    for operation in _operations():

        @given(case=_with_real_paths(operation.as_strategy(), conversation))
        @hypothesis_settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case):
            # The WSGI test client does not decompress: ask for the answer as it is stored.
            response = case.call(headers={"Accept-Encoding": "identity"})
            case.validate_response(response, checks=checks)
            statuses.setdefault(case.operation.label, set()).add(response.status_code)

        check()
    assert len(statuses) == 11
    assert 200 in statuses["GET /api/v1/{lang}/articles/{section}/{slug}/comments"]
