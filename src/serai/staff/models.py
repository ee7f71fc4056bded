"""Staff members: user accounts as the back office's role manager sees them."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
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


class StaffLanguages(models.Model):
    """The languages a staff member reads: the moderation queue shows them comments in these
    languages first, and the translation desk offers these pairs. A comment in a language that
    no moderator reads is flagged in the queue."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_languages",
        verbose_name=_("staff member"),
    )
    # Language codes from settings.LANGUAGES, in the order the member gave them.
    languages = models.JSONField(_("languages read"), default=list, blank=True)

    class Meta:
        verbose_name = _("languages read")
        verbose_name_plural = _("languages read")

    def __str__(self) -> str:
        return ", ".join(self.languages)
