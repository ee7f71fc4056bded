"""What each language edition decides for itself: its tagline, and whether it shows comments
written in other languages that nobody has translated into its own yet."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serai.core.fragments import fragments


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


def edition_settings(language: str) -> Edition:
    """The edition's own settings (an unsaved row with the defaults when it has none), kept per
    process while the site is unchanged: every page of the edition reads them (the masthead's
    tagline, the conversation's comments in other languages), and a save of an edition's row
    moves "site" (`serai.newsroom.invalidation.edition_changed`). Read only; never saved."""

    def load() -> Edition:
        return Edition.objects.filter(language=language).first() or Edition(language=language)

    return fragments().get(f"edition-settings:{language}", ["site"], load)


def tagline(language: str) -> str:
    """What the masthead shows under the site's name in this edition: its own tagline, else the
    site's (SITE_TAGLINE)."""
    return edition_settings(language).tagline or settings.SITE_TAGLINE
