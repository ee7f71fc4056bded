"""What an import brought in, by the source's own ids, and the source's old addresses.

`ImportedItem` makes imports idempotent and resumable: each article, comment, author, section or
image is recorded with the source's id in the same transaction that creates it, so running an
import again (after it finished, or after it was killed) creates nothing twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    # The source and the site it came from ("wordpress:https://old.example.org"), what the item is
    # ("article", "comment", …), and the source's id for it.
    source = models.CharField(max_length=300)
    kind = models.CharField(max_length=20)
    source_id = models.CharField(max_length=300)
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="imported_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} from {self.source}"


class LegacyAddress(models.Model):
    """An address of the old site ("/2022/05/slug/", "/?p=123", "/category/news/") and what is
    there now: readers and search engines following it get a permanent redirect."""

    path = models.CharField(_("old address"), max_length=500, unique=True)
    # The edition the import went to: a section's or author's page is shown in it.
    language = models.CharField(_("edition"), max_length=8, default=settings.LANGUAGE_CODE)
    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, null=True, blank=True)
    section = models.ForeignKey("newsroom.Section", on_delete=models.CASCADE, null=True, blank=True)
    author = models.ForeignKey("newsroom.Author", on_delete=models.CASCADE, null=True, blank=True)
    page = models.ForeignKey("pages.Page", on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.path

    @property
    def target(self):
        return self.article or self.section or self.author or self.page


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")


class SiteExport(models.Model):
    """An export of the whole site asked for in the back office, written by a background task
    (`serai.imports.tasks.export_site`) into SERAI_EXPORT_DIR, outside the public media."""

    Status = ExportStatus

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED, editable=False
    )
    counts = models.JSONField(_("contents"), default=dict, editable=False)
    error = models.TextField(_("what went wrong"), blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("site export")
        verbose_name_plural = _("site exports")
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"

    def file_name(self, kind: str) -> str:
        """The file's name: kind "wxr" (the site) or "comments" (JSON Lines)."""
        suffix = {"wxr": "xml", "comments": "jsonl"}[kind]
        return f"serai-export-{self.pk}-{self.created_at:%Y%m%d-%H%M}.{suffix}"
