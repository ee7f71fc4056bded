"""`serai import wordpress FILE.xml [--media-dir DIR] [--language CODE] [--dry-run]`."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from serai.imports import wxr
from serai.imports.disqus import DisqusImport
from serai.imports.loading import Summary
from serai.imports.wordpress import WordPressImport


class DryRun(Exception):
    """Raised at the end of a dry run so that nothing it did is kept."""


class Command(BaseCommand):
    help = "Import a site from another system's export: WordPress (WXR), or Disqus's comments."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", required=True, title="sources")
        wordpress = sources.add_parser("wordpress", help="a WordPress export (Tools → Export), WXR 1.0–1.2")
        wordpress.add_argument("file", help="the export file (.xml)")
        wordpress.add_argument("--media-dir", help="a local copy of the site's wp-content/uploads folder")
        wordpress.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="the edition the articles go to (default: %(default)s)",
        )
        wordpress.add_argument(
            "--dry-run", action="store_true", help="report what would change; change nothing"
        )
        disqus = sources.add_parser("disqus", help="a Disqus export (Moderation → Export): comments only")
        disqus.add_argument("file", help="the export file (.xml)")
        disqus.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")

    def handle(self, *args, source, **options):
        if source == "disqus":
            importer = DisqusImport(options["file"], progress=self.progress)
        else:
            importer = WordPressImport(
                options["file"], language=options["language"], media_dir=options["media_dir"],
                progress=self.progress, dry_run=options["dry_run"],
            )  # fmt: skip
        try:
            summary = self.run(importer, dry_run=options["dry_run"])
        except (wxr.WxrError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.report(summary, dry_run=options["dry_run"])

    def run(self, importer, *, dry_run: bool) -> Summary:
        if not dry_run:
            return importer.run()
        try:
            with transaction.atomic():
                importer.run()
                raise DryRun
        except DryRun:
            return importer.summary

    _last = 0.0

    def progress(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if not sys.stderr.isatty():
            return
        if done == total or now - self._last > 0.5:
            self._last = now
            end = "\n" if done == total else ""
            of = f" of {total:,}" if total else ""
            sys.stderr.write(f"\rImporting: {done:,}{of} items{end}")
            sys.stderr.flush()

    def report(self, summary: Summary, *, dry_run: bool) -> None:
        self.stdout.write("Dry run: nothing was changed. Would import:" if dry_run else "Imported:")
        for bucket, title in (("created", "new"), ("already", "already here"), ("skipped", "skipped")):
            counts = getattr(summary, bucket)
            if counts:
                line = ", ".join(f"{n:,} {kind}" for kind, n in sorted(counts.items()))
                self.stdout.write(f"  {title}: {line}")
        if summary.missing_files:
            self.stdout.write(f"  files not found under --media-dir ({len(summary.missing_files):,}):")
            for url in summary.missing_files[:50]:
                self.stdout.write(f"    {url}")
        if summary.comment_seconds:
            self.stdout.write(f"  time storing comments: {summary.comment_seconds:.1f} s")
        for problem in summary.problems:
            self.stderr.write(f"  not imported: {problem}")
