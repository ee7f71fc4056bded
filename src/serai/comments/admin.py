from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from serai.comments.models import Comment, SectionConversation, Thread
from serai.core.admin import SafeLookupsMixin


@admin.register(Comment)
class CommentAdmin(SafeLookupsMixin, admin.ModelAdmin):
    """The raw list, for searching; moderators decide in the moderation queue."""

    list_display = ["author_name", "short_text", "article", "status", "moderation_rule", "created_at"]
    list_filter = ["status", "moderation_rule", "is_staff_comment", "language", "created_at"]
    search_fields = ["author_name", "text", "article__headline"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent", "user"]
    # The address is for notifications only; staff never need to see it or the address hash.
    exclude = ["email", "ip_hash"]
    readonly_fields = [
        "status",
        "moderation_rule",
        "moderation_reason",
        "policy_clause",
        "created_at",
        "published_at",
        "edited_at",
        "reply_count",
        "report_count",
    ]
    date_hierarchy = "created_at"

    @admin.display(description=_("comment"))
    def short_text(self, obj):
        return obj.text[:80]

    def has_add_permission(self, request):
        return False


@admin.register(Thread)
class ThreadAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = [
        "article",
        "mode",
        "close_after_days",
        "published_count",
        "votes_yes",
        "votes_no",
        "liked",
    ]
    list_filter = ["mode"]
    search_fields = ["article__headline"]
    raw_id_fields = ["article"]
    readonly_fields = ["published_count", "top_level_count", "votes_yes", "votes_no"]

    @admin.display(description=_("liked"))
    def liked(self, obj):
        return f"{obj.liked_percent}%" if obj.liked_percent is not None else "—"


@admin.register(SectionConversation)
class SectionConversationAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["section", "mode", "close_after_days"]
