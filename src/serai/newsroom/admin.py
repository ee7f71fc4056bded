"""The editors' back office."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from serai.core.admin import SafeLookupsMixin, other_editions
from serai.core.params import parse_id
from serai.newsroom import services
from serai.newsroom.admin_forms import ArticleAdminForm, PhotoForm, PhotoFormSet
from serai.newsroom.library_admin import thumbnail
from serai.newsroom.models import Article, Author, Byline, Edition, Photo, Section
from serai.newsroom.rendering import render_body
from serai.newsroom.revision_admin import ArticleRevisionsMixin
from serai.newsroom.revisions import latest_number, revision_record
from serai.newsroom.typography import smarten


class SectionAdminForm(forms.ModelForm):
    """A section's name in each other edition, one field per language (not a JSON box)."""

    class Meta:
        model = Section
        fields = ["name", "slug", "description", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in other_editions():
            self.fields[f"name_{code}"].initial = self.instance.translated_names.get(code, "")

    def save(self, commit=True):
        names = {code: self.cleaned_data.get(f"name_{code}", "").strip() for code, _name in other_editions()}
        self.instance.translated_names = {code: name for code, name in names.items() if name}
        return super().save(commit)


def _section_form() -> type[SectionAdminForm]:
    """The section form with a name field for each edition language of this site's settings."""
    fields = {
        f"name_{code}": forms.CharField(
            label=_("Name in %(language)s") % {"language": _(name)}, max_length=80, required=False
        )
        for code, name in other_editions()
    }
    return type("SectionForm", (SectionAdminForm,), fields)


@admin.register(Section)
class SectionAdmin(SafeLookupsMixin, admin.ModelAdmin):
    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = _section_form()
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        names = [f"name_{code}" for code, _name in other_editions()]
        return ["name", *names, "slug", "description", "position"]

    form = SectionAdminForm
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    view_on_site = True

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "portrait" in form.changed_data:
            services.author_make_renditions(author=obj)


@admin.register(Edition)
class EditionAdmin(SafeLookupsMixin, admin.ModelAdmin):
    """Each language edition's own settings. An edition without a row takes the defaults (the
    site's tagline, every comment shown), so editors add the row the first time they set one; a
    save refreshes the edition's pages (`newsroom.invalidation.edition_changed`)."""

    list_display = ["language", "tagline", "other_language_comments"]
    fields = ["language", "tagline", "other_language_comments"]

    def get_readonly_fields(self, request, obj=None):
        return ["language"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # emptying the tagline and choosing "all" is the way back to the defaults


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name_plural = _("Byline (in order)")


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoForm
    formset = PhotoFormSet
    extra = 1
    fields = ["position", "image", "preview", "caption_override"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["image"]
    verbose_name_plural = _("Photos (from the image library)")

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo.image if photo.image_id else None)


@admin.register(Article)
class ArticleAdmin(SafeLookupsMixin, ArticleRevisionsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "section",
        "language",
        "status_shown",
        "published_at",
        "revised_at",
        "comments_shown",
        "reader_votes",
    ]
    list_filter = ["status", "language", "section", "bylines__author", "published_at"]
    search_fields = ["headline", "standfirst", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["translation_of"]
    list_select_related = ["section", "thread"]
    inlines = [BylineInline, PhotoInline]
    readonly_fields = ["revised_at", "editions"]
    actions = ["publish", "schedule", "unpublish", "archive"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "edit_version",
                    "headline",
                    "slug",
                    ("language", "section"),
                    "dateline",
                    "standfirst",
                    "body",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "revised_at",
                    "update_note",
                    "correction_note",
                    "silent_fix",
                ]
            },
        ),
        (_("Editions"), {"fields": ["translation_of", "editions"]}),
    ]

    class Media:
        css = {"all": ["newsroom/admin.css"]}
        js = ["newsroom/article_form.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["body"].widget.preview_url = reverse("admin:newsroom_article_preview") + (
            f"?article={obj.pk}" if obj else ""
        )
        return form

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [path("preview/", preview, name="newsroom_article_preview"), *super().get_urls()]

    def preview_view(self, request):
        """The body as readers would see it, from the text being typed (staff only, POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        article = None
        if (article_id := parse_id(request.GET.get("article"))) is not None:
            article = Article.objects.filter(pk=article_id).first()
        photos = list(article.photos.select_related("image").order_by("position")) if article else []
        language = request.POST.get("language") or (article.language if article else "en")
        html = render_body(
            smarten(request.POST.get("body", "")[:200_000], language),
            photos=photos,
            dateline=request.POST.get("dateline", "")[:80],
        )
        return HttpResponse(html, content_type="text/html; charset=utf-8")

    def view_on_site(self, obj):
        return obj.get_absolute_url() + "?preview=1"

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, obj):
        return obj.shown_status

    def get_queryset(self, request):
        # The list's comment counts in the list's one query ("comments" is the conversation's
        # relation to the article, by name: the newsroom imports no app above it).
        published = Q(comments__status="published")
        return (
            super()
            .get_queryset(request)
            .annotate(published_comments=Count("comments", filter=published, distinct=True))
        )

    @admin.display(description=_("comments"), ordering="published_comments")
    def comments_shown(self, obj):
        return obj.published_comments

    @admin.display(description=_("liked (yes / no)"))
    def reader_votes(self, obj):
        thread = obj.thread if hasattr(obj, "thread") else None
        if not thread or not thread.votes_total:
            return "—"
        return f"{thread.liked_percent}% ({thread.votes_yes} / {thread.votes_no})"

    @admin.display(description=_("other editions"))
    def editions(self, obj):
        if not obj.pk:
            return "—"
        root = obj.translation_of or obj
        others = [a for a in [root, *root.translations.all()] if a.pk != obj.pk]
        links = format_html_join(
            ", ",
            '<a href="{}">{} ({})</a>',
            ((reverse("admin:newsroom_article_change", args=[a.pk]), a.headline, a.language) for a in others),
        )
        add = format_html(
            '<a href="{}?translation_of={}&amp;section={}">{}</a>',
            reverse("admin:newsroom_article_add"),
            root.pk,
            obj.section_id,
            _("Add a translation"),
        )
        return format_html("{} {}", links or "", add)

    def save_model(self, request, obj, form, change):
        previous = Article.objects.get(pk=obj.pk) if change else None
        if previous is not None and not latest_number(previous):
            # The first revision keeps the article as it was before revisions were kept.
            revision_record(article=previous, note=_("As it was before this save"))
        target = obj.status
        if previous is not None and target != previous.status:
            obj.status = previous.status  # the move itself goes through the services below
        if not form.cleaned_data.get("silent_fix"):
            services.article_note_changes(article=obj, previous=previous)
        if target == Article.Status.PUBLISHED and previous is None and not obj.published_at:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
        if previous is not None and target != previous.status:
            services.article_move(article=obj, target=target, at=form.cleaned_data.get("published_at"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.article_render(article=form.instance)
        revision_record(article=form.instance, author=request.user)

    def _apply(self, request, queryset, action, done_message):
        done = 0
        for article in queryset:
            try:
                with transaction.atomic():
                    action(article)
                    revision_record(article=article, author=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{article.headline}: {' '.join(exc.messages)}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Publish now"))
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.article_move(article=a, target=Article.Status.PUBLISHED),
            lambda n: ngettext("%d article published.", "%d articles published.", n) % n,
        )

    @admin.action(description=_("Schedule at their publication time"))
    def schedule(self, request, queryset):
        def schedule_one(article):
            if not article.published_at:
                raise ValidationError(_("Set a publication time first, then schedule."))
            services.article_move(article=article, target=Article.Status.SCHEDULED, at=article.published_at)

        self._apply(
            request,
            queryset,
            schedule_one,
            lambda n: ngettext("%d article scheduled.", "%d articles scheduled.", n) % n,
        )

    @admin.action(description=_("Unpublish (back to draft)"))
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.article_move(article=a, target=Article.Status.DRAFT),
            lambda n: ngettext("%d article unpublished.", "%d articles unpublished.", n) % n,
        )

    @admin.action(description=_("Archive"))
    def archive(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.article_move(article=a, target=Article.Status.ARCHIVED),
            lambda n: ngettext("%d article archived.", "%d articles archived.", n) % n,
        )
