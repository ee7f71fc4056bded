"""The back office's view of moderation. Decisions on comments are taken in the queue
(/moderation/), which logs them; here the policy and word lists are edited, and the rest is read."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from serai.core.admin import SafeLookupsMixin, other_editions
from serai.moderation import policy, services
from serai.moderation.models import (
    Ban,
    Decision,
    PolicyClause,
    PolicyVersion,
    Report,
    WordListEntry,
)


class PolicyClauseForm(forms.ModelForm):
    """A clause with one title box and one explanation box per edition (empty: English shown)."""

    class Meta:
        model = PolicyClause
        fields = ["number", "title", "text", "active"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in other_editions():
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(edition)s)") % {"edition": _(name)},
                max_length=120,
                required=False,
                initial=self.instance.translated_titles.get(code, ""),
                widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
            )
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Explanation (%(edition)s)") % {"edition": _(name)},
                required=False,
                initial=self.instance.translated_texts.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def save(self, commit=True):
        clause = super().save(commit=False)
        for field, store in (("title", "translated_titles"), ("text", "translated_texts")):
            values = {
                code: self.cleaned_data[f"{field}_{code}"].strip()
                for code, _name in other_editions()
                if self.cleaned_data.get(f"{field}_{code}", "").strip()
            }
            setattr(clause, store, values)
        if commit:
            clause.save()
        return clause


class ReadOnlyAdmin(SafeLookupsMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyClause)
class PolicyClauseAdmin(SafeLookupsMixin, admin.ModelAdmin):
    """Editing a clause publishes a new version of the Comment Policy when its words change."""

    form = PolicyClauseForm
    list_display = ["number", "title", "active"]
    list_editable = ["active"]
    ordering = ["number"]

    def get_fieldsets(self, request, obj=None):
        editions = [
            (_(name), {"fields": [f"title_{code}", f"text_{code}"], "classes": ["collapse"]})
            for code, name in other_editions()
        ]
        return [(None, {"fields": ["number", "title", "text", "active"]}), *editions]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The per-edition boxes are added by the form itself, not by the model.
        kwargs["fields"] = PolicyClauseForm.Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        version = policy.policy_clause_save(clause=obj, changed_by=request.user)
        messages.info(
            request,
            _("The Comment Policy in force is version %(number)s.") % {"number": version.number},
        )

    def delete_model(self, request, obj):
        policy.policy_clause_delete(clause=obj, changed_by=request.user)

    def delete_queryset(self, request, queryset):
        for clause in queryset:
            policy.policy_clause_delete(clause=clause, changed_by=request.user)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(ReadOnlyAdmin):
    """Published versions, read only: they are what decisions cite."""

    list_display = ["number", "effective_at", "changed_by"]
    fields = ["number", "effective_at", "changed_by"]
    readonly_fields = fields
    view_on_site = True


@admin.register(WordListEntry)
class WordListEntryAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["term", "kind", "language", "clause", "note", "created_by", "created_at"]
    list_filter = ["kind", "language"]
    search_fields = ["term", "note"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


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
