"""What each language edition decides for itself: its tagline, and whether it shows comments
written in other languages that nobody has translated into its own yet."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OtherLanguages(models.TextChoices):
    """Which comments written in another language an edition shows."""

    ALL = "all", _("All of them: in translation where there is one, else as written")
    TRANSLATED = "translated", _("Only those translated into this edition's language")


class Edition(models.Model):
    """One language edition's own settings; an edition without a row takes the defaults."""

    language = models.CharField(_("edition"), max_length=8, choices=settings.LANGUAGES, unique=True)
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the site name in this edition. Empty: the site's tagline."),
    )
    other_language_comments = models.CharField(
        _("comments in other languages"),
        max_length=12,
        choices=OtherLanguages.choices,
        default=OtherLanguages.ALL,
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return self.get_language_display()
