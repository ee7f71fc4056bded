"""The demo's staff accounts (an editor, a moderator and a translator) and where their passwords
are kept, and the languages each of them reads (staff.StaffLanguages).

Each password comes from its environment variable (DEMO_EDITOR_PASSWORD, DEMO_MODERATOR_PASSWORD,
DEMO_TRANSLATOR_PASSWORD) when that is set; otherwise one is generated once and kept in
var/demo-credentials.txt, so every run of `serai demo` prints the same one. An existing account
keeps its password: the demo prints it only when it still signs in.
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

MODERATOR_USERNAME = "moderator"
MODERATOR_EMAIL = "moderator@example.org"
MODERATOR_PASSWORD_ENV = "DEMO_MODERATOR_PASSWORD"

TRANSLATOR_USERNAME = "translator"
TRANSLATOR_EMAIL = "translator@example.org"
TRANSLATOR_PASSWORD_ENV = "DEMO_TRANSLATOR_PASSWORD"
# The translators' role, by name: the translation app's role module gives the group what a
# translator may do; the demo only makes sure it exists and puts its translator in it.

# The languages each demo staff member reads, in their order of preference.
LANGUAGES_READ = {
    USERNAME: ["en", "ru"],
    MODERATOR_USERNAME: ["en", "ru", "uz"],
    TRANSLATOR_USERNAME: ["ru", "kk", "en"],
}

HEADER = "# The demo's staff accounts, created by `serai demo`. Keep this file private.\n"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str | None  # None: changed since the demo created it, so unknown here
    created: bool
    source: str = ""  # where the password is kept: its environment variable or the file


EditorAccount = DemoAccount  # the name the editor's account went by first


def credentials_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-credentials.txt"


def saved_passwords() -> dict[str, str]:
    """Username to password, as kept in the credentials file (empty when there is none).

    The file holds "username:" and "password:" lines, one pair per account; a file written
    before it held more than one account (the editor's alone) reads the same way.
    """
    try:
        lines = credentials_file().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    passwords: dict[str, str] = {}
    username = USERNAME
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == "username":
            username = value.strip()
        elif key.strip() == "password" and value.strip():
            passwords[username] = value.strip()
    return passwords


def saved_password(username: str = USERNAME) -> str:
    return saved_passwords().get(username, "")


def save_password(username: str, password: str) -> None:
    """Keep one account's password, leaving the other accounts' lines as they are."""
    passwords = {**saved_passwords(), username: password}
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [f"username: {name}\npassword: {value}\n" for name, value in passwords.items()]
    path.write_text(HEADER + "\n".join(blocks), encoding="utf-8")
    path.chmod(0o600)


def _ensure_account(*, username: str, email: str, env: str, group: Group) -> DemoAccount:
    """Create a staff account in `group` once; afterwards leave it exactly as it is."""
    User = get_user_model()
    from_env = os.environ.get(env, "")
    user = User.objects.filter(username=username).first()
    if user is None:
        password = from_env or saved_password(username) or secrets.token_urlsafe(12)
        user = User.objects.create_user(username, email, password, is_staff=True)
        user.groups.add(group)
        if from_env:
            return DemoAccount(username, password, created=True, source=env)
        save_password(username, password)
        return DemoAccount(username, password, created=True, source=str(credentials_file()))
    for candidate, source in (
        (from_env, env),
        (saved_password(username), str(credentials_file())),
    ):
        if candidate and user.check_password(candidate):
            return DemoAccount(username, candidate, created=False, source=source)
    return DemoAccount(username, None, created=False)


def ensure_editor(group: Group) -> DemoAccount:
    """The editor: staff, in the Editors group, signs in to the back office."""
    return _ensure_account(username=USERNAME, email=EMAIL, env=PASSWORD_ENV, group=group)


def ensure_moderator() -> DemoAccount:
    """The moderator: staff (so the staff sign-in page admits them), in the Moderators group."""
    from serai.moderation.roles import moderators_group

    return _ensure_account(
        username=MODERATOR_USERNAME,
        email=MODERATOR_EMAIL,
        env=MODERATOR_PASSWORD_ENV,
        group=moderators_group(),
    )


def ensure_translator() -> DemoAccount:
    """The translator: staff, in the Translators group (with the translation desk's permissions),
    translates comments between editions."""
    from serai.staff.roles import translators_group

    return _ensure_account(
        username=TRANSLATOR_USERNAME,
        email=TRANSLATOR_EMAIL,
        env=TRANSLATOR_PASSWORD_ENV,
        group=translators_group(),
    )


def ensure_languages_read() -> int:
    """Record the languages each demo staff member reads, where nobody has recorded them yet;
    returns how many were recorded."""
    from serai.staff.models import StaffLanguages

    made = 0
    for user in get_user_model().objects.filter(username__in=LANGUAGES_READ):
        _row, created = StaffLanguages.objects.get_or_create(
            user=user, defaults={"languages": LANGUAGES_READ[user.username]}
        )
        made += created
    return made
