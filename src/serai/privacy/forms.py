from django import forms
from django.utils.translation import gettext_lazy as _


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address you gave when you commented."),
        error_messages={"required": _("Enter the email address you commented with.")},
    )


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my comments will be deleted for good."),
        error_messages={"required": _("Tick the box to confirm that you want your comments deleted.")},
    )
