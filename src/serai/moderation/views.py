"""Moderators' pages (queue, word lists, bans, audit log) and the readers' report form."""

from __future__ import annotations

import secrets
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from serai.comments.models import Comment
from serai.core.security import same_origin_post
from serai.moderation import notifications, selectors, services
from serai.moderation.forms import BAN_DAYS, QueueActionForm, ReportForm, WordForm
from serai.moderation.models import Ban, Decision, WordListEntry
from serai.core.addresses import client_ip, ip_hash
from serai.moderation.privacy import reader_key_hash

REPORTER_COOKIE = "serai_reporter"
REPORTER_SALT = "serai.moderation.reporter"


def moderator_required(view):
    """Signed-out visitors go to the staff login; signed-in non-moderators get a 403."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not services.can_moderate(request.user):
            raise PermissionDenied(_("Only moderators may open this page."))
        return view(request, *args, **kwargs)

    return wrapper


def _page(request, queryset):
    return Paginator(queryset, settings.SERAI_MODERATION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )


@moderator_required
def queue(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in selectors.TABS else "pending"
    return render(
        request,
        "moderation/queue.html",
        {
            "tab": tab,
            "page": _page(request, selectors.queue(tab=tab)),
            "counts": selectors.tab_counts(),
            "clauses": selectors.clauses(),
            "ban_days": BAN_DAYS,
            "moderation_page": "queue",
        },
    )


def _back(request, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return HttpResponseRedirect(target, status=303)


@moderator_required
@require_POST
def act(request):
    form = QueueActionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(form.non_field_errors()) or _("That did not work: try again.")
        )
        return _back(request, reverse("moderation:queue"))
    data = form.cleaned_data
    try:
        done = services.comments_decide(
            comments=selectors.comments_for_decision(data["comment_ids"]),
            action=data["action"],
            moderator=request.user,
            clause=data["clause"],
            note=data["note"],
            days=data["ban_days"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, ngettext("%(n)d comment done.", "%(n)d comments done.", done) % {"n": done}
        )
    return _back(request, reverse("moderation:queue"))


@moderator_required
def words(request):
    form = WordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.word_add(moderator=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("term", exc)
        else:
            messages.success(request, _("Added “%(term)s”.") % {"term": form.cleaned_data["term"]})
            return HttpResponseRedirect(reverse("moderation:words"), status=303)
    return render(
        request,
        "moderation/words.html",
        {
            "form": form,
            "entries": selectors.word_entries(),
            "moderation_page": "words",
        },
        status=400 if form.is_bound else 200,
    )


@moderator_required
@require_POST
def word_remove(request, entry_id):
    entry = get_object_or_404(WordListEntry, pk=entry_id)
    services.word_remove(entry=entry, moderator=request.user)
    messages.success(request, _("Removed “%(term)s”.") % {"term": entry.term})
    return HttpResponseRedirect(reverse("moderation:words"), status=303)


@moderator_required
def bans(request):
    return render(
        request,
        "moderation/bans.html",
        {
            "page": _page(request, selectors.active_bans()),
            "moderation_page": "bans",
        },
    )


@moderator_required
@require_POST
def ban_lift(request, ban_id):
    ban = get_object_or_404(Ban.objects.active(), pk=ban_id)
    services.ban_lift(ban=ban, moderator=request.user, note=request.POST.get("note", "")[:500])
    messages.success(request, _("The ban on %(name)s is lifted.") % {"name": ban})
    return HttpResponseRedirect(reverse("moderation:bans"), status=303)


@moderator_required
def log(request):
    moderator, action = request.GET.get("moderator"), request.GET.get("action")
    return render(
        request,
        "moderation/log.html",
        {
            "page": _page(request, selectors.decisions(moderator=moderator, action=action)),
            "moderators": selectors.decision_moderators(),
            "actions": Decision.Action.choices,
            "moderator": moderator or "",
            "action": action or "",
            "moderation_page": "log",
            "filters": urlencode({"moderator": moderator or "", "action": action or ""}),
        },
    )


def _reporter_key(request) -> str:
    """Who reports, without saying who: the key from the reader's cookie, else their address hash.

    The key is kept in a signed cookie so a reader stays one reporter when their address changes.
    """
    key = request.get_signed_cookie(REPORTER_COOKIE, default="", salt=REPORTER_SALT)
    if len(key) == 64:
        return key
    return ip_hash(client_ip(request)) or reader_key_hash(secrets.token_hex(16))


def _thanks(comment, key: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(reverse("moderation:reported", args=[comment.pk]), status=303)
    response.set_signed_cookie(REPORTER_COOKIE, key, salt=REPORTER_SALT, max_age=365 * 86400,
                               httponly=True, samesite="Lax",
                               secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
    return response


@same_origin_post
def report(request, comment_id):
    """Readers' report form: plain HTML, no JavaScript needed, reasons from the Comment Policy."""
    comments = Comment.objects.visible().select_related("article", "article__section")
    comment = get_object_or_404(comments, pk=comment_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = _reporter_key(request)
        try:
            services.comment_report(comment=comment, reporter_key=key,
                                    ip_hash=ip_hash(client_ip(request)), **form.cleaned_data)  # fmt: skip
        except services.AlreadyReported:
            return _thanks(comment, key)  # the same thanks: nothing to gain by reporting twice
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _thanks(comment, key)
    context = {"comment": comment, "form": form}
    return render(request, "moderation/report.html", context, status=400 if form.is_bound else 200)


def reported(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("article", "article__section"), pk=comment_id
    )
    return render(request, "moderation/reported.html", {"comment": comment})


@same_origin_post
def stop_notices(request, token):
    email = notifications.email_from_stop_token(token)
    if email is None:
        return render(request, "moderation/stop.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.reply_notices_stop(email=email)
        return render(request, "moderation/stop.html", {"stopped": True})
    return render(request, "moderation/stop.html", {})
