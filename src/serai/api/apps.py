from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public JSON API under /api/v1/ (docs/api.md)."""

    name = "serai.api"
    label = "api"
    verbose_name = "API"
