"""Newsroom roles as Django groups.

`ensure_roles()` creates the "Editors" group, or tops it up, with what an editor needs in the back
office: to add, change and view sections, editions' settings, authors, articles, library images and
standing pages, and also to delete photos and byline entries (removing a photo or an author from an
article); to set the conversation of a section or an article (moderation mode, closing); and to
reword the Comment Policy's clauses. It only ever adds permissions: whatever an administrator
granted the group on top is kept. The apps are named by label only: this module imports none of
them.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

EDITORS = "Editors"

# (app label, model name) -> actions editors may take on it.
EDITOR_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("newsroom", "section"): ("add", "change", "view"),
    ("newsroom", "author"): ("add", "change", "view"),
    ("newsroom", "article"): ("add", "change", "view"),
    ("newsroom", "byline"): ("add", "change", "view", "delete"),
    ("newsroom", "photo"): ("add", "change", "view", "delete"),
    ("newsroom", "image"): ("add", "change", "view"),
    # An edition's settings: its row is added the first time an editor sets one.
    ("newsroom", "edition"): ("add", "change", "view"),
    ("pages", "page"): ("add", "change", "view"),
    ("comments", "thread"): ("add", "change", "view"),
    ("comments", "sectionconversation"): ("add", "change", "view"),
    ("moderation", "policyclause"): ("add", "change", "view"),
    ("moderation", "policyversion"): ("view",),
}


def editor_permissions() -> list[Permission]:
    """The Permission rows editors get, created first if migrations have not made them yet."""
    for label in sorted({app for app, _model in EDITOR_PERMISSIONS}):
        create_permissions(apps.get_app_config(label), verbosity=0)
    found: list[Permission] = []
    for (app, model), actions in EDITOR_PERMISSIONS.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(app, model))
        codenames = [f"{action}_{model}" for action in actions]
        perms = list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise ImproperlyConfigured(
                f"Permissions {', '.join(sorted(missing))} do not exist; run `serai migrate` first."
            )
        found += perms
    return found


@transaction.atomic
def ensure_roles() -> Group:
    """Create or top up the Editors group; returns it. Safe to call any number of times."""
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*editor_permissions())
    return group
