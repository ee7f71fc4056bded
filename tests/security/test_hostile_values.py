"""Nothing anyone can type into a URL or a form answers 500.

Every URL pattern (the readers' pages, the moderators' pages, the whole back office) is made
concrete with real objects, then sent hostile values (Unicode digits, huge and negative numbers,
empty and plain text, regex metacharacters, NUL bytes, very long strings: tests/security/hostile.py)
in every query parameter and form field its view reads, by GET and by POST, as an anonymous reader,
an editor and a moderator. The answer may be 200, a redirect, 400, 403, 404 or 405: never 5xx.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client

from serai.comments import notifications
from serai.core.roles import ensure_roles
from serai.desk import services
from serai.moderation.models import Ban
from serai.privacy.services import link_token
from tests.factories import PageFactory, UserFactory
from tests.moderation.factories import ModeratorFactory, WordFactory, article_with_thread, clause, post
from tests.security import hostile

ROUTES = hostile.routes()
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def cases():
    for route in ROUTES:
        for param in dict.fromkeys(["*", *hostile.reads(route)]):  # "*": every generic parameter at once
            yield pytest.param(route, param, id=f"{route.label} {param}")


@dataclass
class World:
    article: object
    comment: object
    word: object
    ban: object
    page: object
    author: object
    editor: object
    moderator: object
    tokens: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Made once for the module, in a transaction rolled back at its end; each test's own changes
    (a deletion, a decision) are rolled back after it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


def make_world() -> World:
    article = article_with_thread("post")
    comment = post(article, "A measured comment about the water tariffs.", email="aigerim@example.org")
    banned = post(article, "Another comment, soon banned.", email="troll@example.org")
    editor = UserFactory(staff=True)
    editor.groups.add(ensure_roles())
    moderator = ModeratorFactory()
    services.comments_decide(comments=[banned], action="ban", moderator=moderator, clause=clause(1), days=7)
    services.comment_report(comment=comment, reporter_key="r" * 64, note="Rude.")
    tokens = {
        "email_links:confirm": notifications.confirm_token(comment),
        "email_links:stop": notifications.stop_token(comment),
        "privacy": link_token(comment),
    }
    return World(article=article, comment=comment, word=WordFactory(), ban=Ban.objects.active().get(),
                 page=PageFactory(), author=article.bylines.first().author, editor=editor,
                 moderator=moderator, tokens=tokens)  # fmt: skip


def clients(world) -> dict[str, Client]:
    """An anonymous reader, an editor and a moderator, each with their own cookies."""
    found = {}
    people = {"anonymous reader": None, "editor": world.editor, "moderator": world.moderator}
    for role, user in people.items():
        client = Client(raise_request_exception=False, **SAME_ORIGIN)
        if user is not None:
            client.force_login(user)
        found[role] = client
    return found


def requests_for(route, param: str, world):
    """(value class, data) pairs: each hostile value, in each shape the parameter takes."""
    if param == "*":
        names = hostile.GENERIC
    elif param == hostile.FORM:
        names = hostile.fields(route)
    elif param == hostile.FILTERS:
        names = hostile.filter_lookups(route)
    else:
        names = [param.lstrip("?").format(comment=world.comment.pk)]
    for klass, values in hostile.VALUES.items():
        for value in values:
            for shape in hostile.SHAPES.get(param, ["{}"]):
                yield klass, dict.fromkeys(names, shape.format(value))


def send(client, method: str, url: str, data: dict):
    query = url + "?" + urlencode(data)
    return client.get(query) if method == "GET" else client.post(query, data)


def turned_away(client, url: str, methods) -> bool:
    """Whether this person is refused at the door (sign-in page or 403) whatever they send."""
    for method in methods:
        response = send(client, method, url, {})
        login = response.status_code == 302 and "/login/" in response.get("Location", "")
        if not (login or response.status_code == 403):
            return False
    return True


TRIES: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _count_tries():
    """How many requests each class of value took, written where SERAI_HOSTILE_COUNTS names
    (docs/reliability.md quotes them)."""
    yield
    if TRIES and os.environ.get("SERAI_HOSTILE_COUNTS"):
        with open(os.environ["SERAI_HOSTILE_COUNTS"], "w") as out:
            json.dump({"total": sum(TRIES.values()), **TRIES}, out, indent=1, ensure_ascii=False)


@pytest.mark.parametrize(("route", "param"), list(cases()))
def test_no_hostile_value_answers_a_server_error(db, world, route, param):
    """Everyone gets every value on the generic parameters; the parameters a view reads are sent
    by each person it lets in (the others are refused before anything is read)."""
    url = hostile.url_for(route, world)
    failures = []
    for role, client in clients(world).items():
        if param != "*" and turned_away(client, url, hostile.methods(route, param)):
            continue
        for klass, data in requests_for(route, param, world):
            for method in hostile.methods(route, param):
                response = send(client, method, url, data)
                TRIES[klass] = TRIES.get(klass, 0) + 1
                if response.status_code >= 500:
                    failures.append(f"{role} {method} {url} {data!r:.120} -> {response.status_code}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:20])


def test_every_url_pattern_is_tried():
    """The list of routes is read from the resolver: a new page is tried without being listed."""
    names = {route.name for route in ROUTES}
    for expected in ("comments:post", "desk:log", "newsroom:article", "privacy:delete", "pages:page",
                     "admin:comments_comment_changelist", "admin:newsroom_article_change"):  # fmt: skip
        assert expected in names
    assert any(route.route == "robots.txt" for route in ROUTES)
