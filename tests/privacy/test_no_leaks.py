"""Readers' addresses and email addresses never leave the database, and addresses never enter it.

Comments are posted from an IPv4 and an IPv6 address with distinctive emails; then every page a
reader or an editor can open, and every text column of every table, is searched for them.
"""

import ipaddress
import json

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from serai.comments import services
from serai.comments.models import Comment
from tests.comments.helpers import JSON, SAME_ORIGIN, comment_data, post_url, reply_url, vote_data, vote_url
from tests.factories import ArticleFactory, UserFactory

IPV4 = "203.0.113.77"
IPV6 = "2001:db8:85a3:42::8a2e:370:7334"
EMAILS = [
    "zhanar.secret.4711@example.org",
    "Bolat.Private+serai@example.net",
    "json.poster.0815@example.com",
]


def needles() -> list[str]:
    v6 = ipaddress.ip_address(IPV6)
    return [IPV4, IPV6, v6.exploded, IPV6.upper(), *EMAILS, *[e.lower() for e in EMAILS]]


def leaks(text: str, which=None) -> list[str]:
    text = text.lower()
    return [n for n in (which or needles()) if n.lower() in text]


@pytest.fixture
def posted(db, settings):
    """An article with comments from both addresses, a reply, a vote, and JSON answers kept."""
    article = ArticleFactory(headline="Water prices rise")
    reader4, reader6 = Client(REMOTE_ADDR=IPV4), Client(REMOTE_ADDR=IPV6)
    responses = []
    settings.SERAI_COMMENTS_MODE = "post"
    responses.append(
        reader4.post(
            post_url(article),
            comment_data(
                article,
                name="Zhanar",
                email=EMAILS[0],
                text="Prices went up twice this year.",
                notify_replies="on",
            ),
            headers=SAME_ORIGIN,
        )
    )
    top = Comment.objects.get(author_name="Zhanar")
    responses.append(
        reader6.post(
            post_url(article),
            comment_data(
                article,
                name="Bolat",
                email=EMAILS[1],
                parent=top,
                text="Same in our district.",
                notify_replies="on",
            ),
            headers=SAME_ORIGIN,
        )
    )
    responses.append(
        reader6.post(
            post_url(article),
            comment_data(article, name="Json", email=EMAILS[2], text="Posted from the page script."),
            headers=JSON,
        )
    )
    settings.SERAI_COMMENTS_MODE = "pre"
    responses.append(
        reader4.post(
            post_url(article),
            comment_data(article, name="Zhanar", email=EMAILS[0], text="And this one waits for a moderator."),
            headers=SAME_ORIGIN,
        )
    )
    responses.append(reader4.post(vote_url(article), vote_data(article, "yes"), headers=SAME_ORIGIN))
    responses.append(reader6.post(vote_url(article), vote_data(article, "no"), headers=JSON))
    for response in responses:
        assert response.status_code in (200, 303), response.status_code
    return article, top, reader4, reader6, responses


def _response_text(response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    cookies = "\n".join(morsel.OutputString() for morsel in response.cookies.values())
    return f"{headers}\n{cookies}\n{response.content.decode()}"


def test_posting_answers_do_not_echo_the_address_or_email(posted):
    *_rest, responses = posted
    for response in responses:
        assert leaks(_response_text(response)) == []
    data = json.loads(responses[2].content)
    assert data["ok"] and "Posted from the page script." in data["html"]


def test_public_pages_show_neither_addresses_nor_emails(posted):
    article, top, reader4, reader6, _responses = posted
    pages = {
        "home": "/en/",
        "section": article.section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "article-oldest": article.get_absolute_url() + "?order=oldest",
        "reply": reply_url(article, top),
    }
    for who, client in {
        "stranger": Client(),
        "ipv4-poster": reader4,
        "ipv6-poster": reader6,
    }.items():
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, (who, name)
            assert leaks(_response_text(response)) == [], (who, name)
    # The poster's own view does show their waiting comment, and still not their address.
    own = reader4.get(article.get_absolute_url()).content.decode()
    assert "And this one waits for a moderator." in own


def test_the_back_office_shows_neither_addresses_nor_emails(posted, client):
    article, top, *_rest = posted
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    reply = Comment.objects.get(author_name="Bolat")
    urls = [
        reverse("admin:comments_comment_changelist"),
        reverse("admin:comments_comment_changelist") + "?q=example",
        reverse("admin:comments_comment_change", args=[top.pk]),
        reverse("admin:comments_comment_change", args=[reply.pk]),
        reverse("admin:comments_thread_changelist"),
        reverse("admin:comments_thread_change", args=[article.thread.pk]),
        reverse("admin:newsroom_article_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert leaks(body) == [], url
    assert "Prices went up twice this year." in client.get(urls[0]).content.decode()


def _text_values():
    """(table, column, value) for every text, char and JSON value in the database."""
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if value in (None, ""):
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                yield model._meta.db_table, field.column, text


def test_the_database_never_holds_an_address_and_emails_only_in_comments_email(posted):
    # Moderation runs on what was stored too: approve the waiting comment, remove another.
    pending = Comment.objects.get(status=Comment.Status.PENDING)
    services.comment_set_status(comment=pending, status=Comment.Status.PUBLISHED)
    services.comment_set_status(
        comment=Comment.objects.get(author_name="Json"),
        status=Comment.Status.REMOVED,
        reason="Off topic",
    )
    v6 = ipaddress.ip_address(IPV6)
    addresses = [
        IPV4,
        IPV6,
        v6.exploded,
        str(ipaddress.ip_network(f"{IPV6}/64", strict=False).network_address),
    ]
    seen_email_in = set()
    for table, column, text in _text_values():
        assert leaks(text, addresses) == [], (table, column)
        if leaks(text, EMAILS):
            seen_email_in.add((table, column))
    assert seen_email_in == {("comments_comment", "email")}
    assert set(Comment.objects.values_list("email", flat=True)) == set(EMAILS)
    assert all(len(h) == 64 for h in Comment.objects.values_list("ip_hash", flat=True))
