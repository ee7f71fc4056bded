"""The staff's roles, each a Django group kept up to date by code (re-applied on every migrate).

- Editor: the newsroom's back office (serai.core.roles).
- Moderator: the moderation queue (serai.moderation.roles).
- Translator: the translation desk, where comments are carried into the other editions'
  languages (`translators_group`).
- Editor-in-chief: all of these, "Can manage staff roles" — adding editors, moderators and
  translators and changing their roles in the back office, without a superuser — and exporting
  the whole site (Site exports).

Someone may give a role only when they hold every permission it carries, so nobody can make
another account more powerful than their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serai.core.roles import EDITORS, ensure_roles
from serai.moderation.roles import MODERATORS, moderators_group

EDITORS_IN_CHIEF = "Editors-in-chief"
TRANSLATORS = "Translators"
MANAGE_STAFF_ROLES = "staff.manage_staff_roles"
# What a translator may do: write and replace comments' translations (the desk asks for both),
# and read the comments. Named by label: this app imports neither comments nor translation.
TRANSLATOR_PERMISSIONS = {
    "comments": [
        "add_commenttranslation",
        "change_commenttranslation",
        "view_commenttranslation",
        "view_comment",
    ],
}


@transaction.atomic
def translators_group() -> Group:
    """The Translators group, created if missing, holding at least the permissions above."""
    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    wanted = Q()
    for app_label, codenames in TRANSLATOR_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))
    return group


@transaction.atomic
def editors_in_chief_group() -> Group:
    """Editors', moderators' and translators' permissions, and managing staff roles."""
    group, _created = Group.objects.get_or_create(name=EDITORS_IN_CHIEF)
    group.permissions.add(
        *ensure_roles().permissions.all(),
        *moderators_group().permissions.all(),
        *translators_group().permissions.all(),
        Permission.objects.get(content_type__app_label="staff", codename="manage_staff_roles"),
        # Exporting the whole site (articles, comments, commenters' addresses) from the back office.
        *Permission.objects.filter(
            content_type__app_label="imports", codename__in=["add_siteexport", "view_siteexport"]
        ),
    )
    return group


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    group_name: str
    ensure: Callable[[], Group]

    def group(self) -> Group:
        return Group.objects.filter(name=self.group_name).first() or self.ensure()

    def permission_names(self) -> set[str]:
        """The permissions the role carries, as `user.has_perms` names them."""
        return {
            f"{app}.{codename}"
            for app, codename in self.group().permissions.values_list("content_type__app_label", "codename")
        }


ROLES = (
    Role("editor", _("Editor"), EDITORS, ensure_roles),
    Role("moderator", _("Moderator"), MODERATORS, moderators_group),
    Role("translator", _("Translator"), TRANSLATORS, translators_group),
    Role("editor_in_chief", _("Editor-in-chief"), EDITORS_IN_CHIEF, editors_in_chief_group),
)
ROLE_BY_KEY = {role.key: role for role in ROLES}


def role_choices() -> list[tuple[str, str]]:
    return [(role.key, role.label) for role in ROLES]


def roles_of(user) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role.group_name in names]


def on_post_migrate(sender, using="default", **kwargs) -> None:
    if using != "default":
        return
    for role in ROLES:
        role.ensure()
