"""`serai check` (and every start) says when the translation backend is set up wrongly, with
the sentence that says what to set, instead of the translators finding out at the desk."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def translation_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from serai.translation.backends import _build

    try:
        _build(settings.SERAI_TRANSLATION_BACKEND)
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="serai.translation.E001")]
    return []
