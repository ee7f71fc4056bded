from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from serai.comments import services
from serai.comments.forms import CommentTextField
from serai.comments.models import Comment, SectionConversation, Thread
from serai.core.admin import SafeLookupsMixin


class RedactionField(CommentTextField):
    def validate(self, value):
        if value:  # empty: keep the text
            super().validate(value)


class CommentAdminForm(forms.ModelForm):
    """The stored text is read-only; a moderator who must take words out (a phone number, a
    name) writes the text readers should see instead, and it goes through `comment_redact`."""

    redaction = RedactionField(
        label=_("Redacted text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Leave empty to keep the text. What you write here replaces it on every page."),
    )

    class Meta:
        model = Comment
        fields = ["redaction"]


@admin.register(Comment)
class CommentAdmin(SafeLookupsMixin, admin.ModelAdmin):
    """The raw list, for searching; moderators decide in the moderation queue and redact here."""

    form = CommentAdminForm

    list_display = ["author_name", "short_text", "article", "status", "moderation_rule", "created_at"]
    list_filter = ["status", "moderation_rule", "is_staff_comment", "language", "created_at"]
    search_fields = ["author_name", "text", "article__headline"]
    list_select_related = ["article"]
    # The email and the address hash are never shown to staff; the text is changed only by redaction.
    fields = ["article", "parent", "author_name", "text", "redaction", "language", "status",
              "moderation_rule", "moderation_reason", "policy_clause", "created_at", "published_at",
              "edited_at", "reply_count", "report_count"]  # fmt: skip
    readonly_fields = [
        "article",
        "parent",
        "author_name",
        "text",
        "language",
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

    def save_model(self, request, obj, form, change):
        """Only the redaction is written, through the service that re-renders and refreshes."""
        redaction = form.cleaned_data.get("redaction")
        if redaction:
            try:
                services.comment_redact(comment=obj, text=redaction)
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], level="error")


@admin.register(Thread)
class ThreadAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = [
        "article",
        "mode",
        "close_after_days",
        "published_comments",
        "votes_yes",
        "votes_no",
        "liked",
    ]
    list_filter = ["mode"]
    search_fields = ["article__headline"]
    raw_id_fields = ["article"]
    readonly_fields = ["votes_yes", "votes_no"]

    def get_queryset(self, request):
        # Every edition's comments: the thread is the story's.
        published = Q(article__story_comments__status=Comment.Status.PUBLISHED)
        return (
            super()
            .get_queryset(request)
            .annotate(published_comments=Count("article__story_comments", filter=published, distinct=True))
        )

    @admin.display(description=_("published comments"), ordering="published_comments")
    def published_comments(self, obj):
        return obj.published_comments

    @admin.display(description=_("liked"))
    def liked(self, obj):
        return f"{obj.liked_percent}%" if obj.liked_percent is not None else "—"


@admin.register(SectionConversation)
class SectionConversationAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["section", "mode", "close_after_days"]
