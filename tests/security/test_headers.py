"""Security headers on every kind of response, and the flags on every cookie Serai sets."""

from __future__ import annotations

import importlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import clear_url_caches

from serai.comments.models import Comment
from tests.comments.helpers import (
    JSON,
    SAME_ORIGIN,
    comment_data,
    post_url,
    report_data,
    report_url,
    vote_data,
    vote_url,
)
from tests.factories import ArticleFactory, UserFactory, add_photo

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "serai"


def csp(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def _assert_common(response, *, document: bool = True):
    name = f"{response.request['PATH_INFO']} ({response.status_code})"
    policy = csp(response)
    assert policy, f"{name}: no Content-Security-Policy"
    script = policy.get("script-src", policy.get("default-src"))
    assert script is not None, name
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, (name, script)
    assert "*" not in script and "data:" not in script, (name, script)
    assert policy["frame-ancestors"] == ["'none'"], name
    assert policy["object-src"] == ["'none'"], name
    assert policy["base-uri"] in (["'self'"], ["'none'"]), name
    assert policy["form-action"] in (["'self'"], ["'none'"]), name
    assert response.headers["X-Content-Type-Options"] == "nosniff", name
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin"), name
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, (name, feature)
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", name
    if document:
        assert response.headers["X-Frame-Options"] == "DENY", name
    assert "Strict-Transport-Security" not in response.headers, f"{name}: HSTS over plain HTTP"
    assert "Server" not in response.headers and "X-Powered-By" not in response.headers, name


@pytest.fixture
def article():
    return ArticleFactory(headline="Grain harvest beats forecasts")


def test_reader_pages(client, article):
    for url in ["/en/", article.section.get_absolute_url(), article.get_absolute_url(), "/en/privacy/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_common(response)
        assert "'unsafe-inline'" not in csp(response)["style-src"], url


def test_the_back_office_keeps_script_strict(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    _assert_common(response)


def test_error_pages(client):
    for url in ["/en/no-such-section/", "/en/no-such-section/no-such-article/", "/en/authors/nobody/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        _assert_common(response)


def test_json_answers(client, article):
    posted = client.post(post_url(article), comment_data(article), headers=JSON)
    assert posted.status_code == 200 and posted.json()["ok"]
    _assert_common(posted)
    refused = client.post(post_url(article), comment_data(article, text=""), headers=JSON)
    assert refused.status_code == 400
    _assert_common(refused)
    voted = client.post(vote_url(article), vote_data(article, "yes"), headers=JSON)
    assert voted.status_code == 200
    _assert_common(voted)


def test_static_files(settings, article):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/serai/site.css")
    assert response.status_code == 200
    _assert_common(response, document=False)


@pytest.fixture
def media_urls():
    """The media view, serving this test's MEDIA_ROOT (the URL conf reads it when first imported)."""
    import serai.urls

    importlib.reload(serai.urls)
    clear_url_caches()
    yield
    clear_url_caches()


def test_uploaded_media_cannot_act_as_a_page(client, article, media_urls):
    """Uploads are served with nosniff and a sandboxing policy: a photo can never run script."""
    photo = add_photo(article)
    response = client.get("/media/" + photo.image.file.name)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/")
    _assert_common(response, document=False)
    policy = csp(response)
    assert "sandbox" in policy and policy["default-src"] == ["'none'"]
    assert "script-src" not in policy or policy["script-src"] == ["'none'"]


def test_hsts_only_over_tls(settings, article):
    settings.SECURE_HSTS_SECONDS = 31536000
    client = Client()
    secure = client.get("/en/", secure=True)
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in Client().get("/en/").headers


def test_production_settings_turn_on_tls_protections(tmp_path):
    """SERAI_ENV=production: secure cookies and a year of HSTS without further configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DATABASE_URL", "DEBUG"))}
    key = secrets.token_urlsafe(50)  # production refuses a weak one
    env.update({"SERAI_ENV": "production", "SECRET_KEY": key, "SERAI_HOME": str(tmp_path)})
    env.pop("SECURE_COOKIES", None)
    names = [
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
    ]  # fmt: skip
    code = f"import json, serai.settings as s; print(json.dumps([getattr(s, n) for n in {names!r}]))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [True, True, 31536000, True, "Lax", "Lax"]


# Cookies -----------------------------------------------------------------------------------------


def _cookies_from_every_flow(article) -> dict:
    """Sign in, post, vote, report and moderate; every cookie any response set, by name."""
    seen = {}

    def keep(response):
        for name, morsel in response.cookies.items():
            if morsel.value:  # a deletion is not a cookie set
                seen[name] = morsel
        return response

    reader = Client()
    keep(reader.post(post_url(article), comment_data(article), headers=SAME_ORIGIN))
    keep(reader.post(vote_url(article), vote_data(article, "yes"), headers=SAME_ORIGIN))
    comment = Comment.objects.latest("pk")
    keep(
        reader.post(
            report_url(comment), report_data(comment, clause="other", note="Off topic."), headers=SAME_ORIGIN
        )
    )

    UserFactory(username="chief", superuser=True)
    staff = Client(enforce_csrf_checks=True)
    keep(staff.get("/admin/login/"))
    token = staff.cookies["csrftoken"].value
    signed_in = keep(
        staff.post(
            "/admin/login/?next=/admin/",
            {"username": "chief", "password": "correct horse battery staple", "csrfmiddlewaretoken": token},
        )
    )
    assert signed_in.status_code == 302, signed_in.content[:500]
    token = staff.cookies["csrftoken"].value
    keep(staff.get("/en/moderation/words/"))
    keep(
        staff.post(
            "/en/moderation/words/",
            {"term": "scoundrel", "kind": "suspect", "language": "", "csrfmiddlewaretoken": token},
        )
    )
    return seen


def test_every_cookie_is_http_only_and_same_site(article):
    cookies = _cookies_from_every_flow(article)
    assert {"serai_mine", "serai_votes", "serai_reporter", "sessionid", "csrftoken", "messages"} <= set(
        cookies
    ), sorted(cookies)
    for name, morsel in cookies.items():
        assert morsel["samesite"] in ("Lax", "Strict"), name
        assert morsel["secure"] == "", f"{name} is Secure on a plain-HTTP development site"
        if name == "csrftoken":
            # Readable by design (Django's CSRF token); SameSite still keeps it on our own site.
            assert morsel["httponly"] == "", name
        else:
            assert morsel["httponly"] is True, name


def test_every_cookie_is_secure_when_secure_cookies_are_on(settings, article):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    cookies = _cookies_from_every_flow(article)
    assert len(cookies) >= 6
    for name, morsel in cookies.items():
        assert morsel["secure"] is True, name
        assert morsel["samesite"] in ("Lax", "Strict"), name


# Templates ---------------------------------------------------------------------------------------

TEMPLATES = sorted(SRC.glob("**/templates/**/*.html"))
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S)
SCRIPT_URL = re.compile(
    r"""(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I
)


def test_the_template_scan_covers_every_app():
    apps = {p.relative_to(SRC).parts[0] for p in TEMPLATES}
    assert {"templates", "newsroom", "comments", "desk", "pages", "privacy", "core"} <= apps
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_templates_have_no_inline_script_handlers_or_styles(path):
    """The CSP forbids inline script and inline styles on reader pages: templates never rely on them."""
    source = path.read_text(encoding="utf-8")
    for attrs, body in SCRIPT.findall(source):
        if "application/ld+json" in attrs:
            continue  # a data block, never run; it must be built with json_script-like escaping
        assert "src=" in attrs and not body.strip(), f"inline <script> in {path.name}"
    assert not HANDLER.search(source), f"an on…= handler in {path.name}"
    assert not SCRIPT_URL.search(source), f"a script URL in {path.name}"
    if "admin" not in path.relative_to(SRC).parts and path.name != "login_locked.html":
        assert not STYLE_ATTRIBUTE.search(source), f"an inline style in {path.name}"
