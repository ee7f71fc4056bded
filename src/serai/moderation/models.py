"""Moderation: the Comment Policy's clauses, and (elsewhere in this app) rules, bans and the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyClause(models.Model):
    """A numbered clause of the Comment Policy, cited when a comment is rejected or removed."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    translated_titles = models.JSONField(
        _("titles in other editions"), default=dict, blank=True,
        help_text=_('Edition code to title, e.g. {"ru": "Без оскорблений"}.'),
    )
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("policy clause")
        verbose_name_plural = _("policy clauses")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def display_title(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        return self.translated_titles.get(language or get_language() or "", "") or self.title
