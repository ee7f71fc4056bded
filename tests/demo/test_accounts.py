"""The demo's editor account and its password file."""

from django.contrib.auth import get_user_model

from serai.core.roles import ensure_roles
from serai.demo.accounts import credentials_file, ensure_editor


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
