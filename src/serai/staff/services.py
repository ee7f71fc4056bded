"""Adding staff and changing their roles: the back office and the commands write through here.

A member of staff's roles are their role groups (serai.staff.roles); holding at least one makes
the account staff (it can sign in to the back office), holding none ends that. A change made by
someone (`changed_by`) is refused unless they may manage the account and give every role asked
for; commands run by the site's operator pass no one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from serai.staff.models import StaffLanguages
from serai.staff.roles import MANAGE_STAFF_ROLES, ROLE_BY_KEY, ROLES, Role


def grantable_roles(user) -> list[Role]:
    """The roles `user` may give: those whose every permission they hold themselves."""
    if not (user.is_active and user.has_perm(MANAGE_STAFF_ROLES)):
        return []
    if user.is_superuser:
        return list(ROLES)
    held = user.get_all_permissions()
    return [role for role in ROLES if role.permission_names() <= held]


def may_manage(user, account) -> bool:
    """Whether `user` may change `account`: never themselves, a superuser, or anyone who holds a
    permission `user` does not."""
    if not (user.is_active and user.has_perm(MANAGE_STAFF_ROLES)):
        return False
    if account.pk is None:
        return True
    if account.pk == user.pk or account.is_superuser:
        return False
    return user.is_superuser or account.get_all_permissions() <= user.get_all_permissions()


def _check(changed_by, account: User, roles: list[str]) -> None:
    if changed_by is None:
        return
    if not may_manage(changed_by, account):
        raise PermissionDenied(_("You may not change this account's roles."))
    allowed = {role.key for role in grantable_roles(changed_by)}
    if not set(roles) <= allowed:
        raise PermissionDenied(_("You may not give a role whose permissions you do not hold."))


@transaction.atomic
def staff_save(*, account: User, roles: list[str], changed_by=None) -> User:
    """Save a new or changed account with exactly these roles (other groups are kept)."""
    unknown = set(roles) - set(ROLE_BY_KEY)
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(sorted(unknown))}")
    _check(changed_by, account, roles)
    account.is_staff = bool(roles) or account.is_superuser
    account.save()
    wanted = [ROLE_BY_KEY[key].group() for key in roles]
    account.groups.remove(*[role.group() for role in ROLES if role.key not in roles])
    account.groups.add(*wanted)
    return account


def staff_create(*, username: str, email: str, password: str, roles: list[str], changed_by=None) -> User:
    """A new staff account with a password and these roles."""
    account = User(username=username, email=email)
    account.set_password(password)
    return staff_save(account=account, roles=roles, changed_by=changed_by)


def staff_languages_set(*, account: User, languages: list[str], first: str = "") -> list[str]:
    """The languages a member of staff reads, from those the site publishes in (others refused),
    once each; `first` (their first language, into which the moderation desk's machine
    translations are made) leads when given."""
    codes = [code for code, _name in settings.LANGUAGES]
    unknown = [code for code in [*languages, *([first] if first else [])] if code not in codes]
    if unknown:
        raise ValidationError(
            _("“%(code)s” is not a language this site publishes in.") % {"code": unknown[0][:20]}
        )
    chosen = [code for code in codes if code in set(languages)]  # in the site's order
    if first:
        chosen = [first, *(code for code in chosen if code != first)]
    StaffLanguages.objects.update_or_create(user=account, defaults={"languages": chosen})
    return chosen
