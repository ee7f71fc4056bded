"""The back office's view of moderation. Decisions on comments are taken in the queue
(/moderation/), which logs them; here the policy and word lists are edited, and the rest is read."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from serai.core.admin import SafeLookupsMixin
from serai.moderation import services
from serai.moderation.models import Ban, Decision, PolicyClause, Report, WordListEntry


@admin.register(PolicyClause)
class PolicyClauseAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "active"]
    list_editable = ["active"]
    ordering = ["number"]


@admin.register(WordListEntry)
class WordListEntryAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["term", "kind", "language", "clause", "note", "created_by", "created_at"]
    list_filter = ["kind", "language"]
    search_fields = ["term", "note"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(SafeLookupsMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ban)
class BanAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "clause", "reason", "created_by", "created_at", "expires_at"]
    list_filter = ["clause"]
    fields = [
        "author_name",
        "comment",
        "clause",
        "reason",
        "created_by",
        "created_at",
        "expires_at",
    ]
    actions = ["lift"]

    @admin.action(description=_("Lift the selected bans"), permissions=["view"])
    def lift(self, request, queryset):
        if not services.can_moderate(request.user):
            messages.error(request, _("Only moderators may lift bans."))
            return
        for ban in queryset.active():
            services.ban_lift(ban=ban, moderator=request.user)
        messages.success(request, _("Bans lifted."))


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["comment", "clause", "note", "created_at", "decision"]
    list_filter = ["clause"]
    fields = ["comment", "clause", "note", "created_at", "decision"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator_name", "action", "comment", "clause", "note"]
    list_filter = ["action", "moderator_name"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "moderator_name",
        "action",
        "comment",
        "clause",
        "note",
        "subject",
        "previous_status",
        "new_status",
    ]
