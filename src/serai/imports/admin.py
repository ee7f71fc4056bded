"""The back office's site exports: "Add" asks for one (written in the background), the list shows
each with links to download its files once written. Files are served only to staff allowed to
view exports, never from the public media."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from serai.core.admin import SafeLookupsMixin
from serai.imports.models import SiteExport
from serai.imports.tasks import export_dir, export_site

KINDS = {"wxr": _("the site (WXR)"), "comments": _("comments (JSON Lines)")}


@admin.register(SiteExport)
class SiteExportAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ("created_at", "requested_by", "status", "files")
    readonly_fields = ("created_at", "requested_by", "status", "counts", "finished_at", "error", "files")
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: export_site.enqueue(obj.pk))

    @admin.display(description=_("files"))
    def files(self, obj):
        if obj.pk is None or obj.status != SiteExport.Status.DONE:
            return obj.get_status_display() if obj.pk else ""
        links = [(reverse("admin:imports_siteexport_download", args=[obj.pk, kind]), label)
                 for kind, label in KINDS.items()]  # fmt: skip
        return format_html_join(", ", '<a href="{}">{}</a>', links)

    def get_urls(self):
        download = self.admin_site.admin_view(self.download)
        return [path("<int:pk>/download/<str:kind>/", download, name="imports_siteexport_download"),
                *super().get_urls()]  # fmt: skip

    def download(self, request, pk: int, kind: str):
        if not self.has_view_permission(request):
            raise PermissionDenied
        export = SiteExport.objects.filter(pk=pk, status=SiteExport.Status.DONE).first()
        if export is None or kind not in KINDS:
            raise Http404("No such export.")
        file = export_dir() / export.file_name(kind)
        if not file.is_file():
            raise Http404("The export's file is gone.")
        return FileResponse(file.open("rb"), as_attachment=True, filename=file.name)
