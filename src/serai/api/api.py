"""The JSON API under /api/v1/: thin endpoints that parse, call one read or write, and answer.

Reads go through the page cache as pages do (`serai.core.pagecache`): marked cacheable, and the
story's generation read before its data, so a comment, an edit or a moderator's decision anywhere
in the story's conversation drops the answer with the page, and a cached answer costs what a
cached page costs (ETag and 304 included). Writes are never cached.

No cookie or session authenticates anything here (the API knows no user: a comment posted
through it is a reader's, never staff's), so there is nothing a cross-site request could ride on,
and CSRF checks are off for it; what a browser does add by itself, its address, is guarded by
refusing writes sent from other sites' pages (`serai.api.urls.from_another_site`, docs/api.md).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Path, Query, Status
from ninja.router import Router
from pydantic import Field

from serai.api import problems, reads, schemas, thread, writes
from serai.core import pagecache
from serai.newsroom.selectors import article_for_conversation

P = schemas.ProblemOut
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# Path parameters: an edition's code and slugs as Django's SlugField allows them; anything else
# (a NUL byte, a slash) is a 422 problem before it reaches a query.
Lang = Annotated[str, Path(pattern=r"^[a-z]{2,8}$")]
Slug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=200)]
READ_ERRORS = {400: P, 404: P, 422: P, 500: P}
WRITE_ERRORS = {403: P, 404: P, 409: P, 422: P, 500: P}


class SeraiAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Problems are documented as `application/problem+json`, as they are sent."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {problems.CONTENT_TYPE: content.pop("application/json")}
        return schema


api = SeraiAPI(
    title="Serai API",
    version="1",
    description="Read the newsroom's editions and a story's conversation; write to it (docs/api.md).",
    urls_namespace="api",
    docs_url=None,
)
problems.register(api)
router = Router()


def _shared(request) -> None:
    """The answer is the same for every client: keep it with the site's generation."""
    pagecache.cacheable(request)


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


@router.get("/editions", response={200: list[schemas.EditionOut], 500: P}, tags=["newsroom"])
def editions(request):
    _shared(request)
    return reads.editions()


@router.get("/{lang}/sections", response={200: list[schemas.SectionOut], **READ_ERRORS}, tags=["newsroom"])
def sections(request, lang: Lang):
    _shared(request)
    return reads.sections(reads.edition(lang))


@router.get("/{lang}/authors/{slug}", response={200: schemas.AuthorOut, **READ_ERRORS}, tags=["newsroom"])
def author(request, lang: Lang, slug: Slug):
    reads.edition(lang)
    _shared(request)
    return reads.author(slug)


class ArticleQuery(schemas.Schema):
    section: str | None = Field(None, pattern=SLUG_PATTERN, max_length=200)
    author: str | None = Field(None, pattern=SLUG_PATTERN, max_length=200)
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(20, ge=1, le=reads.MAX_LIMIT)


@router.get("/{lang}/articles", response={200: schemas.ArticlePage, **READ_ERRORS}, tags=["newsroom"])
def articles(request, lang: Lang, query: Query[ArticleQuery]):
    language = reads.edition(lang)
    _shared(request)
    return reads.articles(language=language, **query.dict())


def _story_article(request, lang: Lang, section: Slug, slug: Slug):
    """The article, its story's generation read first (as the article page reads it)."""
    language = reads.edition(lang)
    pagecache.depend(request, pagecache.story_key(language, slug))
    return reads.article(language=language, section=section, slug=slug)


@router.get(
    "/{lang}/articles/{section}/{slug}", response={200: schemas.ArticleOut, **READ_ERRORS}, tags=["newsroom"]
)
def article(request, lang: Lang, section: Slug, slug: Slug):
    found = _story_article(request, lang, section, slug)
    _shared(request)
    return reads.article_out(found)


class ThreadQuery(schemas.Schema):
    order: Literal["newest", "oldest"] = "newest"
    cursor: str | None = Field(None, max_length=200)
    root: int | None = Field(None, ge=1, le=2**63 - 1, description="One comment with all its replies.")


@router.get(
    "/{lang}/articles/{section}/{slug}/comments",
    response={200: schemas.ThreadPageOut, **READ_ERRORS},
    tags=["conversation"],
)
def comments(request, lang: Lang, section: Slug, slug: Slug, query: Query[ThreadQuery]):
    found = _story_article(request, lang, section, slug)
    _shared(request)
    return thread.thread_out(article=found, order=query.order, cursor=query.cursor, root_id=query.root)


def _open_article(request, lang, section, slug):
    """The article as posting reads it (with its conversation settings); nothing cached."""
    found = reads.article(language=reads.edition(lang), section=section, slug=slug)
    return article_for_conversation(found.pk)


@router.get(
    "/{lang}/articles/{section}/{slug}/comments/token",
    response={200: schemas.TokenOut, **READ_ERRORS},
    tags=["conversation"],
)
def comment_token(request, lang: Lang, section: Slug, slug: Slug, response: HttpResponse):
    _private(response)
    return writes.token(_open_article(request, lang, section, slug))


@router.post(
    "/{lang}/articles/{section}/{slug}/comments",
    response={201: schemas.PostedOut, **WRITE_ERRORS},
    tags=["conversation"],
)
def comment_post(request, lang: Lang, section: Slug, slug: Slug, payload: schemas.CommentIn):
    return Status(201, writes.comment_post(request, _open_article(request, lang, section, slug), payload))


@router.post(
    "/{lang}/articles/{section}/{slug}/vote",
    response={200: schemas.VotesOut, **WRITE_ERRORS},
    tags=["conversation"],
)
def vote(request, lang: Lang, section: Slug, slug: Slug, payload: schemas.VoteIn):
    return writes.vote(request, _open_article(request, lang, section, slug), payload)


@router.get(
    "/{lang}/report-reasons", response={200: list[schemas.ReasonOut], **READ_ERRORS}, tags=["conversation"]
)
def report_reasons(request, lang: Lang):
    language = reads.edition(lang)
    _shared(request)
    return writes.reasons(language)


@router.post(
    "/comments/{comment_id}/report", response={202: schemas.MessageOut, **WRITE_ERRORS}, tags=["conversation"]
)
def report(request, payload: schemas.ReportIn, comment_id: int = Path(..., ge=1, le=2**63 - 1)):
    return Status(202, writes.report(request, comment_id, payload))


api.add_router("", router)
