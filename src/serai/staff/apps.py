from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts and their roles (editor, moderator, editor-in-chief), managed without a
    superuser by whoever holds "Can manage staff roles"."""

    name = "serai.staff"
    verbose_name = _("Staff")

    def ready(self) -> None:
        from serai.staff import roles

        # Last of our apps to migrate: every permission the roles name exists by then.
        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="staff-roles")
