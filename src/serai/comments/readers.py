"""What we remember about a reader, in signed cookies only: their own recent comments and votes.

Nothing here identifies a person: the comment cookie lists (story, comment) id pairs, the vote
cookie a random key and the stories voted on. A story is named by its original edition's id
(`serai.comments.models.story_id`): its editions share one conversation. An article page differs
for a reader only when one of these cookies names the article's story; every other page, and every
other reader, gets the shared, cached page (see `articles_named`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest

from serai.core.params import parse_id

OWN_COOKIE = "serai_mine"
VOTE_COOKIE = "serai_votes"
OWN_SALT = "serai.comments.own"
VOTE_SALT = "serai.comments.votes"
OWN_MAX = 30
OWN_AGE = 7 * 24 * 3600
VOTE_AGE = 365 * 24 * 3600


def _cookie_kwargs(max_age: int) -> dict:
    return {"max_age": max_age, "httponly": True, "samesite": "Lax", "secure": settings.SESSION_COOKIE_SECURE}


def _own_pairs(raw: str) -> list[tuple[int, int]]:
    pairs = []
    for item in raw.split(","):
        article_id, _colon, comment_id = (parse_id(part) for part in item.partition(":"))
        if article_id is not None and comment_id is not None:
            pairs.append((article_id, comment_id))
    return pairs[:OWN_MAX]


def _own(request) -> list[tuple[int, int]]:
    return _own_pairs(request.get_signed_cookie(OWN_COOKIE, default="", salt=OWN_SALT, max_age=OWN_AGE))


def own_comment_ids(request) -> list[int]:
    return [comment_id for _article, comment_id in _own(request)]


def remember_comment(request, response, comment) -> None:
    pairs = [(comment.story_id, comment.pk), *[p for p in _own(request) if p[1] != comment.pk]][:OWN_MAX]
    value = ",".join(f"{a}:{c}" for a, c in pairs)
    response.set_signed_cookie(OWN_COOKIE, value, salt=OWN_SALT, **_cookie_kwargs(OWN_AGE))


def is_own(request, comment_id: int) -> bool:
    return comment_id in own_comment_ids(request)


def articles_named(cookies: dict[str, str]) -> set[int]:
    """Stories (their original editions' ids) whose every edition's page this reader sees
    differently (their own comments, their vote).

    Works on raw cookies, before any request object exists, so a cached page can be served to
    a reader whose cookies concern other articles. Forged or expired cookies name nothing.
    """
    named: set[int] = set()
    holder = HttpRequest()  # Django's own signed-cookie reading, without a real request
    holder.COOKIES = cookies
    for name, salt, max_age in ((OWN_COOKIE, OWN_SALT, OWN_AGE), (VOTE_COOKIE, VOTE_SALT, VOTE_AGE)):
        if not cookies.get(name):
            continue
        raw = holder.get_signed_cookie(name, default="", salt=salt, max_age=max_age)
        if name == OWN_COOKIE:
            named.update(article_id for article_id, _comment in _own_pairs(raw))
        else:
            named.update(_parse_votes(raw)[1])
    return named


def _votes(request) -> tuple[str, dict[int, str]]:
    return _parse_votes(request.get_signed_cookie(VOTE_COOKIE, default="", salt=VOTE_SALT, max_age=VOTE_AGE))


def _parse_votes(raw: str) -> tuple[str, dict[int, str]]:
    key, _sep, rest = raw.partition("|")
    votes = {}
    for item in rest.split(",") if rest else []:
        raw_id, _colon, answer = item.partition(":")
        article_id = parse_id(raw_id)
        if article_id is not None and answer in ("y", "n"):
            votes[article_id] = answer
    return key, votes


def voter_key(request) -> str:
    key, _votes_ = _votes(request)
    return key if len(key) == 32 else secrets.token_hex(16)


def vote_of(request, story: int) -> str | None:
    return _votes(request)[1].get(story)


def remember_vote(request, response, key: str, story: int, liked: bool) -> None:
    _old_key, votes = _votes(request)
    votes[story] = "y" if liked else "n"
    recent = list(votes.items())[-200:]
    value = key + "|" + ",".join(f"{a}:{v}" for a, v in recent)
    response.set_signed_cookie(VOTE_COOKIE, value, salt=VOTE_SALT, **_cookie_kwargs(VOTE_AGE))
