"""Writes through the same forms, services and moderation pipeline as the article page.

Each endpoint fills the page's own form (CommentForm, VoteForm, ReportForm) with what the client
sent, so the same checks run (length in characters, name, email, the comment replied to, the
signed form token), then calls the same service with the reader's address as
`serai.core.addresses.client_ip` believes it, hashed by the service (never stored raw).

What the page remembers in cookies (who voted, who reported) the API cannot: a client without
cookies is known by its address's rotating hash, so one address gives one vote per story through
the API and one report per comment, besides the limits every reader has (SERAI_VOTES_PER_ADDRESS,
the pipeline's rate limit).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from serai.api import schemas
from serai.api.problems import Problem
from serai.comments import services, votes
from serai.comments.forms import TOKEN_SALT, CommentForm, VoteForm, issue_form_token
from serai.comments.models import Comment
from serai.core.addresses import client_ip, ip_hash
from serai.desk import services as desk
from serai.desk.forms import ReportForm
from serai.moderation.privacy import reader_key_hash
from serai.newsroom.models import Article
from serai.newsroom.selectors import story_editions

FIELD_NAMES = {"parent": "parent_id", "liked": "answer", "clause": "clause_id", "__all__": "body"}


def _form_problem(form) -> Problem:
    errors = {
        FIELD_NAMES.get(field, field): [str(m) for m in messages] for field, messages in form.errors.items()
    }
    first = next(iter(m for messages in errors.values() for m in messages))
    return Problem(422, first, kind="invalid", errors=errors)


def token(article) -> schemas.TokenOut:
    return schemas.TokenOut(
        token=issue_form_token(article.pk),
        min_seconds=settings.SERAI_MIN_FORM_SECONDS,
        max_age=settings.SERAI_MAX_FORM_AGE,
    )


def _posted_message(status: str) -> str:
    if status == Comment.Status.PUBLISHED:
        return _("Thank you. Your comment is published.")
    if status == Comment.Status.PENDING:
        return _(
            "Thank you. Your comment is awaiting moderation and will appear once a moderator approves it."
        )
    return _("Thank you. Your comment was received.")


def comment_post(request, article, payload: schemas.CommentIn) -> schemas.PostedOut:
    """The comment form, filled in by the client; the hidden field people never see (the
    honeypot) has no place in the API: it is sent empty, as a person's browser sends it."""
    data = {
        "author_name": payload.author_name,
        "email": payload.email,
        "text": payload.text,
        "parent": "" if payload.parent_id is None else str(payload.parent_id),
        "notify_replies": "on" if payload.notify_replies else "",
        "token": payload.token,
        "website": "",
    }
    form = CommentForm(data, article=article)
    if not form.is_valid():
        raise _form_problem(form)
    comment = services.comment_post(article=article, ip_address=client_ip(request), **form.post_arguments())
    status = comment.status if comment.status in ("published", "pending") else "received"
    return schemas.PostedOut(id=comment.pk, status=status, message=_posted_message(comment.status))


def _api_voter_key(request) -> str:
    """The address's rotating hash stands for the reader: no cookie remembers an API client."""
    address = ip_hash(client_ip(request))
    seed = address or secrets.token_hex(16)
    return "api-" + hashlib.blake2b(seed.encode(), digest_size=16).hexdigest()


def vote(request, article, payload: schemas.VoteIn) -> schemas.VotesOut:
    form = VoteForm({"liked": payload.answer, "token": payload.token}, article=article)
    if not form.is_valid():
        raise _form_problem(form)
    thread = votes.article_vote(
        article=article,
        liked=payload.answer == "yes",
        voter_key=_api_voter_key(request),
        ip_address=client_ip(request),
    )
    return schemas.VotesOut(liked_percent=thread.liked_percent, total=thread.votes_total)


def reasons(language: str) -> list[schemas.ReasonOut]:
    from serai.comments.selectors import policy_clauses

    clauses = sorted(policy_clauses().values(), key=lambda c: c.number)
    return [schemas.ReasonOut(id=c.pk, number=c.number, title=c.display_title(language)) for c in clauses]


def _token_edition(token_value: str, comment: Comment) -> Article:
    """The edition whose page gave out the token, when it is one of the comment's story's (a
    reader reports from the edition they read); else the comment's own, whose check then fails."""
    try:
        named = signing.loads(token_value or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        named = None
    article_id = named.get("a") if isinstance(named, dict) else None
    for edition in story_editions(comment.story_id):
        if edition.pk == article_id and edition.pk != comment.article_id:
            return edition
    return comment.article


def report(request, comment_id: int, payload: schemas.ReportIn) -> schemas.MessageOut:
    """A reader's report, as the report form sends it; reporting twice changes nothing and is
    thanked the same (as on the page: nothing to learn by trying)."""
    public = Comment.objects.visible().filter(article__in=Article.objects.public())
    comment = get_object_or_404(public.select_related("article", "article__section"), pk=comment_id)
    edition = _token_edition(payload.token, comment)
    clause = ReportForm.OTHER if payload.clause_id is None else str(payload.clause_id)
    form = ReportForm({"clause": clause, "note": payload.note, "token": payload.token}, article=edition)
    if not form.is_valid():
        raise _form_problem(form)
    address = ip_hash(client_ip(request))
    try:
        desk.comment_report(
            comment=comment,
            reporter_key=address or reader_key_hash(secrets.token_hex(16)),
            ip_hash=address,
            **form.report_arguments(),
        )
    except desk.AlreadyReported:
        pass  # the same thanks as the first time: a second report from one reader counts once
    return schemas.MessageOut(message=_("Thank you for your report"))
