"""The article form of the back office: sized for its content, typographic care on save, the
publication rules of the list's actions, and a guard against two editors overwriting each other."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from serai.newsroom import services
from serai.newsroom.models import Article, Photo
from serai.newsroom.revisions import latest_number
from serai.newsroom.typography import smarten

# Fields an editor types prose into: quotes and dashes are set for the edition's language.
PROSE_FIELDS = ("headline", "standfirst", "body", "update_note", "correction_note")


class BodyEditor(forms.Textarea):
    """The body's Markdown beside a live preview rendered by the same code as the article page."""

    def __init__(self, preview_url: str = "", attrs=None):
        self.preview_url = preview_url
        super().__init__(attrs={"rows": 28, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="body-editor">{}<div class="body-preview story-body" data-preview-url="{}" '
            'aria-live="polite" aria-label="{}"></div></div>',
            textarea,
            self.preview_url,
            _("Preview of the body"),
        )


class ArticleAdminForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    silent_fix = forms.BooleanField(
        label=_("Silent fix"),
        required=False,
        help_text=_("A typo or a broken link: readers see no 'Updated' note for this save."),
    )

    class Meta:
        model = Article
        exclude: list[str] = []  # every editable field; the admin's fieldsets choose the layout
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "update_note": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "correction_note": forms.Textarea(attrs={"rows": 2}),
            "body": BodyEditor(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.concurrent_changes: list[str] = []
        if self.instance.pk:
            self.fields["edit_version"].initial = latest_number(self.instance)

    def clean(self):
        cleaned = super().clean()
        language = cleaned.get("language") or self.instance.language
        for name in PROSE_FIELDS:
            if cleaned.get(name):
                cleaned[name] = smarten(cleaned[name], language)
                setattr(self.instance, name, cleaned[name])
        self._check_transition(cleaned)
        self._check_concurrent_save(cleaned)
        return cleaned

    def _check_transition(self, cleaned):
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

    def _check_concurrent_save(self, cleaned):
        """Refuse to overwrite a save made since this form was opened, saying what it changed.

        The form comes back with everything this editor typed and now counts as opened after that
        save, so saving again (after a look at the other changes) keeps this editor's version.
        """
        if not self.instance.pk:
            return
        base, current = cleaned.get("edit_version"), latest_number(self.instance)
        if base is None or base >= current:
            return
        newer = self.instance.revisions.filter(number__gt=base).select_related("author").order_by("number")
        from serai.newsroom.revision_admin import field_label

        changed = sorted({field_label(f) for r in newer for f in r.changed})
        authors = sorted({r.author.get_username() for r in newer if r.author})
        self.concurrent_changes = changed
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current)
        raise ValidationError(
            _(
                "%(who)s saved this article while you were editing it (changed: %(what)s). Your text "
                "is kept below; compare it with the article's history, then save again to keep yours."
            )
            % {
                "who": ", ".join(authors) or _("Another editor"),
                "what": ", ".join(changed) or _("nothing visible"),
            },
            code="concurrent_save",
        )


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["position", "image", "caption_override"]
        widgets = {"caption_override": forms.Textarea(attrs={"rows": 3})}

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
