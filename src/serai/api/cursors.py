"""Opaque keyset cursors: a position (time, id) in base64url, so clients pass it back unread and
the format can change without breaking them. A cursor that is not one of ours is a 400 problem."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from django.utils.translation import gettext as _

from serai.api.problems import Problem
from serai.comments.selectors import decode_cursor


def encode(when: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{when.isoformat()}~{pk}".encode()).decode().rstrip("=")


def encode_position(position: str | None) -> str | None:
    """A thread page's own cursor ("<iso time>~<id>", serai.comments.selectors) made opaque."""
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=") if position else None


def decode(cursor: str | None) -> tuple[datetime, int] | None:
    """The position a cursor names; None for no cursor; a 400 problem for anything else."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, ValueError):
        raw = ""
    position = decode_cursor(raw)
    if position is None:
        raise Problem(400, _("The cursor is not one this API gave out."), kind="bad-cursor")
    return position
