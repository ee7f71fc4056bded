"""`serai create_editor USERNAME EMAIL [--password ...]`: a newsroom editor account."""

import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from serai.core.roles import EDITORS, ensure_roles


class Command(BaseCommand):
    help = (
        "Create a newsroom editor: a staff account in the Editors group, who can sign in to the "
        "back office and write, publish and illustrate articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--password",
            help="The new account's password. Without it, you are asked for one at the terminal.",
        )

    def handle(self, *args, username, email, password=None, **options):
        User = get_user_model()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"There is already an account named “{username}”. Choose another username, or "
                f"add that account to the {EDITORS} group in the back office."
            )
        if password is None:
            password = self._ask_password()

        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("This password is too weak: " + " ".join(error.messages)) from None

        with transaction.atomic():
            group = ensure_roles()
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"Created the editor “{username}” (staff, in the {EDITORS} group).")
        )

    def _ask_password(self) -> str:
        if not sys.stdin or not sys.stdin.isatty():
            raise CommandError("No password given and no terminal to ask for one: pass --password PASSWORD.")
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The two passwords differ; nothing was created.")
        if not first:
            raise CommandError("An empty password is not allowed; nothing was created.")
        return first
