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

from django.contrib import admin
from django.contrib.admin.filters import ListFilter, SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

# What may follow a shown filter's name in a URL lookup: the comparisons the admin's own filters
# use, and the primary key of a related row.
PLAIN_LOOKUPS = frozenset(
    {"exact", "iexact", "isnull", "in", "gt", "gte", "lt", "lte", "year", "month", "day", "id", "pk"}
)
DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


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


def _plain_number(value: str, low: int, high: int) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= 4 and low <= int(value) <= high


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

    def get_changelist_instance(self, request):
        for key, values in request.GET.lists():
            if any("\x00" in value for value in values) or "\x00" in key:
                raise IncorrectLookupParameters("NUL character in the query")
        if self.date_hierarchy:
            for part, (low, high) in DATE_PARTS.items():
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not _plain_number(value, low, high):
                    raise IncorrectLookupParameters(f"{part} out of range")
        return super().get_changelist_instance(request)


class SafeUserAdmin(SafeLookupsMixin, UserAdmin):
    """Django's list of users with the same guard: `?password__startswith=` tells nothing."""


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, SafeUserAdmin)
