"""Standing pages editors keep up to date: the Comment Policy, About, Contact."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from serai.newsroom.rendering import render_plain
from serai.pages.defaults import CLAUSES_MARKER, COMMENT_POLICY_SLUG

__all__ = ["COMMENT_POLICY_SLUG", "Page"]

# How the marker line reads once rendered.
_RENDERED_MARKER = f"<p>{CLAUSES_MARKER}</p>"


class Page(models.Model):
    language = models.CharField(
        _("edition"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown, as in article bodies. In the Comment Policy, a line reading [clauses] is "
            "where the policy's clauses are listed (after the text when there is none)."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug", "language"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="page_slug_unique_per_edition",
                violation_error_message=_("This edition already has a page with this slug."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        # Rendering is part of the page's own data (like a computed column), not a side effect.
        self.body_html = render_plain(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        with override(self.language):
            return reverse("pages:page", kwargs={"slug": self.slug})

    def body_parts(self) -> tuple[str, str]:
        """The rendered body before and after the [clauses] line (all of it before, without one)."""
        before, _marker, after = self.body_html.partition(_RENDERED_MARKER)
        return before, after
