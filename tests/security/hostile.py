"""What the all-URL hostile-value test sends, and where: every URL pattern, made concrete with real
objects, and the query parameters and form fields each view reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse

from serai.comments.forms import CommentForm, EditCommentForm
from serai.desk.forms import QueueActionForm, ReportForm, WordForm
from serai.newsroom.library_admin import UploadForm
from serai.privacy.forms import DeleteForm, LinkRequestForm

# Classes of hostile value, each with the values tried. The test counts its tries per class.
VALUES: dict[str, list[str]] = {
    "Unicode digits": ["²", "١٢"],
    "huge numbers": ["9" * 30, str(2**63)],
    "negative": ["-1"],
    "empty": [""],
    "text": ["abc"],
    "regex metacharacters": ["(a+)+b", ".*"],
    "NUL bytes": ["1\x00"],
    "very long": ["9" * 5000],
}

# Parameters no view should choke on, sent together to every URL.
GENERIC = ["page", "root", "order", "after", "q", "moderator", "ids", "action", "parent", "id",
           "tab", "o", "p", "e", "next", "sent", "preview", "all", "_popup", "_to_field"]  # fmt: skip

# What each view of ours reads (from the code): "?name" from the query string, "name" from a form.
READS: dict[str, list[str]] = {
    "newsroom:home": ["?page"],
    "newsroom:section": ["?page"],
    "newsroom:author": ["?page"],
    "newsroom:article": ["?root", "?order", "?after", "?preview", "?page"],
    "pages:page": [],
    "pages:policy-version": [],
    "comments:post": [*CommentForm.base_fields],
    "comments:reply": [],
    "comments:vote": ["liked"],
    "comments:edit": [*EditCommentForm.base_fields],
    "comments:delete": [],
    "desk:queue": ["?tab", "?page", "?article", "?section", "?rule", "?language"],
    "desk:act": [*QueueActionForm.base_fields, "next", "clause-{comment}", "note-{comment}"],
    "desk:undo": ["next"],
    "desk:counts": [],
    "desk:words": [*WordForm.base_fields],
    "desk:word_remove": [],
    "desk:bans": ["?page"],
    "desk:ban_lift": ["note"],
    "desk:log": ["?moderator", "?action", "?page"],
    "desk:report": [*ReportForm.base_fields],
    "desk:reported": [],
    "email_links:stop": [],
    "email_links:confirm": [],
    "privacy:request": [*LinkRequestForm.base_fields, "?sent"],
    "privacy:data": [],
    "privacy:download": [],
    "privacy:delete": [*DeleteForm.base_fields],
    "admin:newsroom_article_compare": ["?a", "?b"],
    "admin:newsroom_article_preview": ["?article", "language", "body", "dateline"],
    "admin:newsroom_image_upload": [*UploadForm.base_fields],
}
# A value is sent as itself, or inside what the parameter normally holds ("approve:²").
SHAPES = {"act": ["{}", "approve:{}", "ban:{}"], "ids": ["{}", "1,{}"]}

FORM = "every form field"
FILTERS = "every filter"
FILTER_LOOKUPS = ("exact", "id__exact", "isnull", "gte", "lt", "in")
ADMIN_CHANGELIST = ["o", "p", "q"]
ADMIN_LOGIN = ["username", "password", "next"]
ADMIN_AUTOCOMPLETE = ["term", "app_label", "model_name", "field_name", "page"]


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, prefixes included
    name: str | None  # namespaced, e.g. "comments:post"

    @property
    def label(self) -> str:
        return self.name or self.route

    @property
    def params(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route) + re.findall(r"\(\?P<(\w+)>", self.route)

    @property
    def is_admin(self) -> bool:
        return self.route.startswith(settings.SERAI_ADMIN_PATH)

    def model(self):
        found = re.match(re.escape(settings.SERAI_ADMIN_PATH) + r"(\w+)/(\w+)/", self.route)
        if found and found.group(1) in {c.label for c in apps.get_app_configs()}:
            try:
                return apps.get_model(found.group(1), found.group(2))
            except LookupError:
                return None
        return None


def routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern, through includes and the language-prefixed patterns."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += routes(pattern.url_patterns, route, inner)
        else:
            found.append(Route(route, f"{namespace}{pattern.name}" if pattern.name else None))
    return list({r.label + "|" + r.route: r for r in found}.values())


def reads(route: Route) -> list[str]:
    """The parameters a route's view reads."""
    if route.name in READS:
        return READS[route.name]
    if not route.is_admin:
        return []
    name = route.name or ""
    if name.endswith("_changelist"):
        model_admin = admin.site.get_model_admin(route.model())
        filters = [f for f in model_admin.list_filter if isinstance(f, (str, tuple, list))]
        dates = [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        return (
            ADMIN_CHANGELIST + ([FILTERS] if filters else []) + (dates if model_admin.date_hierarchy else [])
        )
    if name.endswith(("_add", "_change")) and route.model() is not None:
        return [FORM]  # every field at once: a form cleans each field whatever the others hold
    if name == "admin:login":
        return ADMIN_LOGIN
    if name == "admin:autocomplete":
        return ADMIN_AUTOCOMPLETE
    return []


def methods(route: Route, param: str) -> tuple[str, ...]:
    """How a parameter reaches its view: the query string, a form, or (the generic ones) both."""
    if param == "*":
        return ("GET", "POST")
    name = route.name or ""
    if param.startswith("?") or name == "admin:autocomplete" or name.endswith("_changelist"):
        return ("GET",)
    return ("POST",)


def fields(route: Route) -> list[str]:
    """The fields of the model behind a back-office form."""
    return [f.name for f in route.model()._meta.get_fields() if getattr(f, "concrete", False)]


def filter_lookups(route: Route) -> list[str]:
    """The lookups a back-office list's filters make, every kind for each (they run one by one)."""
    model_admin = admin.site.get_model_admin(route.model())
    names = [
        f if isinstance(f, str) else f[0]
        for f in model_admin.list_filter
        if isinstance(f, (str, tuple, list))
    ]
    return [f"{name}__{kind}" for name in names for kind in FILTER_LOOKUPS]


def url_for(route: Route, world) -> str:
    """The route made concrete with real objects from the test's world."""
    kwargs = {param: _value(route, param, world) for param in route.params}
    if route.name:
        return reverse(route.name, kwargs=kwargs)
    url = route.route
    for param in route.params:
        pattern = rf"<(?:\w+:)?{param}>|\(\?P<{param}>[^)]*\)"
        url = re.sub(pattern, str(kwargs[param]), url)
    return "/" + url.replace("\\", "")


def _value(route: Route, param: str, world):
    by_name = {
        "article_id": world.article.pk,
        "comment_id": world.comment.pk,
        "entry_id": world.word.pk,
        "ban_id": world.ban.pk,
        "content_type_id": ContentType.objects.get_for_model(world.article).pk,
        "app_label": "comments",
        "id": world.editor.pk,
        "section": world.article.section.slug,
        "url": "nothing-here/",
        "path": "nothing-here.jpg",
        "number": 1,
        "lang": world.article.language,  # the JSON API's edition
        "pk": 1,  # a site export's number
        "kind": "wxr",  # which of its files
    }
    if param in by_name and not (param == "object_id"):
        return by_name[param]
    if param == "object_id":
        model = route.model()
        if model is None:  # view_on_site: the article
            return world.article.pk
        first = model._default_manager.order_by("pk").first()
        return first.pk if first is not None else 1
    if param == "slug":
        return {"newsroom:author": world.author.slug, "pages:page": world.page.slug}.get(
            route.name, world.article.slug
        )
    if param == "token":
        return world.tokens.get(route.name) or world.tokens[route.name.split(":")[0]]
    raise KeyError(f"No value for <{param}> in {route.route}: add one to tests/security/hostile.py")
