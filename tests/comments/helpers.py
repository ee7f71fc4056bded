"""Shared helpers for the conversation tests: posting like a browser, and reading the HTML back."""

from __future__ import annotations

import itertools
import re
import time
from html.parser import HTMLParser

import factory
from django.utils import timezone

from serai.comments import services
from serai.comments import text as comment_text
from serai.comments.forms import issue_form_token
from serai.comments.models import Comment
from tests.factories import ArticleFactory

ORIGIN = "http://testserver"
SAME_ORIGIN = {"Origin": ORIGIN}
JSON = {"Origin": ORIGIN, "Accept": "application/json"}
OWN_SCRIPT = "/static/comments/conversation.js"


def post_url(article) -> str:
    return f"/en/comments/{article.pk}/post/"


def vote_url(article) -> str:
    return f"/en/comments/{article.pk}/vote/"


def reply_url(article, comment) -> str:
    return f"/en/comments/{article.pk}/reply/{comment.pk}/"


def vote_data(article, answer: str = "yes") -> dict:
    """What the feedback form sends: the answer and the signed form token the page gave out."""
    return {"liked": answer, "token": issue_form_token(article.pk)}


def report_url(comment) -> str:
    return f"/en/moderation/report/{comment.pk}/"


def report_data(comment, **fields) -> dict:
    """What the report form sends: the reader's answers and the token made for the comment's article."""
    return {"token": issue_form_token(comment.article_id), **fields}


_serial = itertools.count(1)


def comment_data(
    article, *, text=None, name="Aigerim", email="aigerim@example.org", parent=None, **extra
) -> dict:
    """What the comment form sends: a token issued ten seconds ago, the honeypot left empty.

    The default text differs on every call, so the duplicate and flood rules never hold it.
    """
    if text is None:
        text = f"I read this twice and learnt something new, note {next(_serial)}."
    data = {
        "author_name": name,
        "email": email,
        "text": text,
        "token": issue_form_token(article.pk, now=time.time() - 10),
        "website": "",
    }
    if parent is not None:
        data["parent"] = getattr(parent, "pk", parent)
    data.update(extra)
    return data


def post_comment(client, article, *, headers=None, remote_addr=None, **fields):
    """POST the comment form the way a browser on our page does (same Origin)."""
    kwargs = {}
    if remote_addr:
        kwargs["REMOTE_ADDR"] = remote_addr
    return client.post(
        post_url(article),
        comment_data(article, **fields),
        headers=SAME_ORIGIN if headers is None else headers,
        **kwargs,
    )


def page(client, article, query: str = "", **kwargs) -> str:
    response = client.get(article.get_absolute_url() + query, **kwargs)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment stored the way the services store it: root, depth, rendered text and counters.

    CommentFactory(parent=c) is a reply; status= any Comment.Status (published by default);
    clause= a PolicyClause for rejected/removed comments.
    """

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    parent = None
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    text = factory.Sequence(lambda n: f"Comment number {n}, with a view of its own.")
    status = Comment.Status.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status")
        clause = kwargs.pop("clause", None)
        parent = kwargs.get("parent")
        if parent is not None:
            kwargs["article"] = parent.article
            kwargs["depth"] = parent.depth + 1
            kwargs["root_id"] = parent.root_id or parent.pk
        services.thread_for(article=kwargs["article"])
        kwargs.setdefault("text_html", comment_text.render(kwargs["text"]))
        comment = model_class.objects.create(*args, status=Comment.Status.PENDING, **kwargs)
        if status != Comment.Status.PENDING:
            services.comment_set_status(comment=comment, status=status, clause=clause)
        comment.refresh_from_db()
        return comment


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def start_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")


def unsafe_markup(html: str) -> list[str]:
    """Markup in a page that could run script: any <script> but our own file, any on…= handler,
    and any javascript:/vbscript:/data: address in an attribute that takes a URL. Structured data
    (JSON-LD) is a data block, never run: text that broke out of it would open a <script> of its
    own, found here."""
    problems = []
    for tag, attrs in start_tags(html):
        values = dict(attrs)
        data_block = values.get("type") == "application/ld+json" and "src" not in values
        if tag == "script" and values.get("src") != OWN_SCRIPT and not data_block:
            problems.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset"):
            problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"):
                scheme = _SCHEME_NOISE.sub("", value or "").lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")):
                    problems.append(f"<{tag} {name}={value!r}>")
    return problems


def comment_ids_in_order(html: str) -> list[int]:
    """Ids of the comments on a page, in the order a reader meets them."""
    return [int(m) for m in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', html)]


def comment_block(html: str, pk: int) -> str:
    """The HTML of one comment (its <article> element); empty when it is not on the page."""
    match = re.search(rf'<article class="comment[^"]*" id="comment-{pk}".*?</article>', html, re.S)
    return match.group(0) if match else ""


def indent_of(html: str, pk: int) -> int:
    match = re.search(rf'<article class="comment[^"]*" id="comment-{pk}" data-indent="(\d+)"', html)
    assert match, f"comment {pk} is not on the page"
    return int(match.group(1))


def counter_text(html: str) -> str:
    match = re.search(r'<span class="counter[^"]*" id="comment-counter"[^>]*>([^<]*)</span>', html)
    assert match, "no character counter on the page"
    return match.group(1)


def error_texts(html: str) -> list[str]:
    """The text of every error shown to the reader (role="alert")."""
    found = []
    for match in re.finditer(r'<(\w+)[^>]*role="alert"[^>]*>(.*?)</\1>', html, re.S):
        found.append(re.sub(r"<[^>]+>", " ", match.group(2)).strip())
    return [f for f in found if f]
