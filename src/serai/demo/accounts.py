"""The demo's editor account and where its password is kept.

The password comes from DEMO_EDITOR_PASSWORD when that is set; otherwise one is generated once
and kept in var/demo-credentials.txt, so every run of `serai demo` prints the same one. An
existing account keeps its password: the demo prints it only when it still signs in.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

USERNAME = "editor"
EMAIL = "editor@example.org"
PASSWORD_ENV = "DEMO_EDITOR_PASSWORD"


@dataclass(frozen=True)
class EditorAccount:
    username: str
    password: str | None  # None: changed since the demo created it, so unknown here
    created: bool
    source: str = ""  # where the password is kept: PASSWORD_ENV or the credentials file


def credentials_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-credentials.txt"


def saved_password() -> str:
    try:
        lines = credentials_file().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ""
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == "password":
            return value.strip()
    return ""


def save_password(username: str, password: str) -> None:
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# The demo editor account, created by `serai demo`. Keep this file private.\n"
        f"username: {username}\npassword: {password}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)


def ensure_editor(group: Group) -> EditorAccount:
    """Create the demo's editor account once; afterwards leave it exactly as it is."""
    User = get_user_model()
    from_env = os.environ.get(PASSWORD_ENV, "")
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        password = from_env or saved_password() or secrets.token_urlsafe(12)
        user = User.objects.create_user(USERNAME, EMAIL, password, is_staff=True)
        user.groups.add(group)
        if from_env:
            return EditorAccount(USERNAME, password, created=True, source=PASSWORD_ENV)
        save_password(USERNAME, password)
        return EditorAccount(USERNAME, password, created=True, source=str(credentials_file()))
    for candidate, source in (
        (from_env, PASSWORD_ENV),
        (saved_password(), str(credentials_file())),
    ):
        if candidate and user.check_password(candidate):
            return EditorAccount(USERNAME, candidate, created=False, source=source)
    return EditorAccount(USERNAME, None, created=False)
