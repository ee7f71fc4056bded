"""Topics in the back office: a topic's name in each edition, one box per language; the article
form picks topics by name (autocomplete)."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from serai.core.admin import SafeLookupsMixin, other_editions
from serai.newsroom.topics import Topic


class TopicAdminForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.translated_names if isinstance(self.instance.translated_names, dict) else {}
        for code, _name in other_editions():
            self.fields[f"name_{code}"].initial = names.get(code, "")

    def save(self, commit=True):
        names = {code: self.cleaned_data.get(f"name_{code}", "").strip() for code, _name in other_editions()}
        self.instance.translated_names = {code: name for code, name in names.items() if name}
        return super().save(commit)


def topic_form() -> type[TopicAdminForm]:
    """The topic form with a name box for each edition language of this site's settings."""
    fields = {
        f"name_{code}": forms.CharField(
            label=_("Name in %(language)s") % {"language": _(name)}, max_length=80, required=False
        )
        for code, name in other_editions()
    }
    return type("TopicForm", (TopicAdminForm,), fields)


@admin.register(Topic)
class TopicAdmin(SafeLookupsMixin, admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ["name", "slug", "article_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    view_on_site = True

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = topic_form()
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["name", *[f"name_{code}" for code, _name in other_editions()], "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tagged=Count("articles"))

    @admin.display(description=_("articles"), ordering="tagged")
    def article_count(self, obj):
        return obj.tagged
