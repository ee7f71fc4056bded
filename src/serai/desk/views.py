"""Moderators' pages (queue, word lists, bans, audit log) and the readers' report form."""

from __future__ import annotations

import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from serai.comments.models import Comment
from serai.core.addresses import client_ip, ip_hash
from serai.core.params import parse_id
from serai.core.security import same_origin_post
from serai.desk import languages, selectors, services
from serai.desk.confirmations import done_message
from serai.desk.forms import BAN_DAYS, LanguagesForm, QueueActionForm, ReportForm, WordForm
from serai.desk.highlight import highlighted
from serai.moderation import services as moderation
from serai.moderation.models import Ban, Decision, WordListEntry
from serai.moderation.privacy import reader_key_hash
from serai.newsroom.models import Article
from serai.staff.services import staff_languages_set

REPORTER_COOKIE = "serai_reporter"
# Named when these pages were the moderation app's; readers' cookies are signed with it.
REPORTER_SALT = "serai.moderation.reporter"
# In the moderator's session: their last queue decision, for undo; and the comments they had
# ticked when a decision was refused, for the next page only.
UNDO_KEY = "serai_moderation_undo"
KEEP_KEY = "serai_moderation_selected"


def moderator_required(view):
    """Signed-out visitors go to the staff login; signed-in staff without the moderator's role
    get a page that says which role the queue needs and who can grant it (status 403)."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not moderation.can_moderate(request.user):
            return render(request, "desk/forbidden.html", {}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _page(request, queryset):
    return Paginator(queryset, settings.SERAI_MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _cards(page) -> list:
    """The page's comments, each with its commenter's history and its text as moderators read it."""
    comments = list(page.object_list)
    histories = selectors.commenter_histories(comments)
    for comment in comments:
        comment.history = histories[comment.pk]
        # The lists the pipeline applied: the comment's language's and its edition's.
        languages = (comment.language or comment.article.language, comment.article.language)
        comment.marked = highlighted(comment.text, languages)
    return comments


@moderator_required
def queue(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in selectors.TABS else "pending"
    filters = selectors.QueueFilters.from_query(request.GET)
    mine = languages.languages_read(request.user)
    page = _page(request, selectors.queue(tab=tab, filters=filters, first=mine))
    cards = _cards(page)
    return render(
        request,
        "desk/queue.html",
        {
            **languages.mark(cards, mine=mine),
            "tab": tab,
            "page": page,
            "cards": cards,
            "counts": selectors.tab_counts(),
            "clauses": selectors.clauses(),
            "ban_days": BAN_DAYS,
            "moderation_page": "queue",
            "filters": urlencode(filters.items()),
            "chosen": filters,
            "choices": selectors.filter_choices(tab=tab),
            "languages": settings.LANGUAGES,
            "undo_seconds": services.UNDO_SECONDS,
            "can_undo": _undo_record(request) is not None,
            "kept": set(request.session.pop(KEEP_KEY, [])),
        },
    )


@moderator_required
def counts(request):
    """The tabs' counts, polled by the queue page so they stay current while a moderator works."""
    return JsonResponse(selectors.tab_counts())


def _back(request, default: str, anchor: str = "") -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return HttpResponseRedirect(target.split("#")[0] + anchor, status=303)


def _anchor(order: list[int], decided: list[int]) -> str:
    """Where the moderator goes back to without JavaScript: the card after the last one decided
    (else the one before it), so the page returns to where they were."""
    gone = set(decided)
    last = max((order.index(i) for i in decided if i in order), default=-1)
    after = [i for i in order[last + 1 :] if i not in gone]
    before = [i for i in reversed(order[: max(last, 0)]) if i not in gone]
    following = (after or before or [None])[0]
    return f"#card-{following}" if following else "#queue"


def _undo_record(request) -> dict | None:
    record = request.session.get(UNDO_KEY)
    if not record or record.get("moderator") != request.user.pk:
        return None
    if time.time() - record["at"] > services.UNDO_SECONDS:
        return None
    return record


def _answer(request, *, ok: bool, message: str, decided=(), anchor: str = "#queue", undo=False):
    if _wants_json(request):
        return JsonResponse(
            {"ok": ok, "message": message, "decided": list(decided), "undo": undo,
             "counts": selectors.tab_counts()},
            status=200 if ok else 400,
        )  # fmt: skip
    (messages.success if ok else messages.error)(request, message)
    return _back(request, reverse("desk:queue"), anchor)


def _refused(request, form, message: str):
    """A decision that could not be taken loses nothing: without JavaScript the page comes back
    at the card acted on, with the same comments ticked (kept in the session for one page)."""
    card = parse_id(request.POST.get("act", "").partition(":")[2])
    if not _wants_json(request):
        request.session[KEEP_KEY] = form.ids
    target = card or (form.ids[0] if form.ids else None)
    return _answer(request, ok=False, message=message, anchor=f"#card-{target}" if target else "#queue")


