"""An article's history in the back office: its revisions, a diff of any two, and restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from serai.core.params import parse_id
from serai.newsroom import services
from serai.newsroom.models import Article, Revision
from serai.newsroom.revisions import diff


def field_label(name: str) -> str:
    labels = {
        "section_id": _("section"),
        "authors": _("byline"),
        "photos": _("photos"),
        "published_at": _("publication time"),
    }
    if name in labels:
        return labels[name]
    return str(Article._meta.get_field(name).verbose_name)


class ArticleRevisionsMixin:
    """Replaces the admin's History page of an article with its revisions."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/compare/",
                view(self.compare_view),
                name="newsroom_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                view(require_POST(self.restore_view)),
                name="newsroom_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id, change=False) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        allowed = (
            self.has_change_permission(request, article)
            if change
            else self.has_view_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        revisions = list(article.revisions.select_related("author"))
        for revision in revisions:
            revision.changed_labels = [field_label(f) for f in revision.changed]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("History of “%(headline)s”") % {"headline": article.headline},
            "revisions": revisions,
            "compare_url": reverse("admin:newsroom_article_compare", args=[article.pk]),
        }
        return TemplateResponse(request, "newsroom/admin/article_history.html", context)

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        numbers = sorted(parse_id(request.GET.get(k)) or 0 for k in ("a", "b"))
        if not numbers[0]:
            messages.error(request, _("Choose two revisions to compare."))
            return redirect("admin:newsroom_article_history", article.pk)
        found = {r.number: r for r in article.revisions.filter(number__in=numbers)}
        if len(found) != len(set(numbers)):
            raise Http404(_("No such revision of this article."))
        old, new = found[numbers[0]], found[numbers[1]]
        changes = diff(old.data, new.data)
        for change in changes:
            change.label = field_label(change.name)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Revision %(a)d compared with revision %(b)d") % {"a": old.number, "b": new.number},
            "old": old,
            "new": new,
            "changes": changes,
        }
        return TemplateResponse(request, "newsroom/admin/article_compare.html", context)

    def restore_view(self, request, object_id, number):
        article = self._article(request, object_id, change=True)
        revision = get_object_or_404(Revision, article=article, number=number)
        missing = services.article_restore(article=article, revision=revision, author=request.user)
        if missing:
            messages.warning(
                request,
                _("Restored revision %(n)d, except: %(missing)s.")
                % {"n": number, "missing": "; ".join(missing)},
            )
        else:
            messages.success(request, _("Restored revision %(n)d.") % {"n": number})
        return redirect("admin:newsroom_article_change", article.pk)
