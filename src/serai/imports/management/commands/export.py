"""`serai export site.xml [--comments comments.jsonl]`: the whole site as a WordPress export."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from serai.imports.export import write_comments_jsonl, write_file, write_wxr


class Command(BaseCommand):
    help = (
        "Write the whole site as a WordPress export (WXR 1.2: WordPress's importer and "
        "`serai import wordpress` both read it), and every comment as JSON Lines."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="the export file to write (.xml)")
        parser.add_argument("--comments", help="also write every comment, one JSON object per line, here")

    def handle(self, *args, output, comments=None, **options):
        try:
            counts = write_file(Path(output), write_wxr)
            if comments:
                counts["comments in JSON Lines"] = write_file(Path(comments), write_comments_jsonl)
        except OSError as exc:
            raise CommandError(f"Could not write the export: {exc}") from None
        self.stdout.write("Exported: " + ", ".join(f"{n:,} {kind}" for kind, n in counts.items()))
