"""`serai demo`: load the demo newsroom, The Steppe Ledger, and print how to sign in."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation

from serai.comments.models import Comment
from serai.demo.accounts import LANGUAGES_READ, DemoAccount
from serai.demo.content import OUTLET
from serai.demo.loader import DemoLoader

SITE_URL = "http://127.0.0.1:8000/"


def account_lines(title: str, account: DemoAccount) -> list[str]:
    lines = ["", f"  {title}", f"  Username:     {account.username}"]
    if account.password is None:
        lines.append(
            "  Password:     changed since the demo created the account; to set a new one, "
            f"run `serai changepassword {account.username}`."
        )
    elif account.source.startswith("DEMO_"):
        lines += [f"  Password:     {account.password}", f"  (The password was set with {account.source}.)"]
    else:
        lines += [f"  Password:     {account.password}", f"  (The password is kept in {account.source}.)"]
    return lines


class Command(BaseCommand):
    help = (
        f"Load the demo newsroom ({OUTLET}, a fictional outlet): sections, authors, illustrated "
        "articles with Russian editions, standing pages and taglines in every edition, a reader "
        "conversation in several languages with its translations and comments waiting in the "
        "moderation queue, and editor, moderator and translator accounts. Running it again "
        "adds only what is missing and keeps every change made since."
    )

    def handle(self, *args, **options):
        loader = DemoLoader()
        account = loader.load()

        if loader.created:
            made = ", ".join(
                f"{count} {what}{'' if count == 1 else 's'}" for what, count in loader.created.items()
            )
            self.stdout.write(self.style.SUCCESS(f"{OUTLET} demo loaded: created {made}."))
        else:
            self.stdout.write(
                f"{OUTLET} demo is already loaded: nothing was added, and changes made since are kept."
            )
        for skipped in loader.skipped:
            self.stdout.write(f"Left alone: {skipped}.")

        site = SITE_URL.rstrip("/")
        with translation.override("en"):
            queue = site + reverse("desk:queue")
        waiting = Comment.objects.pending().count()
        lines = [
            "",
            f"  Site:         {SITE_URL}",
            f"  Back office:  {SITE_URL}{settings.SERAI_ADMIN_PATH}",
        ]
        if loader.featured is not None and loader.featured.is_live:
            lines.append(f"  Conversation: {site}{loader.featured.get_absolute_url()}#comments")
        lines += account_lines("The editor (back office):", account)
        lines += account_lines("The moderator (moderation queue):", loader.moderator)
        lines.append(f"  Queue:        {queue} ({waiting} comment{'' if waiting == 1 else 's'} waiting)")
        lines += account_lines("The translator (comments between editions):", loader.translator)
        lines.append(f"  Reads:        {', '.join(LANGUAGES_READ[loader.translator.username])}")
        self.stdout.write("\n".join(lines))
