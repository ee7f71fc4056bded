"""Topics: what editors tag articles with, across sections ("Elections", "Water"), each with its
name in every edition. A topic's page lists the edition's articles tagged with it; related
articles under a story are found by the topics they share."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    translated_names = models.JSONField(
        _("names in other editions"),
        default=dict,
        blank=True,
        help_text=_('Edition code to name, e.g. {"ru": "Безопасность"}.'),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:topic", kwargs={"slug": self.slug})

    def display_name(self, language: str | None = None) -> str:
        """The topic's name in an edition's language, falling back to the default name."""
        names = self.translated_names if isinstance(self.translated_names, dict) else {}
        return names.get(language or get_language() or "", "") or self.name
