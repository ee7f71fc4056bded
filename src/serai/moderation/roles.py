"""The Moderators group: what a moderator may do, kept in one place and re-applied on migrate."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

MODERATORS = "Moderators"

PERMISSIONS = {
    "moderation": [
        "moderate_comments",
        "view_policyclause",
        "view_policyversion",
        "view_wordlistentry",
        "add_wordlistentry",
        "change_wordlistentry",
        "delete_wordlistentry",
        "view_ban",
        "view_report",
        "view_decision",
    ],
    # The conversation settings of sections and articles (moderation mode, closing).
    "comments": [
        "view_comment",
        "add_thread",
        "change_thread",
        "view_thread",
        "add_sectionconversation",
        "change_sectionconversation",
        "view_sectionconversation",
    ],
}


def moderators_group(using: str = "default") -> Group:
    """The group, created if missing, holding at least the permissions above."""
    group, _created = Group.objects.using(using).get_or_create(name=MODERATORS)
    wanted = Q()
    for app_label, codenames in PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.using(using).filter(wanted))
    return group


def on_post_migrate(sender, using="default", **kwargs) -> None:
    moderators_group(using=using)
