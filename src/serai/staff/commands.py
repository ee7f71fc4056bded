"""What `serai create_editor` and `serai create_moderator` share: one staff account, one role.

Run again with the same name and address, either command changes nothing (or adds its role to
an account that lacks it); its password is never changed by a second run. Without --password it
asks at the terminal (an empty answer generates one) or, with no terminal, generates one and
prints it once.
"""

from __future__ import annotations

import getpass
import secrets
import sys

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from serai.staff.roles import ROLE_BY_KEY, roles_of
from serai.staff.services import staff_create, staff_save


class RoleCommand(BaseCommand):
    role_key = ""  # set by each command
    role_name = ""  # "editor", "moderator": as the messages name the role

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--password",
            help="The new account's password. Without it you are asked at the terminal (an empty "
            "answer generates one); with no terminal, one is generated and printed.",
        )

    def role_for(self, options) -> str:
        return self.role_key

    def handle(self, *args, username, email, password=None, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address; nothing was created.") from None
        role = ROLE_BY_KEY[self.role_for(options)]
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return self._existing(existing, email, role, password)
        try:
            User(username=username, email=email).full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was created.") from None
        if password is None:
            password = self._ask_password() if self._at_terminal() else ""
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        else:
            try:
                password_validation.validate_password(password, User(username=username, email=email))
            except ValidationError as error:
                raise CommandError(
                    "This password is too weak: " + " ".join(error.messages) + " Nothing was created."
                ) from None
        staff_create(username=username, email=email, password=password, roles=[role.key])
        self.stdout.write(
            self.style.SUCCESS(f"Created the {self.role_name} “{username}” ({role.group_name}).")
        )
        if generated:
            self.stdout.write(f"Password: {password}")
            self.stdout.write(
                "It is shown only now: pass it on privately, or set another with `serai changepassword`."
            )

    def _existing(self, account: User, email: str, role, password) -> None:
        if account.email.lower() != email.lower():
            raise CommandError(
                f"There is already an account named “{account.username}” with another email address; "
                "nothing was changed. Choose another username."
            )
        kept = " Its password was left as it is (`serai changepassword` changes it)." if password else ""
        if role in roles_of(account) and account.is_staff:
            self.stdout.write(
                f"“{account.username}” already has the {self.role_name} role; nothing changed.{kept}"
            )
            return
        staff_save(account=account, roles=[r.key for r in roles_of(account)] + [role.key])
        self.stdout.write(
            self.style.SUCCESS(
                f"The existing account “{account.username}” now has the {self.role_name} role as well.{kept}"
            )
        )

    @staticmethod
    def _at_terminal() -> bool:
        return bool(sys.stdin) and sys.stdin.isatty()

    def _ask_password(self) -> str:
        first = getpass.getpass("Password (leave empty to generate one): ")
        if not first:
            return ""
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The two passwords differ; nothing was created.")
        return first
