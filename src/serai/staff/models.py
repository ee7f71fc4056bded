"""Staff members: user accounts as the back office's role manager sees them."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _


class StaffMember(User):
    """A user account, managed by role (no table of its own).

    Its one permission, "Can manage staff roles", lets an editor-in-chief add editors and
    moderators and change their roles, never beyond the permissions they hold themselves.
    """

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("manage_staff_roles", _("Can manage staff roles"))]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
