"""Staff roles in the back office, through its forms: an editor-in-chief adds and changes staff
without a superuser, never beyond their own permissions; editors and moderators set the
conversation of sections and articles."""

import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from serai.comments.models import SectionConversation, Thread
from serai.core.roles import EDITORS
from serai.moderation.roles import MODERATORS
from serai.staff.roles import EDITORS_IN_CHIEF
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
STAFF = "/admin/staff/staffmember/"
PASSWORD = "a-long-passphrase-9"


def make(command: str, username: str, **options) -> User:
    call_command(
        command, username, f"{username}@example.org", password=PASSWORD, stdout=io.StringIO(), **options
    )
    return User.objects.get(username=username)


def sign_in(client, username: str):
    """Through the staff sign-in form, as a person would."""
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def groups(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def add_staff(client, username: str, roles: list[str], **extra):
    return client.post(
        STAFF + "add/",
        {"username": username, "email": f"{username}@example.org", "password1": PASSWORD,
         "password2": PASSWORD, "roles": roles, **extra},
    )  # fmt: skip


def test_an_editor_in_chief_adds_a_moderator_who_then_reaches_the_queue(client):
    """No superuser involved: the new account is staff in Moderators and opens /en/moderation/."""
    make("create_editor", "chief", in_chief=True)
    sign_in(client, "chief")
    assert client.get("/admin/").content.decode().count(STAFF) >= 1
    form = client.get(STAFF + "add/").content.decode()
    assert 'value="moderator"' in form and "is_superuser" not in form
    response = add_staff(client, "sam", ["moderator"])
    assert response.status_code == 302
    sam = User.objects.get(username="sam")
    assert sam.is_staff and not sam.is_superuser and groups("sam") == {MODERATORS}
    client.logout()
    sign_in(client, "sam")
    assert client.get("/en/moderation/").status_code == 200


def test_superuser_status_cannot_be_given_through_the_form(client):
    """A forged is_superuser field is ignored."""
    make("create_editor", "chief", in_chief=True)
    sign_in(client, "chief")
    add_staff(client, "sam", ["moderator"], is_superuser="on", is_staff="on")
    assert not User.objects.get(username="sam").is_superuser


def test_no_role_beyond_ones_own_permissions(client):
    """Someone who may manage staff but not moderate is offered, and given, only the editor role."""
    editor = make("create_editor", "dana")
    editor.user_permissions.add(Permission.objects.get(codename="manage_staff_roles"))
    sign_in(client, "dana")
    form = client.get(STAFF + "add/").content.decode()
    assert 'value="editor"' in form and 'value="moderator"' not in form
    response = add_staff(client, "sam", ["moderator"])
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="sam").exists()
    assert add_staff(client, "sam", ["editor"]).status_code == 302
    assert groups("sam") == {EDITORS}


def test_an_editor_in_chief_changes_a_role_and_can_take_away_staff_access(client):
    """Editor becomes moderator; with no role the account leaves the back office."""
    make("create_editor", "chief", in_chief=True)
    dana = make("create_editor", "dana")
    sign_in(client, "chief")
    url = f"{STAFF}{dana.pk}/change/"
    shown = client.get(url).content.decode()
    assert re.search(r'<input[^>]*value="editor"[^>]*checked', shown)
    assert not re.search(r'<input[^>]*value="moderator"[^>]*checked', shown)
    form = {"email": "dana@example.org", "is_active": "on", "roles": ["moderator"]}
    assert client.post(url, form).status_code == 302
    assert groups("dana") == {MODERATORS} and User.objects.get(pk=dana.pk).is_staff
    assert client.post(url, {"email": "dana@example.org", "is_active": "on"}).status_code == 302
    assert groups("dana") == set() and not User.objects.get(pk=dana.pk).is_staff


def test_superusers_and_ones_own_account_are_not_changed_here(client):
    """The change form of a superuser, or of oneself, is read only and a POST is refused."""
    chief = make("create_editor", "chief", in_chief=True)
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    sign_in(client, "chief")
    for account in (root, chief):
        url = f"{STAFF}{account.pk}/change/"
        assert client.get(url).status_code == 200
        assert client.post(url, {"email": "x@example.org", "roles": ["moderator"]}).status_code == 403
    assert groups("chief") == {EDITORS_IN_CHIEF} and groups("root") == set()


def test_editors_without_the_permission_do_not_see_staff(client):
    make("create_editor", "dana")
    sign_in(client, "dana")
    assert STAFF not in client.get("/admin/").content.decode()
    assert client.get(STAFF).status_code == 403
    assert add_staff(client, "sam", ["editor"]).status_code == 403


@pytest.mark.parametrize("command", ["create_editor", "create_moderator"])
def test_editors_and_moderators_set_a_sections_comment_mode(client, command):
    """Not only superusers: the section's conversation settings are in their back office."""
    make(command, "someone")
    section = SectionFactory()
    sign_in(client, "someone")
    assert "/admin/comments/sectionconversation/" in client.get("/admin/").content.decode()
    response = client.post(
        "/admin/comments/sectionconversation/add/",
        {"section": section.pk, "mode": "closed", "close_after_days": ""},
    )
    assert response.status_code == 302
    assert SectionConversation.objects.get(section=section).mode == "closed"


@pytest.mark.parametrize("command", ["create_editor", "create_moderator"])
def test_editors_and_moderators_set_an_articles_comment_mode(client, command):
    make(command, "someone")
    article = ArticleFactory()
    thread, _created = Thread.objects.get_or_create(article=article)
    sign_in(client, "someone")
    response = client.post(
        f"/admin/comments/thread/{thread.pk}/change/",
        {"article": article.pk, "mode": "pre", "close_after_days": "3"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.mode, thread.close_after_days) == ("pre", 3)
