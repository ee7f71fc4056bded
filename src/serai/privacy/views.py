"""A commenter's data: ask for a link, then see, download or delete their comments.

The first page answers the same whether or not the address has comments. The pages behind the
emailed link are never cached, never indexed, and send no Referer (the link is the key).
"""

from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from serai.core.addresses import client_ip
from serai.core.security import same_origin_post
from serai.privacy import services
from serai.privacy.forms import DeleteForm, LinkRequestForm


def _hours() -> int:
    return max(1, settings.SERAI_PRIVACY_LINK_MAX_AGE // 3600)


def private(view):
    """Pages reached with a link from an email: not cached, not indexed, no Referer."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


@same_origin_post
def request_link(request):
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.link_request(
            email=form.cleaned_data["email"], ip_address=client_ip(request), language=get_language()
        )
        return HttpResponseRedirect(reverse("privacy:request") + "?sent=1", status=303)
    context = {"form": form, "sent": request.GET.get("sent") == "1", "hours": _hours()}
    return render(request, "privacy/request.html", context, status=400 if form.is_bound else 200)


def _invalid(request, reason: str):
    context = {"reason": reason, "hours": _hours()}
    return render(request, "privacy/invalid.html", context, status=410 if reason == "used" else 400)


def _with_email(view):
    """Resolve the link to its address, or show why it does not work."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        try:
            email = services.email_from_token(token)
        except services.LinkInvalid as exc:
            return _invalid(request, exc.reason)
        return view(request, token, email, *args, **kwargs)

    return wrapper


def _data_page(request, token, email, form, status=200):
    comments = (
        services.comments_of(email)
        .select_related("article", "article__section")
        .order_by("-created_at", "-pk")
    )
    context = {"token": token, "comments": comments, "form": form, "hours": _hours()}
    return render(request, "privacy/data.html", context, status=status)


@private
@require_GET
@_with_email
def data(request, token, email):
    return _data_page(request, token, email, DeleteForm())


@private
@require_GET
@_with_email
def download(request, token, email):
    payload = services.export(email, absolute=request.build_absolute_uri)
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    return response


@private
@same_origin_post
@require_POST
@_with_email
def delete(request, token, email):
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return _data_page(request, token, email, form, status=400)
    erased = services.erase(email)
    return render(request, "privacy/deleted.html", {"erased": erased})
