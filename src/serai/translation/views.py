"""The translation desk: comments waiting for a translation, one language pair at a time.

Plain forms that work without JavaScript (POST, then a redirect to the queue); the page's script
sends the same forms in the background. A refused save comes back with the typed text in place.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from serai.comments.models import Comment
from serai.staff.services import staff_languages_set
from serai.translation import drafts, selectors, services
from serai.translation.forms import LanguagesForm, SkipForm, TranslationForm, sign_draft
from serai.translation.selectors import Pair

PAGE_SIZE = 10
SKIPPED_KEY = "serai_translation_skipped"
SKIPPED_KEPT = 500
TRANSLATE = ("comments.add_commenttranslation", "comments.change_commenttranslation")


def can_translate(user) -> bool:
    return user.is_active and user.has_perms(TRANSLATE)


def translator_required(view):
    """Signed-out visitors go to the staff login; staff without the translator's role get a page
    that says which role the desk needs (status 403). Never cached: the pages are someone's own."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not can_translate(request.user):
            return render(request, "translation/forbidden.html", {}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _skipped(request, target: str) -> list[int]:
    ids = (entry.partition(":") for entry in request.session.get(SKIPPED_KEY, []))
    return [int(pk) for pk, _sep, language in ids if language == target and pk.isdigit()]


def _cards(request, pair: Pair | None) -> tuple[list[Comment], str]:
    """The page's comments, each with its machine draft (signed) and the edition it will show on."""
    if pair is None:
        return [], ""
    cards = list(selectors.queue(pair, skipped=_skipped(request, pair.target))[:PAGE_SIZE])
    stored = selectors.stored_drafts(cards, pair.target)
    found, problem = drafts.drafts_for(cards, source=pair.source, target=pair.target, stored=stored)
    editions = selectors.editions_in(cards, pair.target)
    for card in cards:
        card.draft = found.get(card.pk)
        text = card.draft.text if card.draft else ""
        card.signed_draft = sign_draft(comment_id=card.pk, language=pair.target, text=text) if text else ""
        card.shown_on = editions.get(card.story_id)
    return cards, problem


def _context(request, pair_value: str | None, kept: dict | None = None) -> dict:
    counts = selectors.pair_counts()
    languages = selectors.translators_languages(request.user)
    pair = Pair.parse(pair_value) or selectors.default_pair(counts, languages)
    cards, problem = _cards(request, pair)
    kept = kept or {}
    for card in cards:
        if kept and kept["comment"] == str(card.pk) and kept["language"] == pair.target:
            card.error, card.typed, kept["shown"] = kept["error"], kept["text"], True
    waiting = dict(counts).get(pair, 0) if pair else 0
    return {
        "pair": pair,
        "counts": counts,
        "cards": cards,
        "problem": problem,
        "kept": kept,
        "languages": languages,
        "names": dict(settings.LANGUAGES),
        "waiting": waiting,
        "configured": drafts.configured(),
        "skipped": bool(request.session.get(SKIPPED_KEY)),
        "unknown_pair": bool(pair_value) and Pair.parse(pair_value) is None,
        "languages_form": LanguagesForm(initial={"languages": languages}),
    }


@translator_required
@require_safe
def desk(request):
    return render(request, "translation/desk.html", _context(request, request.GET.get("pair")))


def _back(pair_value: str, anchor: str = "#queue") -> HttpResponseRedirect:
    query = f"?{urlencode({'pair': pair_value})}" if Pair.parse(pair_value) else ""
    return HttpResponseRedirect(reverse("translation:desk") + query + anchor, status=303)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, form, message: str):
    """Nothing is lost: the page comes back with the typed text where it was, and the reason."""
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=400)
    kept = {
        "comment": form.data.get("comment", ""),
        "language": form.data.get("language", ""),
        "text": form.data.get("text", ""),
        "error": message,
    }
    context = _context(request, request.POST.get("pair"), kept)
    return render(request, "translation/desk.html", context, status=400)


@translator_required
@require_POST
def save(request):
    form = TranslationForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, _("That did not work: the form was incomplete. Try again."))
    data = form.cleaned_data
    comment = Comment.objects.select_related("article").filter(pk=data["comment"]).first()
    if comment is None:
        return _refused(request, form, _("This comment no longer exists. Your text is kept below."))
    try:
        translation = services.translation_save(
            comment=comment,
            language=data["language"],
            text=data["text"],
            translator=request.user,
            machine_draft=form.machine_draft(),
            replace=False,
        )
    except ValidationError as exc:
        return _refused(request, form, " ".join(exc.messages))
    name = services.language_name(translation.language)
    if translation.origin == translation.Origin.MACHINE:
        message = _("Saved the machine translation into %(language)s, reviewed by you.") % {"language": name}
    else:
        message = _("Saved your translation into %(language)s.") % {"language": name}
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return _back(request.POST.get("pair", ""))


@translator_required
@require_POST
def skip(request):
    """Leave a comment for later (or for a colleague): gone from this translator's queue for the
    session, until they ask for the skipped ones again."""
    form = SkipForm(request.POST)
    if form.is_valid():
        entry = f"{form.cleaned_data['comment']}:{form.cleaned_data['language']}"
        kept = [e for e in request.session.get(SKIPPED_KEY, []) if e != entry]
        request.session[SKIPPED_KEY] = [*kept, entry][-SKIPPED_KEPT:]
    if _wants_json(request):
        ok = form.is_valid()
        return JsonResponse({"ok": ok, "message": _("Skipped.")}, status=200 if ok else 400)
    return _back(request.POST.get("pair", ""))


@translator_required
@require_POST
def unskip(request):
    request.session.pop(SKIPPED_KEY, None)
    return _back(request.POST.get("pair", ""))


@translator_required
@require_POST
def languages(request):
    """The languages the translator reads: the desk opens on a pair of them."""
    form = LanguagesForm(request.POST)
    if form.is_valid():
        staff_languages_set(account=request.user, languages=form.cleaned_data["languages"])
        messages.success(request, _("Saved the languages you read."))
    else:
        messages.error(request, _("Choose among the languages this site publishes in."))
    return _back("")
