import pytest


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path, monkeypatch):
    """The demo's credentials file in a throw-away var/, and no passwords from the environment."""
    settings.VAR_DIR = tmp_path / "var"
    monkeypatch.delenv("DEMO_EDITOR_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_MODERATOR_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_TRANSLATOR_PASSWORD", raising=False)
