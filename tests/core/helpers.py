"""Helpers for tests that start Serai in another process."""

import os


def environment_without_settings() -> dict:
    """This process's environment without Serai's settings, for a process that sets its own."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SERAI_", "DATABASE_", "CACHE_", "EMAIL_")) and k not in {"SECRET_KEY", "DEBUG"}
    }
