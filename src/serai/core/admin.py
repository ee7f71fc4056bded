"""Back-office lists that filter only the way their sidebar offers.

Django's admin lets a list's URL filter on any column of its model (`?email__istartswith=a`),
shown or not: enough to recover, one letter at a time, a field the staff are never shown (a
commenter's address, a password hash, who reported a comment), and a `__regex` lookup hands the
database a pattern of the visitor's choosing. `SafeLookupsMixin` allows a URL lookup only on a
filter the list shows (its `list_filter` and `date_hierarchy`), through plain comparisons, and
turns away values no filter could mean (a year past 9999, "²" for a day, NUL characters) with
the admin's own "invalid filter" answer instead of an error page.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.filters import ListFilter, SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import IGNORED_PARAMS
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput

from serai.core.params import parse_id

# What may follow a shown filter's name in a URL lookup: the comparisons the admin's own filters
# use, and the primary key of a related row.
PLAIN_LOOKUPS = frozenset(
    {"exact", "iexact", "isnull", "in", "gt", "gte", "lt", "lte", "year", "month", "day", "id", "pk"}
)
DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}
LARGEST_INTEGER = 2**63 - 1  # what a database integer column holds


def _filter_names(list_filter, date_hierarchy: str | None) -> set[str]:
    names = {date_hierarchy} if date_hierarchy else set()
    for item in list_filter:
        if isinstance(item, (list, tuple)):
            item = item[0]
        if isinstance(item, str):
            names.add(item)
        elif isinstance(item, type) and issubclass(item, SimpleListFilter):
            names.add(item.parameter_name)  # a filter of our own, which reads its own parameter
        elif not (isinstance(item, type) and issubclass(item, ListFilter)):
            names.add(str(item))  # a field object
    return names


def _too_big(value: str) -> bool:
    """An integer no column holds: the database driver raises on it instead of finding nothing."""
    for part in value.split(","):  # __in lookups take lists
        digits = part.strip().removeprefix("-")
        if digits.isascii() and digits.isdigit() and (len(digits) > 19 or int(digits) > LARGEST_INTEGER):
            return True
    return False


def _plain_number(value: str, low: int, high: int) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= 4 and low <= int(value) <= high


class JSONFormField(forms.JSONField):
    """Django's, but a number too long for Python to read is invalid input, not an error page."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from exc

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except ValueError:  # shown again as typed, as Django shows any other invalid JSON
            return InvalidJSONInput(data)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id no database integer holds is an invalid choice, not an error page (the
    database driver raises on it in the `IN (…)` that looks the choices up)."""

    def clean(self, value):
        for item in value if isinstance(value, (list, tuple)) else []:
            if _too_big(str(item)):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super().clean(value)


class _KnownIds:
    """An autocomplete box shows the rows it was given; an id no row could have is not looked up."""

    def optgroups(self, name, value, attr=None):
        if isinstance(self.field.target_field, models.IntegerField):
            value = [v for v in value if v in ("", None) or parse_id(v) is not None]
        return super().optgroups(name, value, attr)


class IdAutocompleteSelect(_KnownIds, AutocompleteSelect):
    """Django's autocomplete box, re-showing only ids a database integer can hold."""


class IdAutocompleteSelectMultiple(_KnownIds, AutocompleteSelectMultiple):
    """The same for a box holding several choices."""


def other_editions() -> list[tuple[str, str]]:
    """(code, name) of every edition language but the site's first: the languages a back-office
    form offers one box each for (section names, policy clauses)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class SafeLookupsMixin:
    """For every ModelAdmin of ours: URL filters only on what the list shows (see the module)."""

    def lookup_allowed(self, lookup, value, request=None):
        names = _filter_names(
            self.get_list_filter(request) if request is not None else self.list_filter,
            self.date_hierarchy,
        )
        for name in names:
            if lookup == name or lookup.startswith(name + "__"):
                rest = lookup[len(name) :].split("__")[1:]
                if all(part in PLAIN_LOOKUPS for part in rest):
                    return super().lookup_allowed(lookup, value, request)
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("form_class", JSONFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = IdAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            widget = IdAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs["widget"] = widget
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        # `?_to_field=` left empty skips Django's check of the field and then names no field.
        return super().get_object(request, object_id, from_field or None)

    def get_changelist_instance(self, request):
        for key, values in request.GET.lists():
            if any("\x00" in value for value in values) or "\x00" in key:
                raise IncorrectLookupParameters("NUL character in the query")
            if key not in IGNORED_PARAMS and any(_too_big(value) for value in values):
                raise IncorrectLookupParameters("a number larger than any row's")
        if self.date_hierarchy:
            for part, (low, high) in DATE_PARTS.items():
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not _plain_number(value, low, high):
                    raise IncorrectLookupParameters(f"{part} out of range")
        return super().get_changelist_instance(request)


def guard(model) -> None:
    """Give the guard to a list registered by Django or a library (users, groups, task results)."""
    if not admin.site.is_registered(model):
        return
    registered = type(admin.site.get_model_admin(model))
    if issubclass(registered, SafeLookupsMixin):
        return
    admin.site.unregister(model)
    admin.site.register(model, type(f"Safe{registered.__name__}", (SafeLookupsMixin, registered), {}))


# Django's own lists first (registered before this module is imported); a library's list is
# registered by importing its admin module, which Django's discovery would otherwise do later.
guard(get_user_model())
guard(apps.get_model("auth", "Group"))
if apps.is_installed("django_tasks_db"):
    import django_tasks_db.admin  # noqa: F401

    guard(apps.get_model("django_tasks_database", "DBTaskResult"))
