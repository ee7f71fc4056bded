"""Staff sign-in throttling: the pieces django-axes calls (see AXES_* in settings).

Axes counts failed sign-ins per username and "address". We hand it the salted, rotating hash of
the address (the same one comments use) instead of the address itself, so neither its cache keys
nor its log lines ever hold a reader's or editor's address.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _

from serai.core.addresses import client_ip, ip_hash


class SignInThrottle(AxesStandaloneBackend):
    """Axes' check, for sign-ins over HTTP; code that authenticates without a request (the test
    client's login(), management commands) has no connection to throttle and is let through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def address_hash(request) -> str:
    """What axes knows of the connection: a keyed hash, never the address."""
    return ip_hash(client_ip(request)) or "unknown"


def locked_out(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form while a username is locked for this connection."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in paused"),
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "core/login_locked.html", context, status=429)
