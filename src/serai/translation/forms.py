"""The desk's form: one comment's translation into one language.

The machine draft the box was prefilled with travels back signed, so the desk knows whether the
translator saved it unchanged (the machine's translation, reviewed by them) or wrote their own.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

DRAFT_SALT = "serai.translation.draft"


def sign_draft(*, comment_id: int, language: str, text: str) -> str:
    return signing.dumps([comment_id, language, text], salt=DRAFT_SALT, compress=True)


class TranslationForm(forms.Form):
    comment = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    language = forms.CharField(max_length=20)
    # Measured and refused by the service, which says how much is over (the request's own size limit
    # bounds it): the text is kept whatever it is.
    text = forms.CharField(required=False, strip=False)
    draft = forms.CharField(required=False, max_length=20_000)

    def machine_draft(self) -> str:
        """The draft the box was prefilled with, if it is the desk's own for this comment."""
        data = self.cleaned_data
        try:
            comment_id, language, text = signing.loads(data["draft"], salt=DRAFT_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return ""
        same = comment_id == data["comment"] and language == data["language"]
        return text if same and isinstance(text, str) else ""


class SkipForm(forms.Form):
    comment = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    language = forms.CharField(max_length=20)


class LanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages I read"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
