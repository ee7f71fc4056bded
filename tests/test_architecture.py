"""The shape of the code: apps import in one direction, no import circle between apps, and no
private attribute of a library is touched anywhere in src/.

Read from the source with `ast` (imports inside functions count as much as those at the top):

    core                          imports no app of ours
    newsroom                    → core
    moderation                  → core (policy clauses, rules, word lists, bans, verdicts: the
                                  rules see a plain submission, never the Comment model)
    pages                       → newsroom (standing pages are written in its Markdown),
                                  moderation (the Comment Policy page lists its clauses), core
    staff                       → moderation (the moderators' role), core
    comments                    → moderation (posting asks the pipeline), newsroom, core
    desk                        → comments, moderation, newsroom, staff, translation, core (the
                                  staff's screens: the queue and its decisions, reports, word
                                  lists, bans, audit; moderators' languages, drafts for their eyes)
    privacy                     → comments, moderation, newsroom, core
    syndication                 → newsroom, comments, core (feeds, sitemaps, robots.txt)
    search                      → newsroom, core (the index of articles, the search page)
    translation                 → comments, moderation, newsroom, staff, core (machine
                                  translation backends, the translators' desk)
    imports                     → comments, newsroom, pages, syndication (its XML text
                                  cleaner), core (WordPress and Disqus exports in, old
                                  addresses redirected, the site exported as WXR)
    api                         → comments, moderation, newsroom, desk, core (the JSON API: the
                                  same selectors, forms and services as the pages)
    demo, and the project's own modules (settings, urls, wsgi, cli) → anything
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "serai"
APPS = sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())
ALLOWED = {
    "core": set(),
    "newsroom": {"core"},
    "pages": {"newsroom", "moderation", "core"},
    "staff": {"moderation", "core"},
    "moderation": {"core"},
    "comments": {"moderation", "newsroom", "core"},
    "desk": {"comments", "moderation", "newsroom", "staff", "translation", "core"},
    "privacy": {"comments", "moderation", "newsroom", "core"},
    "syndication": {"newsroom", "comments", "core"},
    "search": {"newsroom", "core"},
    "translation": {"comments", "moderation", "newsroom", "staff", "core"},
    "imports": {"comments", "newsroom", "pages", "syndication", "core"},
    "api": {"comments", "moderation", "newsroom", "desk", "core"},
}
ANYTHING = {"demo"}
# Private names that are public API by convention.
ALLOWED_PRIVATE = {"_meta", "_"}
# Private attributes of Django's and redis-py's objects, flagged on whatever object holds them (a
# model instance's `_state`, a cache backend's `_cache`, a queryset's `_result_cache`, …).
LIBRARY_PRIVATE = {
    "_state", "_cache", "_result_cache", "_prefetched_objects_cache", "_known_related_objects",
    "_iterable_class", "_db", "_hints", "_wrapped", "_sock", "_parser", "_connection", "_client",
}  # fmt: skip


def _modules(app: str | None = None):
    root = SRC / app if app else SRC
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _imported(path: Path) -> set[str]:
    """Dotted names this module imports, wherever the import statement stands."""
    names = set()
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _apps_imported(app: str) -> dict[str, list[str]]:
    """Other apps of ours that `app` imports: app → the modules that import it."""
    found: dict[str, list[str]] = {}
    for path in _modules(app):
        for name in _imported(path):
            parts = name.split(".")
            if parts[0] == "serai" and len(parts) > 1 and parts[1] in APPS and parts[1] != app:
                found.setdefault(parts[1], []).append(str(path.relative_to(SRC)))
    return found


def _graph() -> dict[str, set[str]]:
    return {app: set(_apps_imported(app)) for app in APPS}


def _circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Every pair of apps that reach each other through imports (a circle of any length shows as
    the pairs on it)."""

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reached = {app: reach(app) for app in graph}
    return {frozenset({a, b}) for a in graph for b in reached[a] if a != b and a in reached[b]}


def test_core_imports_no_app():
    """`core` is the infrastructure every app stands on: apps register with it, it imports none."""
    assert _apps_imported("core") == {}


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_only_downward(app):
    upward = {
        other: where
        for other, where in _apps_imported(app).items()
        if other not in ALLOWED[app] and other not in ANYTHING | {app}
    }
    assert upward == {}, f"{app} imports upward: {upward}"