@moderator_required
@require_POST
def act(request):
    form = QueueActionForm(request.POST)
    if not form.is_valid():
        message = " ".join(form.non_field_errors()) or _("That did not work: try again.")
        return _refused(request, form, message)
    data = form.cleaned_data
    try:
        record = services.queue_decide(
            comments=selectors.comments_for_decision(data["comment_ids"]),
            action=data["action"], moderator=request.user, clause=data["clause"],
            note=data["note"], days=data["ban_days"],
        )  # fmt: skip
    except ValidationError as exc:
        return _refused(request, form, " ".join(exc.messages))
    decided = [item["comment"] for item in record["items"]]
    if not decided:
        return _answer(request, ok=False, message=_("Those comments are no longer in the queue."))
    request.session[UNDO_KEY] = {**record, "moderator": request.user.pk}
    return _answer(request, ok=True, message=done_message(record), decided=decided, undo=True,
                   anchor=_anchor(form.order, decided))  # fmt: skip


@moderator_required
@require_POST
def undo(request):
    record = _undo_record(request)
    if record is None:
        return _answer(request, ok=False, message=_("There is no decision left to undo."))
    try:
        n = services.queue_undo(record=record, moderator=request.user)
    except ValidationError as exc:
        return _answer(request, ok=False, message=" ".join(exc.messages))
    finally:
        request.session.pop(UNDO_KEY, None)
    message = ngettext("Undone: %(n)d comment is back where it was.",
                       "Undone: %(n)d comments are back where they were.", n) % {"n": n}  # fmt: skip
    first = record["items"][0]["comment"] if record["items"] else None
    return _answer(request, ok=True, message=message, anchor=f"#card-{first}" if first else "")


@moderator_required
def words(request):
    form = WordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.word_add(moderator=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("term", exc)
        else:
            messages.success(request, _("Added “%(term)s”.") % {"term": form.cleaned_data["term"]})
            return HttpResponseRedirect(reverse("desk:words"), status=303)
    return render(
        request,
        "desk/words.html",
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
    moderation.word_remove(entry=entry, moderator=request.user)
    messages.success(request, _("Removed “%(term)s”.") % {"term": entry.term})
    return HttpResponseRedirect(reverse("desk:words"), status=303)


@moderator_required
def my_languages(request):
    """The languages this moderator reads: theirs come first in the queue."""
    mine = languages.languages_read(request.user)
    initial = {"languages": mine, "first": mine[0] if mine else ""}
    form = LanguagesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        staff_languages_set(account=request.user, **form.cleaned_data)
        messages.success(request, _("Your languages are saved."))
        return HttpResponseRedirect(reverse("desk:languages"), status=303)
    context = {"form": form, "moderation_page": "languages"}
    return render(request, "desk/languages.html", context, status=400 if form.is_bound else 200)


@moderator_required
def bans(request):
    return render(
        request,
        "desk/bans.html",
        {
            "page": _page(request, selectors.active_bans()),
            "moderation_page": "bans",
        },
    )


@moderator_required
@require_POST
def ban_lift(request, ban_id):
    ban = get_object_or_404(Ban.objects.active(), pk=ban_id)
    moderation.ban_lift(ban=ban, moderator=request.user, note=request.POST.get("note", "")[:500])
    messages.success(request, _("The ban on %(name)s is lifted.") % {"name": ban})
    return HttpResponseRedirect(reverse("desk:bans"), status=303)


@moderator_required
def log(request):
    moderator, action = request.GET.get("moderator"), request.GET.get("action")
    return render(
        request,
        "desk/log.html",
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
    response = HttpResponseRedirect(reverse("desk:reported", args=[comment.pk]), status=303)
    response.set_signed_cookie(REPORTER_COOKIE, key, salt=REPORTER_SALT, max_age=365 * 86400,
                               httponly=True, samesite="Lax",
                               secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
    return response


def _public_comments():
    """Comments as the public thread shows them: published, under an article readers can open."""
    return Comment.objects.visible().filter(article__in=Article.objects.public())


@same_origin_post
def report(request, comment_id):
    """Readers' report form: plain HTML, no JavaScript needed, reasons from the Comment Policy."""
    comments = _public_comments().select_related("article", "article__section")
    comment = get_object_or_404(comments, pk=comment_id)
    form = ReportForm(request.POST if request.method == "POST" else None, article=comment.article)
    if form.is_bound and form.is_valid():
        key = _reporter_key(request)
        try:
            services.comment_report(
                comment=comment,
                reporter_key=key,
                ip_hash=ip_hash(client_ip(request)),
                **form.report_arguments(),
            )
        except services.AlreadyReported:
            return _thanks(comment, key)  # the same thanks: nothing to gain by reporting twice
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _thanks(comment, key)
    context = {"comment": comment, "form": form}
    return render(request, "desk/report.html", context, status=400 if form.is_bound else 200)


def reported(request, comment_id):
    """The thanks page names only the article (which must still be public), not the comment:
    the report that hid the comment leads here too."""
    comments = Comment.objects.filter(article__in=Article.objects.public())
    comment = get_object_or_404(comments.select_related("article"), pk=comment_id)
    return render(request, "desk/reported.html", {"comment": comment})
