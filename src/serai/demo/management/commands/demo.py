"""`serai demo`: load the demo newsroom, The Steppe Ledger, and print how to sign in."""

from django.conf import settings
from django.core.management.base import BaseCommand

from serai.demo.accounts import PASSWORD_ENV
from serai.demo.content import OUTLET
from serai.demo.loader import DemoLoader

SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        f"Load the demo newsroom ({OUTLET}, a fictional outlet): sections, authors, illustrated "
        "articles with Russian editions, standing pages and an editor account. Running it again "
        "adds only what is missing and keeps every change made since."
    )

    def handle(self, *args, **options):
        loader = DemoLoader()
        account = loader.load()

        if loader.created:
            made = ", ".join(
                f"{count} {what}{'' if count == 1 else 's'}"
                for what, count in loader.created.items()
            )
            self.stdout.write(self.style.SUCCESS(f"{OUTLET} demo loaded: created {made}."))
        else:
            self.stdout.write(
                f"{OUTLET} demo is already loaded: nothing was added, and changes made since "
                "are kept."
            )
        for skipped in loader.skipped:
            self.stdout.write(
                f"Left alone: {skipped} (its original is missing or already has a translation)."
            )

        lines = [
            "",
            f"  Site:         {SITE_URL}",
            f"  Back office:  {SITE_URL}{settings.SERAI_ADMIN_PATH}",
            f"  Username:     {account.username}",
        ]
        if account.password is not None:
            lines.append(f"  Password:     {account.password}")
            if account.source == PASSWORD_ENV:
                lines.append(f"  (The password was set with {PASSWORD_ENV}.)")
            else:
                lines.append(f"  (The password is kept in {account.source}.)")
        else:
            lines.append(
                "  Password:     changed since the demo created the account; to set a new one, "
                f"run `serai changepassword {account.username}`."
            )
        self.stdout.write("\n".join(lines))
