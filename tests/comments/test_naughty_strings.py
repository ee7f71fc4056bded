"""Every line of the Big List of Naughty Strings, as comment text and as the author's name.

Posted through the HTTP endpoint in post-moderated mode, each one is either stored and shown
escaped on the article page, or refused with 400 and an error the reader can read; never a 500.
"""

import pytest
from django.core.cache import cache
from django.utils.html import escape

from serai.comments.models import Comment
from serai.comments.text import normalise
from tests.comments.helpers import comment_data, error_texts, post_url, start_tags, unsafe_markup
from tests.security.payloads import blns_lines

LINES = blns_lines()


@pytest.fixture
def naughty_settings(settings):
    settings.SERAI_COMMENTS_MODE = "post"
    settings.SERAI_COMMENTS_PER_PAGE = len(LINES) + 10


def _post_all(client, article, field: str) -> tuple[dict[str, int], list[str]]:
    """Post each line; return {line: comment id} for stored ones, and every problem found."""
    stored: dict[str, int] = {}
    problems: list[str] = []
    for i, line in enumerate(LINES):
        cache.clear()
        data = comment_data(article, email=f"naughty{i}@example.org")
        if field == "text":
            data["text"] = line
        else:
            data["author_name"] = line
            data["text"] = f"A comment with an unusual name, number {i}."
        try:
            response = client.post(
                post_url(article),
                data,
                headers={"Origin": "http://testserver"},
                REMOTE_ADDR=f"198.51.{i // 250}.{i % 250 + 1}",
            )
        except Exception as exc:  # the test client re-raises what would be a 500
            problems.append(f"line {i} {line!r}: {type(exc).__name__}: {exc}")
            continue
        if response.status_code == 303:
            stored[line] = Comment.objects.latest("pk").pk
        elif response.status_code == 400:
            errors = error_texts(response.content.decode())
            if not errors:
                problems.append(f"line {i} {line!r}: 400 without a readable error")
        else:
            problems.append(f"line {i} {line!r}: status {response.status_code}")
    return stored, problems


def _check_page(client, article, stored: dict[str, int], field: str) -> list[str]:
    problems = []
    body = client.get(article.get_absolute_url()).content.decode()
    problems += [f"unsafe markup on the article page: {p}" for p in unsafe_markup(body)]
    comments = Comment.objects.in_bulk(stored.values())
    for line, pk in stored.items():
        comment = comments[pk]
        if comment.status != Comment.Status.PUBLISHED:
            continue  # held by a rule (duplicate, suspect word): not shown, nothing to check
        shown = comment.author_name if field == "name" else comment.text
        expected = normalise(line) if field == "text" else normalise(line.strip()).replace("\n", " ")
        if shown != expected:
            problems.append(f"{line!r} was stored as {shown!r}")
        if f'id="comment-{pk}"' not in body:
            problems.append(f"{line!r}: published comment {pk} is not on the page")
        if field == "text":
            if comment.text_html not in body:
                problems.append(f"{line!r}: its rendered text is not on the page")
            for tag, attrs in start_tags(comment.text_html):
                names = {name for name, _value in attrs}
                if tag not in ("p", "br", "a") or names - {"href", "rel"}:
                    problems.append(f"{line!r}: rendered with <{tag} {attrs}>")
        elif f'<span class="comment-author" id="comment-{pk}-by">{escape(shown)}</span>' not in body:
            problems.append(f"{line!r}: the name is not shown escaped")
    return problems


@pytest.mark.django_db
def test_every_naughty_string_as_comment_text(client, article, naughty_settings):
    stored, problems = _post_all(client, article, "text")
    problems += _check_page(client, article, stored, "text")
    assert not problems, "\n".join(problems)
    # Most lines are ordinary text to us and must be accepted, not refused wholesale.
    assert len(stored) > 0.9 * len(LINES)


@pytest.mark.django_db
def test_every_naughty_string_as_author_name(client, article, naughty_settings):
    stored, problems = _post_all(client, article, "name")
    problems += _check_page(client, article, stored, "name")
    assert not problems, "\n".join(problems)
    assert len(stored) > 0.8 * len(LINES)


@pytest.mark.django_db
def test_a_refused_naughty_name_says_why(client, article, naughty_settings):
    """Names over 80 characters and names that are only blanks come back with a reason."""
    too_long = max(LINES, key=len)
    assert len(too_long) > 80
    for name, message in [
        (too_long, "at most 80 characters"),
        ("\u202e\u202d", "Enter your name"),
        ("\u00a0\u2003", "Enter your name"),
    ]:
        response = client.post(
            post_url(article),
            comment_data(article, name=name),
            headers={"Origin": "http://testserver"},
        )
        assert response.status_code == 400
        assert any(message in error for error in error_texts(response.content.decode())), name


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        "<body onload=alert(1)>",
        '<a href=" JaVa&#x0A;script:alert(1)">x</a>',
        '<iframe src="https://evil.example/"></iframe>',
        '<form action="javascript:alert(1)"></form>',
    ],
)
def test_the_unsafe_markup_check_catches_what_it_looks_for(markup):
    """The checker above is only as good as this: it must see each of these."""
    assert unsafe_markup(f"<p>{markup}</p>")


def test_the_article_page_itself_passes_the_check(client, article):
    assert unsafe_markup(client.get(article.get_absolute_url()).content.decode()) == []
