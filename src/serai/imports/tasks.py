"""The back office's site export, in the background: the same files `serai export` writes."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from serai.imports.export import write_comments_jsonl, write_file, write_wxr
from serai.imports.models import SiteExport

logger = logging.getLogger(__name__)


def export_dir() -> Path:
    folder = Path(settings.SERAI_EXPORT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@task()
def export_site(export_id: int) -> None:
    export = SiteExport.objects.filter(pk=export_id, status=SiteExport.Status.QUEUED).first()
    if export is None:
        return
    SiteExport.objects.filter(pk=export.pk).update(status=SiteExport.Status.RUNNING)
    try:
        folder = export_dir()
        counts = write_file(folder / export.file_name("wxr"), write_wxr)
        counts["comments in JSON Lines"] = write_file(
            folder / export.file_name("comments"), write_comments_jsonl
        )
    except Exception as exc:  # the staff member sees why, in the back office
        logger.exception("Site export %s failed", export.pk)
        SiteExport.objects.filter(pk=export.pk).update(
            status=SiteExport.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return
    SiteExport.objects.filter(pk=export.pk).update(
        status=SiteExport.Status.DONE, counts=counts, finished_at=timezone.now()
    )
