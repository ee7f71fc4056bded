"""Work a fresh worker would otherwise do for its first readers, done before it takes one.

In a fresh worker the first article page took 83-106 ms of CPU and the next one 1.5 ms: Django
builds its URL tables for each language, reads each language's message catalogue and compiles
templates on first use, and its e-mail validator compiles its patterns on the first address it
checks (about 30 ms, paid by the first commenter). Warmed, the first article page takes 43-56 ms
(what is left opens the database and the cache in the request's own thread), and the first page
in each other language and the first comment lose their share too. The warm-up costs a worker
about 130 ms as it starts, before it takes readers. `serai.wsgi` calls `warm_up()` once per
worker, before `gc.freeze()`, so what it makes is also kept out of the garbage collector's sight.

Nothing here reads the database or changes what a page shows; a failure is logged and the worker
starts as it would have.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.validators import validate_email
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")
STEPS = ("languages", "templates", "email")


def warm_up() -> dict[str, int]:
    """Prepare what the first requests of a worker would; returns what was done (also logged)."""
    done = {"languages": 0, "templates": 0, "failed": 0}
    for name in STEPS:
        try:
            globals()[f"_{name}"](done)
        except Exception:  # a step that fails leaves its work to the first request, as before
            done["failed"] += 1
            logger.warning("Warming up the worker: %s failed", name, exc_info=True)
    logger.debug("Worker warmed up: %s", done)
    return done


def _languages(done: dict[str, int]) -> None:
    """Each language's catalogue (read when the language is activated), and the URL resolver's
    tables for it (i18n patterns)."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 (built per language on first use)
        done["languages"] += 1


def _templates(done: dict[str, int]) -> None:
    """Serai's own templates, compiled into the cached loader (Django's default, with DEBUG on
    too); an engine whose loaders keep nothing is left alone."""
    for engine in engines.all():
        backend = getattr(engine, "engine", None)  # Django's own engine behind the backend
        if backend is None or not any(
            isinstance(loader, CachedLoader) for loader in backend.template_loaders
        ):
            continue
        for folder in engine.template_dirs:  # DIRS, then each installed app's templates folder
            folder = Path(folder).resolve()
            if not folder.is_relative_to(PACKAGE_DIR) or not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                    continue
                name = path.relative_to(folder).as_posix()
                if name.startswith("admin/"):
                    continue  # overrides of the back office's templates: staff pages, not readers'
                try:
                    backend.get_template(name)
                except Exception:  # one template that cannot stand alone does not stop the rest
                    done["failed"] += 1
                    logger.debug("Warming up the worker: template %s not compiled", name, exc_info=True)
                else:
                    done["templates"] += 1


def _email(done: dict[str, int]) -> None:
    """Django's e-mail validator compiles its patterns on first use: the domain pattern alone
    costs about 30 ms. Both forms of domain (a name and an address literal)."""
    validate_email("reader@example.org")
    validate_email("reader@[192.0.2.1]")
