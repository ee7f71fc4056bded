"""`serai create_editor` and the Editors group."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from serai.core.roles import EDITORS, ensure_roles


def test_create_editor_makes_a_staff_user_in_editors(db):
    call_command("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    user = get_user_model().objects.get(username="dana")
    assert user.is_staff and not user.is_superuser
    assert user.email == "dana@example.org"
    assert user.check_password("a-long-passphrase-9")
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert user.has_perm("newsroom.change_article")
    assert user.has_perm("newsroom.delete_photo")
    assert user.has_perm("pages.add_page")
    assert not user.has_perm("newsroom.delete_article")


def test_create_editor_without_password_or_terminal_says_what_to_do(db):
    with pytest.raises(CommandError, match="--password"):
        call_command("create_editor", "dana", "dana@example.org")
    assert not get_user_model().objects.filter(username="dana").exists()


def test_create_editor_refuses_an_existing_username(db):
    call_command("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    with pytest.raises(CommandError, match="already an account"):
        call_command("create_editor", "dana", "other@example.org", password="a-long-passphrase-9")


def test_ensure_roles_is_repeatable_and_keeps_extra_permissions(db):
    from django.contrib.auth.models import Permission

    group = ensure_roles()
    extra = Permission.objects.get(codename="delete_article")
    group.permissions.add(extra)
    again = ensure_roles()
    assert again.pk == group.pk
    assert again.permissions.filter(pk=extra.pk).exists()
    assert again.permissions.filter(codename="view_section").exists()
