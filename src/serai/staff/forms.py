"""The back office's staff forms: add a member of staff with roles, change an account's roles."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from serai.staff.models import StaffMember
from serai.staff.roles import roles_of
from serai.staff.services import grantable_roles


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _roles_field(requester, *, required: bool) -> RolesField:
    return RolesField(
        label=_("roles"),
        choices=[(role.key, role.label) for role in grantable_roles(requester)],
        required=required,
        help_text=_(
            "Editors work in the back office, moderators in the moderation queue, translators at the "
            "translation desk; editors-in-chief do all of this and manage the staff. You can give only "
            "roles whose permissions you hold."
        ),
    )


class StaffCreationForm(UserCreationForm):
    requester = None  # the member of staff filling the form in, set by the admin

    class Meta:
        model = StaffMember
        fields = ["username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["roles"] = _roles_field(self.requester, required=True)


class StaffChangeForm(forms.ModelForm):
    requester = None

    class Meta:
        model = StaffMember
        fields = ["email", "is_active"]
        labels = {"is_active": _("may sign in")}
        help_texts = {"is_active": _("Untick instead of deleting the account: its work keeps its name.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["roles"] = _roles_field(self.requester, required=False)
        self.fields["roles"].help_text = _("No role: the account can no longer use the back office.")
        self.initial["roles"] = [role.key for role in roles_of(self.instance)]
