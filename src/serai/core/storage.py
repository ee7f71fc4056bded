"""Static files as WhiteNoise stores them, with each file's address worked out once per process."""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files (WhiteNoise); `url()` remembers what it answered.

    The manifest a server process reads at start does not change while it runs, and every page
    asks for the same few addresses (`{% static %}`), each a handful of path and manifest lookups.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)  # a file missing from the manifest raises: nothing kept
            if len(self._urls) < 10_000:
                self._urls[name] = found
        return found
