"""Keeping cached pages fresh: what an app calls when something readers see has changed.

`core` knows no app. Each app connects receivers for its own models in its `AppConfig.ready()`
(`serai.newsroom.invalidation`, `serai.comments.invalidation`; pages and moderation name
theirs with `site_models`) and names what changed:
- `changed(names, paths)`: after the transaction commits, the generations `names` are bumped
  (every page and fragment made with an older value is stale at once, on every worker and app
  server) and the purge backend is asked to drop `paths` from caches in front (nginx), or, for a
  cache that tags pages with their names (Varnish with xkey, a CDN), the pages tagged `names`;
- `site_models(*models)`: their changes make every page stale (sections, standing pages, policy).
An app that schedules publication registers `register_next_due(function)`: the function answers
when the next scheduled item goes live, and cached pages expire by then (`due_check`).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from serai.core import generations
from serai.core.purge import purger

logger = logging.getLogger(__name__)

SITE = "site"

_next_due: list[Callable[[], datetime | None]] = []


_held = ContextVar("serai_freshness_held", default=None)


@contextmanager
def held():
    """Hold every change made inside (an import of thousands of articles): receivers skip their
    work (`is_held`), and at the end the whole site is refreshed once, as `site_changed` does,
    with when the next scheduled item goes live."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
        site_changed(None)
        transaction.on_commit(next_due_refresh)


def is_held() -> bool:
    """Inside `held()`: what changed will be refreshed site-wide at its end."""
    return bool(_held.get())


def changed(names: Iterable[str], paths: Iterable[str] = ()) -> None:
    """After commit: bump `names`, then purge `paths` (a failed purge is logged, never raised).
    Nothing, inside `held()`: its end refreshes everything."""
    if is_held():
        return
    names, paths = list(names), list(paths)

    def run() -> None:
        generations.store().bump(names)
        target = purger()
        # Caches that tag pages (Varnish's xkey) drop them by the names they showed; the others
        # by address.
        items = names if getattr(target, "by_keys", False) else paths
        if items:
            try:
                target.purge(items)
            except Exception:
                logger.exception("Could not purge %d changed pages from the caches in front", len(items))

    transaction.on_commit(run)


def site_changed(sender, **kwargs) -> None:
    """Receiver for models that any page may show: every page, and each edition's home page."""
    if not is_held():
        changed([SITE], [f"/{code}/" for code, _name in settings.LANGUAGES])


def site_models(*models) -> None:
    """Connect `site_changed` to the saves and deletions of `models` (from an app's ready())."""
    for model in models:
        post_save.connect(site_changed, sender=model, dispatch_uid=f"serai-fresh-{model._meta.label}")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"serai-fresh-del-{model._meta.label}")


def register_next_due(function: Callable[[], datetime | None]) -> None:
    """`function()` answers when the next scheduled item goes live (None: nothing scheduled)."""
    if function not in _next_due:
        _next_due.append(function)


def next_due_refresh() -> None:
    """Remember when the next scheduled item goes live, so cached pages expire by then."""
    due = [when for when in (function() for function in _next_due) if when is not None]
    # Milliseconds since the epoch, rounded up so a page is never rebuilt just before its time.
    value = math.ceil(min(due).timestamp() * 1000) if due else 0
    generations.store().set(generations.NEXT_DUE, value)


def due_check(now: float | None = None) -> None:
    """When the remembered due time has passed, start afresh: new lists, and the next due time."""
    store = generations.store()
    due = store.value(generations.NEXT_DUE)
    if due and due <= (now or time.time()) * 1000:
        store.bump([SITE])
        next_due_refresh()
