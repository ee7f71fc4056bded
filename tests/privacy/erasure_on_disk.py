"""A Serai process on a SQLite file of its own, for tests/privacy/test_erasure_on_disk.py.

It stores a commenter's comments (one long enough to spill into overflow pages), a reply by someone
else, a report quoting them and a ban; says "posted" and waits for a line on its standard input;
erases the commenter's data as "Delete my comments" does; says "erased" and waits again, with its
connection still open, as a running server's would be.

Run as `python -m tests.privacy.erasure_on_disk` with DATABASE_URL naming the file.
"""

from __future__ import annotations

import os
import sys

NAME = "Zhanar Kestrelova"
EMAIL = "zhanar.kestrel.7q9@example.org"
WORDS = "Kestrel-7Q9 saw the tariff papers"
LONG_WORDS = "Пустельга-7Q9 " + "тарифы растут " * 100  # two bytes a letter: overflow pages


def wait(stage: str) -> None:
    print(stage, flush=True)
    sys.stdin.readline()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from serai.desk import services as desk
    from serai.privacy.services import erase
    from tests.moderation.factories import ModeratorFactory, article_with_thread, clause, post

    call_command("migrate", verbosity=0)
    article = article_with_thread("post")
    first = post(article, f"{WORDS}.", author_name=NAME, email=EMAIL, notify_replies=True)
    post(article, "I read them too.", parent=first, author_name="Bolat", email="bolat@example.net")
    second = post(article, LONG_WORDS, author_name=NAME, email=EMAIL)
    with connection.cursor() as cursor:  # what the server does now and then: these rows reach the file
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    desk.comment_report(comment=first, reporter_key="k" * 64, note=f"They wrote: {WORDS}")
    moderator = ModeratorFactory()
    desk.commenter_ban(comment=second, moderator=moderator, clause=clause(2), note="Flooding.", days=7)
    wait("posted")
    erase(EMAIL)
    wait("erased")


if __name__ == "__main__":
    main()
