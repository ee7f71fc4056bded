"""A worker prepares, before its first reader, what its first requests would otherwise pay for:
each language's catalogue and URL tables, Serai's templates, the e-mail validator's patterns."""

import json
import logging
import subprocess
import sys

from serai.core import warmup
from tests.core.helpers import environment_without_settings

# What a granian worker does first: import the application. Then: what is already prepared?
WORKER = """
import json
import serai.wsgi
from django.conf import settings
from django.core.validators import EmailValidator
from django.template import engines
from django.urls import get_resolver
from django.utils.functional import empty
from django.utils.translation import trans_real

loader = engines["django"].engine.template_loaders[0]
kept = getattr(loader, "get_template_cache", None)
print(json.dumps({
    "catalogues": sorted(code for code, _ in settings.LANGUAGES if code in trans_real._translations),
    "resolver_languages": sorted(get_resolver()._reverse_dict),
    "templates": None if kept is None else sorted(kept),
    "email_pattern_ready": EmailValidator.domain_regex._wrapped is not empty,
}))
"""


def start_worker(tmp_path, **settings) -> dict:
    env = environment_without_settings()
    env.update(
        SECRET_KEY="a-secret-key-for-this-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SERAI_HOME=str(tmp_path),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE="serai.settings",
        **settings,
    )
    out = subprocess.run([sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_fresh_worker_has_prepared_every_language_its_templates_and_the_email_check(tmp_path):
    from django.conf import settings

    seen = start_worker(tmp_path, SERAI_ENV="production", DEBUG="false")
    languages = sorted(code for code, _ in settings.LANGUAGES)
    assert seen["catalogues"] == languages
    assert set(languages) <= set(seen["resolver_languages"])
    assert seen["email_pattern_ready"] is True
    # Serai's own templates are compiled and kept; nobody else's (the admin's are not read).
    assert {"newsroom/article.html", "newsroom/home.html", "comments/_form.html"} <= set(seen["templates"])
    assert not any(name.startswith("admin/") for name in seen["templates"])


def test_a_step_that_fails_is_logged_and_the_worker_starts(monkeypatch, caplog):
    def broken(done):
        raise RuntimeError("no catalogue here")

    monkeypatch.setattr(warmup, "_languages", broken)
    with caplog.at_level(logging.WARNING, logger="serai.core.warmup"):
        done = warmup.warm_up()
    assert done["failed"] == 1
    assert done["templates"] >= 0  # the other steps still ran
    assert "languages failed" in caplog.text


def test_a_template_that_cannot_be_compiled_does_not_stop_the_others(monkeypatch, tmp_path, settings):
    folder = tmp_path / "templates"
    (folder / "serai_warmup_test").mkdir(parents=True)
    (folder / "serai_warmup_test" / "broken.html").write_text("{% if %}")
    (folder / "serai_warmup_test" / "fine.html").write_text("<p>{{ word }}</p>")
    monkeypatch.setattr(warmup, "PACKAGE_DIR", tmp_path)
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [folder],
            "OPTIONS": {"debug": False},
        }
    ]
    done = {"languages": 0, "templates": 0, "failed": 0}
    warmup._templates(done)
    assert done == {"languages": 0, "templates": 1, "failed": 1}


def test_an_engine_that_keeps_nothing_is_not_compiled_ahead(monkeypatch, tmp_path, settings):
    folder = tmp_path / "templates"
    (folder / "serai_warmup_test").mkdir(parents=True)
    (folder / "serai_warmup_test" / "fine.html").write_text("<p>{{ word }}</p>")
    monkeypatch.setattr(warmup, "PACKAGE_DIR", tmp_path)
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [folder],
            "OPTIONS": {"loaders": ["django.template.loaders.filesystem.Loader"]},
        }
    ]
    done = {"languages": 0, "templates": 0, "failed": 0}
    warmup._templates(done)
    assert done == {"languages": 0, "templates": 0, "failed": 0}
