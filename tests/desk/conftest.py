"""The desk's tests run as moderation's do: tasks at once, mail kept, fresh word lists."""

from tests.moderation.conftest import (  # noqa: F401 - fixtures, found by name
    _moderation_settings,
    article,
    moderator,
    moderator_client,
    premoderated,
)
