"""The editors' back office."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from serai.newsroom import services
from serai.newsroom.library_admin import thumbnail
from serai.newsroom.models import Article, Author, Byline, Photo, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    view_on_site = True

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "portrait" in form.changed_data:
            services.author_make_renditions(author=obj)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name_plural = _("Byline (in order)")


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["position", "image", "caption_override"]
        widgets = {"caption_override": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image is not None and not image.alt_text.strip():
            raise ValidationError(
                _("This library image has no alt text yet. Describe it in the library, then choose it."),
                code="no_alt_text",
            )
        return image


class PhotoFormSet(forms.BaseInlineFormSet):
    """Photos left without a number follow the others, so numbers never collide by default."""

    def clean(self):
        kept = [
            f for f in self.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
        ]
        numbers = services.photos_number(numbers=[f.cleaned_data.get("position") for f in kept])
        for form, number in zip(kept, numbers, strict=True):
            form.cleaned_data["position"] = form.instance.position = number
        super().clean()


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


class ArticleAdminForm(forms.ModelForm):
    """The edit form applies the same publication rules as the list's actions."""

    class Meta:
        model = Article
        exclude: list[str] = []  # every editable field; the admin's fieldsets choose the layout

    def clean(self):
        cleaned = super().clean()
        status, at = cleaned.get("status"), cleaned.get("published_at")
        previous = Article.objects.get(pk=self.instance.pk) if self.instance.pk else Article()
        if status and status != previous.status:
            try:
                services.check_transition(previous, status)
            except ValidationError as exc:
                self.add_error("status", exc)
        newly_scheduled = status == Article.Status.SCHEDULED and (
            previous.status != status or previous.published_at != at
        )
        if newly_scheduled and at and at <= timezone.now():
            self.add_error(
                "published_at", _("Choose a publication time in the future to schedule an article.")
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
        (None, {"fields": ["language", "headline", "slug", "section", "dateline", "standfirst", "body"]}),
        (_("Publication"), {"fields": ["status", "published_at", "revised_at", "update_note"]}),
        (_("Editions"), {"fields": ["translation_of", "editions"]}),
    ]

    def view_on_site(self, obj):
        return obj.get_absolute_url() + "?preview=1"

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, obj):
        return obj.shown_status

    @admin.display(description=_("comments"))
    def comments_shown(self, obj):
        thread = obj.thread if hasattr(obj, "thread") else None
        return thread.published_count if thread else 0

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
        if obj.status == Article.Status.PUBLISHED and not obj.published_at:
            obj.published_at = timezone.now()
        services.article_note_changes(article=obj, previous=previous)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.article_render(article=form.instance)

    def _apply(self, request, queryset, action, done_message):
        done = 0
        for article in queryset:
            try:
                with transaction.atomic():
                    action(article)
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
            lambda a: services.article_publish(article=a),
            lambda n: ngettext("%d article published.", "%d articles published.", n) % n,
        )

    @admin.action(description=_("Schedule at their publication time"))
    def schedule(self, request, queryset):
        def schedule_one(article):
            if not article.published_at:
                raise ValidationError(_("Set a publication time first, then schedule."))
            services.article_schedule(article=article, at=article.published_at)

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
            lambda a: services.article_unpublish(article=a),
            lambda n: ngettext("%d article unpublished.", "%d articles unpublished.", n) % n,
        )

    @admin.action(description=_("Archive"))
    def archive(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.article_archive(article=a),
            lambda n: ngettext("%d article archived.", "%d articles archived.", n) % n,
        )
