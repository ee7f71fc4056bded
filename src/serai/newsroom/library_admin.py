"""The image library in the back office: upload several photos at once, describe each once,
find them again by search, and choose them for any article."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from serai.core.admin import SafeLookupsMixin
from serai.newsroom import services
from serai.newsroom.images import picture_html
from serai.newsroom.models import Image

THUMBNAIL_SIZES = "120px"


def thumbnail(image: Image | None, width: int = 120) -> str:
    """A small preview: the square crop around the focal point (or the whole picture's narrowest
    rendition, for images made before crops), shown `width` pixels wide."""
    if image is None or not image.renditions:
        return "—"
    squares = [r for r in image.renditions if r.get("crop") == "1x1"]
    narrowest = [r for r in squares if r["w"] == min(s["w"] for s in squares)] if squares else []
    sizes = f"{width}px"
    return format_html(
        '<span class="library-thumb">{}</span>',
        picture_html(narrowest, image.alt_text, sizes, crop="1x1")
        or picture_html(image.renditions[:2], image.alt_text, sizes),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise ValidationError(_("Choose one or more photos to upload."), code="required")
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class UploadForm(forms.Form):
    files = MultipleImageField(
        label=_("Photos"), help_text=_("JPEG, PNG, WebP or GIF; choose several at once.")
    )
    credit = forms.CharField(
        label=_("Credit for all of them"),
        max_length=120,
        required=False,
        help_text=_("Shown as [Name/Agency]."),
    )


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            "caption": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }


class DescribedFilter(admin.SimpleListFilter):
    title = _("description")
    parameter_name = "described"

    def lookups(self, request, model_admin):
        return [("no", _("Needs alt text")), ("yes", _("Described"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(alt_text="")
        if self.value() == "yes":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Image)
class ImageAdmin(SafeLookupsMixin, admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["preview", "description", "credit", "size", "used_in", "created_at"]
    list_display_links = ["preview", "description"]
    search_fields = ["alt_text", "caption", "credit", "file"]
    list_filter = [DescribedFilter, "created_at"]
    readonly_fields = ["focal_picker", "size", "used_in"]
    fieldsets = [
        (None, {"fields": ["file", "focal_picker", "size"]}),
        (_("Description"), {"fields": ["alt_text", "caption", "credit"]}),
        (_("Focal point (every crop keeps it in view)"), {"fields": ["focal_x", "focal_y"]}),
        (_("Articles"), {"fields": ["used_in"]}),
    ]
    list_per_page = 50
    change_list_template = "newsroom/admin/image_change_list.html"

    class Media:
        css = {"all": ["newsroom/admin.css"]}
        js = ["newsroom/focal.js"]

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    @admin.display(description=_("preview"))
    def preview(self, image):
        return thumbnail(image)

    @admin.display(description=_("description"))
    def description(self, image):
        if not image.alt_text:
            return format_html('<strong class="library-missing">{}</strong>', _("Needs alt text"))
        return image.alt_text

    @admin.display(description=_("size"))
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description=_("used in"))
    def used_in(self, image):
        if not image.pk:
            return "—"
        count = image.uses.count()
        return ngettext("%d article", "%d articles", count) % count

    @admin.display(description=_("preview and focal point"))
    def focal_picker(self, image):
        if not image.pk or not image.renditions:
            return "—"
        return format_html(
            '<div class="focal-picker" data-x="{}" data-y="{}">{}<span class="focal-dot" hidden></span></div>'
            '<p class="help">{}</p>',
            image.focal_x,
            image.focal_y,
            picture_html(image.renditions, image.alt_text, "480px"),
            _("Click the subject to set the focal point."),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if {"file", "focal_x", "focal_y"} & set(form.changed_data) or not obj.renditions:
            services.image_make_renditions(image=obj)
        if change and form.changed_data:
            services.image_refresh_articles(image=obj)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="newsroom_image_upload"), *super().get_urls()]

    def upload_view(self, request):
        """Several photos at once: each is checked and stored; refused ones are named."""
        if not self.has_add_permission(request):
            raise PermissionError
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            added = self._add_files(request, form.cleaned_data["files"], form.cleaned_data["credit"])
            if added:
                self.message_user(
                    request,
                    ngettext(
                        "Added %d photo to the library. Describe it before an article uses it.",
                        "Added %d photos to the library. Describe them before an article uses them.",
                        len(added),
                    )
                    % len(added),
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:newsroom_image_changelist") + "?described=no")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Upload photos to the library"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "newsroom/admin/image_upload.html", context)

    def _add_files(self, request, files, credit: str) -> list[Image]:
        added = []
        for file in files:
            try:
                added.append(services.image_add(file=file, uploaded_by=request.user, credit=credit))
            except ValidationError as exc:
                self.message_user(request, f"{file.name}: {' '.join(exc.messages)}", messages.ERROR)
        return added

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "upload_url": reverse("admin:newsroom_image_upload")}
        return super().changelist_view(request, extra_context)