def test_no_import_circle_between_apps():
    assert _circles(_graph()) == set()


def test_the_circle_check_finds_circles():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {
        frozenset(p) for p in ({"a", "b"}, {"b", "c"}, {"a", "c"})
    }


# Private attributes of libraries ---------------------------------------------------------------


def _is_library(module: str) -> bool:
    top = module.split(".")[0]
    return bool(top) and top != "serai"


def _library_names(tree: ast.Module) -> set[str]:
    """Names a module binds to library modules or objects (`import redis`, `from x import y`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names if _is_library(a.name))
        elif isinstance(node, ast.ImportFrom) and not node.level and _is_library(node.module or ""):
            names.update(a.asname or a.name for a in node.names)
    return names


def _own_attributes(cls: ast.ClassDef) -> set[str]:
    """Attributes a class of ours defines: methods, class attributes, and `self.x = …`."""
    own = set()
    for node in ast.walk(cls):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            own.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        own.add(sub.id)
                    elif isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                        if sub.value.id in ("self", "cls"):
                            own.add(sub.attr)
    return own


def _private(attr: str) -> bool:
    return attr.startswith("_") and not attr.startswith("__") and attr not in ALLOWED_PRIVATE


def private_library_access(source: str) -> list[str]:
    """`name._x` where `name` is a library import, `super()._x` in a class with a library base,
    and `self._x` there when the class does not define `_x` itself."""
    tree = ast.parse(source)
    libraries = _library_names(tree)
    found = []

    def root(node):
        while isinstance(node, ast.Attribute):
            node = node.value
        return node

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            base = root(node.value)
            on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if (isinstance(base, ast.Name) and base.id in libraries) or (
                node.attr in LIBRARY_PRIVATE and not on_self
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        if not any(isinstance(root(b), ast.Name) and root(b).id in libraries for b in cls.bases):
            continue
        own = _own_attributes(cls)
        for node in ast.walk(cls):
            if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                continue
            value = node.value
            is_super = isinstance(value, ast.Call) and getattr(value.func, "id", None) == "super"
            is_self = isinstance(value, ast.Name) and value.id in ("self", "cls") and node.attr not in own
            if is_super or is_self:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("app", [*APPS, "(project)"])
def test_no_private_attribute_of_a_library(app):
    paths = [p for p in SRC.glob("*.py")] if app == "(project)" else list(_modules(app))
    found = {
        str(path.relative_to(SRC)): hits
        for path in paths
        if (hits := private_library_access(path.read_text()))
    }
    assert found == {}


@pytest.mark.parametrize(  # fmt: skip
    "source, hits",
    [
        ("import redis\nredis.client._x()", 1),
        ("from django.db import connection\nconnection.ops._cache", 1),
        (
            "from django.db.backends.sqlite3 import base\nclass W(base.DatabaseWrapper):\n"
            " def c(self):\n  return super()._commit()",
            1,
        ),
        (
            "from django.core.cache.backends.redis import RedisCache\nclass C(RedisCache):\n"
            " def g(self):\n  return self._cache",
            1,
        ),
        (
            "from redis import Redis\nclass C(Redis):\n _mine = 1\n def g(self):\n"
            "  self._own = 2\n  return self._mine, self._own",
            0,
        ),
        (
            "from django.db import models\nx = models.Model._meta\n"
            "from django.utils.translation import gettext as _\n_('a')",
            0,
        ),
        ("from serai.core import generations\ngenerations._store", 0),
        ("def f(comment):\n    comment._state.adding = False", 1),
        ("class S:\n    def c(self):\n        return self.cache._cache.get_client()", 1),
    ],
)
def test_the_private_access_check_finds_what_it_should(source, hits):
    assert len(private_library_access(source)) == hits


def test_the_layers_name_every_app():
    assert set(APPS) == set(ALLOWED) | ANYTHING, "add the new app to ALLOWED with what it may import"


if __name__ == "__main__":  # a quick report: python tests/test_architecture.py
    for app in APPS:
        print(app, "→", sorted(_apps_imported(app)))
    print("circles:", sorted(sorted(c) for c in _circles(_graph())))
    sys.exit(0)
