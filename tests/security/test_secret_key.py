"""Production refuses a secret key that could be guessed, and says how to make a good one.

The key signs readers' cookies and form tokens and salts their address hashes. Django only warns
about a short one (check security.W009, seen by whoever runs `check --deploy`); production settings
refuse to load with it instead.
"""

import json
import secrets
import subprocess
import sys

import pytest

from tests.core.helpers import environment_without_settings

HOW_TO_MAKE_ONE = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def load_settings(tmp_path, **variables) -> subprocess.CompletedProcess:
    env = environment_without_settings()
    env.update(SERAI_HOME=str(tmp_path), **variables)
    code = "import json, serai.settings as s; print(json.dumps(len(s.SECRET_KEY)))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    "key",
    [
        "short",
        secrets.token_urlsafe(30),  # 40 characters
        secrets.token_hex(24) + "a",  # 49 characters
        "x" * 80,  # long but one character
        "abab" * 20,  # two characters
        "django-insecure-" + secrets.token_urlsafe(50),  # Django's placeholder for development
    ],
)
def test_production_refuses_a_weak_key_and_says_how_to_make_one(tmp_path, key):
    done = load_settings(tmp_path, SERAI_ENV="production", SECRET_KEY=key)
    assert done.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak for production" in done.stderr
    assert HOW_TO_MAKE_ONE in done.stderr
    assert key not in done.stderr  # the message never repeats the key


def test_production_accepts_the_key_the_message_makes(tmp_path):
    key = subprocess.run(["sh", "-c", HOW_TO_MAKE_ONE.replace("python", sys.executable, 1)],
                         capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    done = load_settings(tmp_path, SERAI_ENV="production", SECRET_KEY=key)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == len(key) >= 50


def test_production_without_a_key_says_how_to_make_one(tmp_path):
    done = load_settings(tmp_path, SERAI_ENV="production")
    assert "SECRET_KEY is not set" in done.stderr and HOW_TO_MAKE_ONE in done.stderr


def test_development_keeps_any_key_it_is_given(tmp_path):
    """A laptop's own short key is its business: only production refuses it."""
    done = load_settings(tmp_path, SERAI_ENV="development", SECRET_KEY="short")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == len("short")
