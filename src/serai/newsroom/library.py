"""The image library: photos uploaded once, described once (alt text, caption, credit, focal
point), found again by search, and used by any article through its `Photo`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serai.newsroom.images import validate_image_upload


class ImageQuerySet(models.QuerySet):
    def search(self, query: str):
        """Library images whose description or file name contains every word of `query`."""
        found = self
        for word in query.split():
            found = found.filter(
                Q(alt_text__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(file__icontains=word)
            )
        return found


def _percent_validators():
    message = _("The focal point must be inside the image: between 0 and 100 per cent.")
    return [MinValueValidator(0, message=message), MaxValueValidator(100, message=message)]


class Image(models.Model):
    """A photo in the newsroom's library: uploaded once, described once, used by any article."""

    file = models.ImageField(
        _("image file"),
        upload_to="library/%Y/%m/",
        validators=[validate_image_upload],
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it. Needed before an article uses it."),
    )
    caption = models.TextField(_("caption"), max_length=600, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True, help_text=_("Shown as [Name/Agency]."))
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        default=50,
        validators=_percent_validators(),
        help_text=_("Where the subject is, from the left edge (0) to the right edge (100)."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"),
        default=50,
        validators=_percent_validators(),
        help_text=_("Where the subject is, from the top (0) to the bottom (100)."),
    )
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("library images")

    def __str__(self) -> str:
        text = self.alt_text or self.caption or self.file.name.rsplit("/", 1)[-1]
        return text if len(text) <= 80 else text[:79] + "…"
