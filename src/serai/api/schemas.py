"""What the API takes and gives, field by field: nothing is read from or written to a client that
is not named here (STYLE.md: every JSON boundary allow-lists its fields). Input refuses unknown
fields (422 with the field named), so a client's typo is never silently dropped. No schema has a
place for an email address, an address, its hash, a user or a moderation field on the way out."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ProblemOut(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


class EditionOut(Schema):
    language: str
    name: str
    tagline: str
    url: str


class SectionOut(Schema):
    slug: str
    name: str
    description: str
    url: str


class AuthorRef(Schema):
    slug: str
    name: str


class AuthorOut(AuthorRef):
    bio: str
    url: str


class ArticleSummary(Schema):
    id: int
    story: int = Field(description="The story's id: its editions share one conversation.")
    language: str
    section: str
    slug: str
    headline: str
    standfirst: str
    published_at: datetime | None
    revised_at: datetime | None
    authors: list[AuthorRef]
    url: str


class EditionRef(Schema):
    language: str
    headline: str
    url: str


class ArticleOut(ArticleSummary):
    dateline: str
    body_html: str
    update_note: str
    correction_note: str
    editions: list[EditionRef]
    comments_open: bool


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None


class TranslationOut(Schema):
    language: str
    text: str
    text_html: str
    machine: bool


class CommentOut(Schema):
    id: int
    parent_id: int | None
    status: Literal["published", "removed"]
    author_name: str | None
    text: str | None
    text_html: str | None
    language: str
    created_at: datetime
    edited_at: datetime | None
    reply_count: int
    translation: TranslationOut | None
    replies: list[CommentOut] = Field(
        default_factory=list, description="Replies in reading order (top-level comments only)."
    )
    more_replies: bool = False


class VotesOut(Schema):
    liked_percent: int | None
    total: int


class ThreadPageOut(Schema):
    story: int
    order: Literal["newest", "oldest"]
    count: int = Field(description="Published comments in the story's conversation.")
    comments_open: bool
    votes: VotesOut
    items: list[CommentOut]
    next_cursor: str | None


class TokenOut(Schema):
    token: str
    min_seconds: int = Field(description="Comments sent sooner after the token was issued are held.")
    max_age: int = Field(description="Seconds the token is accepted for.")


class CommentIn(Strict):
    author_name: str = Field(max_length=80)
    email: str = Field(max_length=254, description="Never shown; only for the replies asked for.")
    text: str
    parent_id: int | None = Field(None, ge=1, le=2**63 - 1)
    notify_replies: bool = False
    token: str = Field(max_length=500, description="From GET …/comments/token")


class PostedOut(Schema):
    id: int
    status: Literal["published", "pending", "received"]
    message: str


class VoteIn(Strict):
    answer: Literal["yes", "no"]
    token: str = Field(max_length=500)


class ReasonOut(Schema):
    id: int
    number: int
    title: str


class ReportIn(Strict):
    clause_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="A reason's id; none: explain in `note`."
    )
    note: str = Field("", max_length=500)
    token: str = Field(max_length=500)


class MessageOut(Schema):
    message: str
