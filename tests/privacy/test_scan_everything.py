"""Every page, feed and answer the site offers, and every column of every table, searched for
readers' addresses and other people's email addresses.

Three readers post from distinctive IPv4 and IPv6 addresses (comments, a reply, votes, reports,
reply emails asked for and confirmed, a request for their data), someone guesses a moderator's
password from the same addresses, a moderator bans one of them, and background tasks run on the
database queue. Then a crawler follows every link from the front pages of every edition, as a
stranger, as each reader, as a moderator and as an administrator; opens every URL that takes no
argument, every moderation page, the back office's list, add and change pages for every
registered model, and each reader's data download. No raw address may appear anywhere; an email
address only in its owner's own download, and in no URL (not even encoded). In the database,
addresses appear nowhere and readers' email addresses only in comments_comment.email (the column
reply emails are sent from).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from serai.comments.models import Comment
from serai.core.addresses import ip_hash
from serai.desk import services as desk
from serai.privacy.services import link_token
from tests.comments.helpers import comment_data, post_url, report_data, report_url, vote_data, vote_url
from tests.factories import ArticleFactory, AuthorFactory, PageFactory, SectionFactory, UserFactory, add_photo
from tests.moderation.factories import ModeratorFactory, clause
from tests.privacy.url_leaks import personal_data_in

pytestmark = pytest.mark.django_db

READERS = {
    "aizada": ("198.51.100.23", "aizada.hidden.8127@example.org"),
    "timur": ("2001:db8:beef:7::1234", "Timur.Secret+news@example.net"),
    "dana": ("203.0.113.201", "dana.private.5550@example.com"),
    # Behind the site's reverse proxy: the address arrives in X-Forwarded-For.
    "bolat": ("192.0.2.77", "bolat.behind.proxy@example.org"),
}
PROXIED = {"bolat"}
MAX_PAGES = 600


def address_needles() -> list[str]:
    found = []
    for address, _email in READERS.values():
        ip = ipaddress.ip_address(address)
        found += [address, ip.exploded, address.upper()]
        if ip.version == 6:
            found.append(str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address))
    return found


def email_needles(except_for: str | None = None) -> list[str]:
    return [e.lower() for name, (_a, e) in READERS.items() if name != except_for]


def leaks(text: str, needles: list[str]) -> list[str]:
    text = text.lower()
    return [n for n in needles if n.lower() in text]


def _response_text(response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    cookies = "\n".join(m.OutputString() for m in response.cookies.values())
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return f"{headers}\n{cookies}\n{body.decode('utf-8', 'replace')}"


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks, monkeypatch):
    """The site after a day of readers, a password guesser and a moderator."""
    committed = django_capture_on_commit_callbacks  # what runs after commit in a real request
    # The worker closes the connection between tasks, as a long-running process should; inside
    # a test's transaction that would close the test's own connection.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SERAI_SITE_URL = "http://testserver"
    settings.SERAI_COMMENTS_MODE = "post"
    settings.SERAI_MIN_FORM_SECONDS = 0
    settings.SERAI_REPORTS_TO_HIDE = 100
    settings.AXES_FAILURE_LIMIT = 5
    cache.clear()
    section = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Dana Writer", slug="dana-writer", bio="Covers the economy.")
    article = ArticleFactory(section=section, authors=[author], headline="Water prices rise")
    add_photo(article)
    ArticleFactory(section=section, authors=[author], headline="Grain harvest beats forecasts")
    ArticleFactory(language="ru", section=section, authors=[author], headline="Цены на воду растут")
    PageFactory(slug="comment-policy", title="Comment Policy")
    PageFactory(slug="about", title="About us")

    settings.SERAI_TRUSTED_PROXIES = "127.0.0.1"
    readers = {
        name: Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{address}, 127.0.0.1")
        if name in PROXIED
        else Client(REMOTE_ADDR=address)
        for name, (address, _e) in READERS.items()
    }
    origin = {"Origin": "http://testserver"}
    with committed(execute=True):
        for name, client in readers.items():
            _address, email = READERS[name]
            data = comment_data(
                article, name=name.title(), email=email, text=f"{name} says so.", notify_replies="on"
            )
            assert client.post(post_url(article), data, headers=origin).status_code == 303
            assert (
                client.post(vote_url(article), vote_data(article, "yes"), headers=origin).status_code == 303
            )
    first = Comment.objects.get(author_name="Aizada")
    reply = comment_data(article, name="Timur", email=READERS["timur"][1], parent=first.pk, text="Agreed.")
    with committed(execute=True):
        answer = readers["timur"].post(
            post_url(article), reply, headers={**origin, "Accept": "application/json"}
        )
        assert answer.json()["ok"]
        report = report_data(first, clause="other", note="Not nice.")
        assert readers["dana"].post(report_url(first), report, headers=origin).status_code == 303
    # Reply emails asked for: the confirmation links, and one clicked.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    confirm = next(m for m in mail.outbox if READERS["aizada"][1] in m.to)
    path = re.search(r"http://testserver(/\S+)", confirm.body).group(1)
    assert readers["aizada"].get(path).status_code == 200  # the page with the button
    assert readers["aizada"].post(path, headers=origin).status_code == 200
    # A request for one's data (the task holds a comment id, never the address).
    readers["timur"].post("/en/privacy/", {"email": READERS["timur"][1]}, headers=origin)
    # A moderator's password guessed from the readers' addresses, then the moderator at work.
    moderator = ModeratorFactory(username="mod", email="mod@newsroom.example")
    for client in readers.values():
        for _ in range(6):
            client.post("/admin/login/?next=/en/moderation/", {"username": "mod", "password": "guess"})
    dana = Comment.objects.get(author_name="Dana")
    with committed(execute=True):
        desk.commenter_ban(comment=dana, moderator=moderator, clause=clause(2), note="Flooding.", days=7)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    return {"article": article, "readers": readers, "moderator": moderator}


def _links(base: str, html: str) -> list[str]:
    found = []
    for match in re.finditer(r"""(?:href|action|src)\s*=\s*["']([^"'#]+)""", html):
        url = urldefrag(urljoin(base, match.group(1).replace("&amp;", "&")))[0]
        parts = urlsplit(url)
        if parts.netloc in ("", "testserver") and parts.path.startswith("/"):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


# Signing out ends the visit; delete confirmations are pages, but nothing here should press them;
# the admin's autocomplete answers only its own widgets' queries.
SKIPPED = ("/logout/", "/delete/", "/admin/autocomplete/")


def _worth_following(url: str) -> bool:
    """Readers' pages with any query (order, page, tab); back-office pages without one (each
    sorting and filter of each list would add hundreds of the same rows)."""
    return not (url.startswith("/admin/") and "?" in url)


def _crawl(client, starts, problems: list[str], who: str, needles: list[str], follow=None) -> set[str]:
    """Open `starts` and every page of the site they lead to (those `follow` accepts)."""
    follow = follow or _worth_following
    client.raise_request_exception = False
    seen, queue = set(), deque(starts)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or any(part in url for part in SKIPPED):
            continue
        seen.add(url)
        in_url = personal_data_in(url, needles)
        if in_url:
            problems.append(f"{who} {url}: in the URL {in_url}")
        response = client.get(url)
        text = _response_text(response)
        if response.status_code >= 500:
            problems.append(f"{who} {url}: {response.status_code}")
        found = leaks(text, needles)
        if found:
            problems.append(f"{who} {url} ({response.status_code}): {found}")
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            queue.extend(u for u in _links(url, text) if u not in seen and follow(u))
    assert len(seen) < MAX_PAGES, f"{who}: the crawl did not finish"
    return seen


def _argument_free_urls() -> list[str]:
    """Every URL of the site that needs no argument, in every edition."""
    from django.conf import settings

    urls = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
                for code, _name in settings.LANGUAGES:
                    with translation.override(code):
                        try:
                            urls.append(reverse(namespace + p.name))
                        except NoReverseMatch:
                            continue  # a pattern that needs arguments is crawled through links instead

    walk(get_resolver().url_patterns, "")
    return sorted(set(urls))


def _back_office_urls() -> list[str]:
    urls = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [
            reverse(f"{prefix}_changelist"),
            reverse(f"{prefix}_changelist") + "?q=example",
        ]
        if model_admin.has_add_permission(_FakeRequest()):
            urls.append(reverse(f"{prefix}_add"))
        for pk in model._default_manager.values_list("pk", flat=True)[:3]:
            urls.append(reverse(f"{prefix}_change", args=[pk]))
            urls.append(reverse(f"{prefix}_history", args=[pk]))
    return urls


class _FakeRequest:
    class user:  # noqa: N801 - a stand-in superuser for has_add_permission
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(*_args):
            return True


def test_no_page_shows_an_address_or_someone_elses_email(world):
    starts = ["/", *[f"/{code}/" for code in ("en", "ru", "kk", "ky", "tg", "tk", "uz")]]
    starts += _argument_free_urls()
    problems: list[str] = []
    visitors = {"stranger": Client()} | {f"reader {n}": c for n, c in world["readers"].items()}
    for who, client in visitors.items():
        crawled = _crawl(client, starts, problems, who, address_needles() + email_needles())
        assert world["article"].get_absolute_url() in crawled
    moderator = Client()
    moderator.force_login(world["moderator"])
    queue = [f"/en/moderation/?tab={tab}" for tab in ("pending", "reported", "rejected")]
    queue += ["/en/moderation/words/", "/en/moderation/bans/", "/en/moderation/log/"]
    crawled = _crawl(moderator, starts + queue, problems, "moderator", address_needles() + email_needles())
    assert "/en/moderation/bans/" in crawled
    chief = Client()
    chief.force_login(UserFactory(username="chief", superuser=True))
    needles = address_needles() + email_needles()
    crawled = _crawl(chief, ["/admin/", *_back_office_urls()], problems, "admin", needles)
    assert reverse("admin:comments_comment_changelist") in crawled
    assert len(crawled) > 40
    assert not problems, "\n".join(problems[:30])


def test_each_readers_download_holds_their_email_only(world):
    for name, (_address, email) in READERS.items():
        comment = Comment.objects.filter(email=email).first()
        url = f"/en/privacy/data/{link_token(comment)}/"
        for path in (url, url + "download/"):
            response = Client().get(path)
            assert response.status_code == 200, (name, path)
            text = _response_text(response)
            assert leaks(text, address_needles()) == [], (name, path)
            assert leaks(text, email_needles(except_for=name)) == [], (name, path)
        assert json.loads(Client().get(url + "download/").content)["email"] == email


def test_email_sent_to_a_reader_names_no_one_else(world):
    assert mail.outbox
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n{message.to}"
        owner = next((n for n, (_a, e) in READERS.items() if e in message.to), None)
        assert leaks(text, address_needles()) == [], message.subject
        assert leaks(f"{message.subject}\n{message.body}", email_needles(except_for=owner)) == [], (
            message.subject
        )


def test_no_link_in_any_email_carries_an_address_or_a_name(world):
    """Links in emails are opaque: no email address or name, plain or encoded (base64 included)."""
    names = [name.title() for name in READERS]
    links = [link for m in mail.outbox for link in re.findall(r"https?://\S+", m.body)]
    assert any("/moderation/confirm/" in link for link in links)
    assert any("/privacy/data/" in link for link in links)
    for link in links:
        assert personal_data_in(link, email_needles() + address_needles() + names) == [], link


def _text_values():
    """(table, column, value) for every text, address, char and JSON value in the database."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if value in (None, "", [], {}):
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                yield model._meta.db_table, field.column, text


def test_the_database_holds_no_address_and_emails_only_where_replies_are_sent_from(world):
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() >= 3, "the scan must see the task queue's rows"
    seen_email_in = set()
    tables = set()
    for table, column, text in _text_values():
        tables.add(table)
        assert leaks(text, address_needles()) == [], (table, column)
        if leaks(text, email_needles()):
            seen_email_in.add((table, column))
    assert {"django_tasks_db_dbtaskresult", "axes_accessattempt", "moderation_ban"} & tables
    assert seen_email_in == {("comments_comment", "email")}
    # The addresses were seen (and kept as their hashes only), so the scan above is not vacuous.
    for address, email in READERS.values():
        assert Comment.objects.filter(email=email).first().ip_hash == ip_hash(address)


def test_the_cache_holds_no_address(world):
    entries = getattr(cache, "_cache", None)
    if entries is None:
        pytest.skip("not the local-memory cache")
    assert entries
    for key, value in list(entries.items()):
        assert leaks(f"{key!r} {value!r}", address_needles()) == [], key


def test_every_email_names_the_site(world, settings):
    """Subjects carry "[Site name]" (the confirmation subject once came out as "[] Confirm…")."""
    assert {m.subject.split("]")[0] + "]" for m in mail.outbox} == {f"[{settings.SITE_NAME}]"}
