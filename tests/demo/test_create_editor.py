"""`serai create_editor`, `serai create_moderator` and the Editors group."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from serai.core.roles import EDITORS, ensure_roles
from serai.moderation.roles import MODERATORS

User = get_user_model()


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_create_editor_makes_a_staff_user_in_editors(db):
    """The account is staff, not superuser, in Editors, and may edit the newsroom and comment settings."""
    run("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    user = User.objects.get(username="dana")
    assert user.is_staff and not user.is_superuser
    assert user.email == "dana@example.org"
    assert user.check_password("a-long-passphrase-9")
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert user.has_perm("newsroom.change_article")
    assert user.has_perm("newsroom.delete_photo")
    assert user.has_perm("pages.add_page")
    assert user.has_perm("comments.change_sectionconversation")
    assert user.has_perm("comments.change_thread")
    assert user.has_perm("moderation.change_policyclause")
    assert not user.has_perm("newsroom.delete_article")
    assert not user.has_perm("moderation.moderate_comments")


def test_without_password_or_terminal_a_password_is_generated_and_printed_once(db):
    """No --password and no terminal: a generated password is printed, and it signs in."""
    out = run("create_editor", "dana", "dana@example.org")
    (line,) = [line for line in out.splitlines() if line.startswith("Password: ")]
    password = line.removeprefix("Password: ")
    assert len(password) >= 12
    assert User.objects.get(username="dana").check_password(password)


def test_running_it_again_changes_nothing(db):
    """Idempotent: the same name and address again keeps the account and its password."""
    run("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    out = run("create_editor", "dana", "dana@example.org", password="another-passphrase-7")
    assert "already has the editor role" in out and "password was left as it is" in out
    user = User.objects.get(username="dana")
    assert user.check_password("a-long-passphrase-9")
    assert User.objects.filter(username="dana").count() == 1


def test_an_existing_name_with_another_address_is_refused(db):
    """Another person's account is never taken over by a second run with a different address."""
    run("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    with pytest.raises(CommandError, match="already an account named “dana” with another email"):
        run("create_editor", "dana", "other@example.org", password="a-long-passphrase-9")
    assert User.objects.get(username="dana").email == "dana@example.org"


def test_bad_input_is_refused_with_a_sentence_and_nothing_is_created(db):
    """A bad address, a weak password or an impossible username: a clear message, no account."""
    with pytest.raises(CommandError, match="not an email address"):
        run("create_moderator", "sam", "not-an-address")
    with pytest.raises(CommandError, match="too weak"):
        run("create_moderator", "sam", "sam@example.org", password="123")
    with pytest.raises(CommandError, match="Nothing was created"):
        run("create_moderator", "sam smith!", "sam@example.org", password="a-long-passphrase-9")
    assert not User.objects.filter(email="sam@example.org").exists()


def test_create_moderator_makes_a_staff_user_in_moderators(db):
    """The moderator is staff in Moderators, may moderate, and may not edit articles."""
    out = run("create_moderator", "sam", "sam@example.org", password="a-long-passphrase-9")
    assert "Created the moderator “sam”" in out
    user = User.objects.get(username="sam")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [MODERATORS]
    assert user.has_perm("moderation.moderate_comments")
    assert user.has_perm("comments.change_thread")
    assert not user.has_perm("newsroom.change_article")


def test_an_editor_can_also_be_made_a_moderator(db):
    """create_moderator on an existing editor adds the role and keeps the editor's."""
    run("create_editor", "dana", "dana@example.org", password="a-long-passphrase-9")
    out = run("create_moderator", "dana", "dana@example.org")
    assert "now has the moderator role" in out
    assert set(User.objects.get(username="dana").groups.values_list("name", flat=True)) == {
        EDITORS,
        MODERATORS,
    }


def test_create_moderator_then_signing_in_reaches_the_queue(db, client):
    """The account the command makes signs in on the staff sign-in page and opens the queue."""
    run("create_moderator", "sam", "sam@example.org", password="a-long-passphrase-9")
    response = client.post(
        "/admin/login/?next=/en/moderation/",
        {"username": "sam", "password": "a-long-passphrase-9", "next": "/en/moderation/"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/moderation/"
    assert client.get("/en/moderation/").status_code == 200


def test_ensure_roles_is_repeatable_and_keeps_extra_permissions(db):
    from django.contrib.auth.models import Permission

    group = ensure_roles()
    extra = Permission.objects.get(codename="delete_article")
    group.permissions.add(extra)
    again = ensure_roles()
    assert again.pk == group.pk
    assert again.permissions.filter(pk=extra.pk).exists()
    assert again.permissions.filter(codename="view_section").exists()
