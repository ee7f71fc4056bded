"""Comments' translations in the back office: to find and read them. Translators write them at the
translation desk; a deletion here goes through the service, so the story's pages are refreshed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from serai.comments.models import CommentTranslation
from serai.core.admin import SafeLookupsMixin
from serai.translation import services


@admin.register(CommentTranslation)
class CommentTranslationAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = [
        "comment_id",
        "language",
        "short_text",
        "origin",
        "translated_by",
        "reviewed_by",
        "reviewed_at",
    ]
    list_filter = ["language", "origin"]
    search_fields = ["text"]
    list_select_related = ["translated_by", "reviewed_by"]
    readonly_fields = [
        "comment",
        "language",
        "text",
        "origin",
        "translated_by",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields
    raw_id_fields = ["comment"]

    @admin.display(description=_("translation"))
    def short_text(self, obj) -> str:
        return obj.text[:80]

    def has_add_permission(self, request) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        services.translation_delete(translation=obj, deleted_by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for translation in queryset:
            services.translation_delete(translation=translation, deleted_by=request.user)
