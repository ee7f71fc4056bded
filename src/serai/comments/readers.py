"""What we remember about a reader, in signed cookies only: their own recent comments and votes.

Nothing here identifies a person: the comment cookie lists comment ids, the vote cookie a random
key and the articles voted on. Pages for readers without these cookies stay cacheable for all.
"""

from __future__ import annotations

import secrets

from django.conf import settings

OWN_COOKIE = "serai_mine"
VOTE_COOKIE = "serai_votes"
OWN_SALT = "serai.comments.own"
VOTE_SALT = "serai.comments.votes"
OWN_MAX = 30
OWN_AGE = 7 * 24 * 3600
VOTE_AGE = 365 * 24 * 3600


def _cookie_kwargs(max_age: int) -> dict:
    return {"max_age": max_age, "httponly": True, "samesite": "Lax", "secure": settings.SESSION_COOKIE_SECURE}


def own_comment_ids(request) -> list[int]:
    raw = request.get_signed_cookie(OWN_COOKIE, default="", salt=OWN_SALT, max_age=OWN_AGE)
    return [int(x) for x in raw.split(",") if x.isdigit()][:OWN_MAX]


def remember_comment(request, response, comment_id: int) -> None:
    ids = [comment_id, *[i for i in own_comment_ids(request) if i != comment_id]][:OWN_MAX]
    response.set_signed_cookie(OWN_COOKIE, ",".join(map(str, ids)), salt=OWN_SALT, **_cookie_kwargs(OWN_AGE))


def is_own(request, comment_id: int) -> bool:
    return comment_id in own_comment_ids(request)


def _votes(request) -> tuple[str, dict[int, str]]:
    raw = request.get_signed_cookie(VOTE_COOKIE, default="", salt=VOTE_SALT, max_age=VOTE_AGE)
    key, _sep, rest = raw.partition("|")
    votes = {}
    for item in rest.split(",") if rest else []:
        article_id, _colon, answer = item.partition(":")
        if article_id.isdigit() and answer in ("y", "n"):
            votes[int(article_id)] = answer
    return key, votes


def voter_key(request) -> str:
    key, _votes_ = _votes(request)
    return key if len(key) == 32 else secrets.token_hex(16)


def vote_of(request, article_id: int) -> str | None:
    return _votes(request)[1].get(article_id)


def remember_vote(request, response, key: str, article_id: int, liked: bool) -> None:
    _old_key, votes = _votes(request)
    votes[article_id] = "y" if liked else "n"
    recent = list(votes.items())[-200:]
    value = key + "|" + ",".join(f"{a}:{v}" for a, v in recent)
    response.set_signed_cookie(VOTE_COOKIE, value, salt=VOTE_SALT, **_cookie_kwargs(VOTE_AGE))


def has_reader_cookies(request) -> bool:
    return OWN_COOKIE in request.COOKIES or VOTE_COOKIE in request.COOKIES
