"""The demo's editor and moderator accounts and their password file."""

from django.contrib.auth import get_user_model

from serai.core.roles import ensure_roles
from serai.demo.accounts import credentials_file, ensure_editor, ensure_moderator, saved_password
from serai.moderation.roles import MODERATORS


def test_generated_password_is_saved_and_reused(db):
    group = ensure_roles()
    first = ensure_editor(group)
    assert first.created and first.password
    assert first.password in credentials_file().read_text()
    again = ensure_editor(group)
    assert not again.created and again.password == first.password


def test_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "a-long-demo-passphrase")
    account = ensure_editor(ensure_roles())
    assert account.password == "a-long-demo-passphrase"
    assert get_user_model().objects.get(username="editor").check_password("a-long-demo-passphrase")
    assert not credentials_file().exists()


def test_a_changed_password_is_kept_and_not_printed(db):
    group = ensure_roles()
    ensure_editor(group)
    user = get_user_model().objects.get(username="editor")
    user.set_password("changed-by-the-editor-1")
    user.save()
    account = ensure_editor(group)
    assert account.password is None
    user.refresh_from_db()
    assert user.check_password("changed-by-the-editor-1")


def test_the_moderator_is_staff_in_moderators_and_shares_the_file(db):
    editor = ensure_editor(ensure_roles())
    moderator = ensure_moderator()
    assert moderator.created and moderator.password and moderator.password != editor.password
    user = get_user_model().objects.get(username="moderator")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [MODERATORS]
    assert user.has_perm("moderation.moderate_comments")
    assert saved_password("editor") == editor.password
    assert saved_password("moderator") == moderator.password
    again = ensure_moderator()
    assert not again.created and again.password == moderator.password
    assert ensure_editor(ensure_roles()).password == editor.password


def test_moderator_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_MODERATOR_PASSWORD", "a-long-moderator-passphrase")
    account = ensure_moderator()
    assert account.password == "a-long-moderator-passphrase"
    assert account.source == "DEMO_MODERATOR_PASSWORD"
    assert not credentials_file().exists()


def test_a_credentials_file_with_the_editor_alone_still_reads(db):
    path = credentials_file()
    path.parent.mkdir(parents=True)
    path.write_text("# The demo editor account.\nusername: editor\npassword: older-passphrase-1\n")
    assert saved_password("editor") == "older-passphrase-1"
    assert saved_password("moderator") == ""
    moderator = ensure_moderator()
    assert saved_password("editor") == "older-passphrase-1"
    assert saved_password("moderator") == moderator.password


def test_the_translator_joins_the_translators_group_once(db):
    """The Translators role's group, with the translation desk's permissions."""
    from serai.demo.accounts import ensure_translator
    from serai.staff.roles import translators_group

    existing = translators_group()
    first = ensure_translator()
    assert first.created and first.password in credentials_file().read_text()
    again = ensure_translator()
    assert not again.created and again.password == first.password
    user = get_user_model().objects.get(username="translator")
    assert list(user.groups.all()) == [existing] and user.is_staff
    assert user.has_perms(["comments.add_commenttranslation", "comments.change_commenttranslation"])


def test_languages_read_are_recorded_once_and_a_change_is_kept(db):
    from serai.demo.accounts import ensure_languages_read, ensure_translator
    from serai.staff.models import StaffLanguages

    ensure_translator()
    ensure_moderator()
    assert ensure_languages_read() == 2  # the editor has no account yet
    StaffLanguages.objects.filter(user__username="translator").update(languages=["kk", "en"])
    assert ensure_languages_read() == 0
    assert StaffLanguages.objects.get(user__username="translator").languages == ["kk", "en"]
    assert StaffLanguages.objects.get(user__username="moderator").languages[:2] == ["en", "ru"]
