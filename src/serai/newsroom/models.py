"""The newsroom: sections, authors, articles, their photos and their language editions.

The image library's model is in `serai.newsroom.library`, the revisions' in `revisions`, the
editions' own settings in `editions`, topics in `topics`, daily reads in `readership`; all are
importable from here."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from serai.newsroom.editions import Edition
from serai.newsroom.front_page import FRONT_POSITIONS
from serai.newsroom.images import validate_image_upload
from serai.newsroom.library import Image
from serai.newsroom.topics import Topic

# Top-level paths inside an edition that a section slug must not shadow.
RESERVED_SECTION_SLUGS = {
    "authors",
    "pages",
    "comments",
    "moderation",
    "privacy",
    "api",
    "feed",
    "feeds",
    "search",
    "topics",
}


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    translated_names = models.JSONField(
        _("names in other editions"),
        default=dict,
        blank=True,
        help_text=_('Edition code to name, e.g. {"ru": "Безопасность"}.'),
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:section", kwargs={"section": self.slug})

    def clean(self):
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the site itself; choose another slug.")
                    % {"slug": self.slug}
                }
            )

    def display_name(self, language: str | None = None) -> str:
        """The section's name in an edition's language, falling back to the default name."""
        return self.translated_names.get(language or get_language() or "", "") or self.name


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)
    portrait = models.ImageField(
        _("portrait"),
        upload_to="portraits/",
        blank=True,
        validators=[validate_image_upload],
        width_field="portrait_width",
        height_field="portrait_height",
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles readers see in lists: published, or scheduled and due.

        A scheduled article becomes visible by itself when its time comes; no job has to
        flip its state first.
        """
        now = now or timezone.now()
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=now,
        )

    def public(self, now=None):
        """Articles a reader may open by URL: published ones plus the archive."""
        now = now or timezone.now()
        return self.filter(
            Q(status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED], published_at__lte=now)
            | Q(status=Article.Status.ARCHIVED)
        )

    def in_edition(self, language: str):
        return self.filter(language=language)

    def for_listing(self):
        """What a teaser needs (section, byline, lead photo) in a fixed number of queries."""
        return self.select_related("section").prefetch_related(
            models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            models.Prefetch(
                "photos", queryset=Photo.objects.select_related("image").order_by("position", "pk")
            ),
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    language = models.CharField(
        _("edition"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, allow_unicode=False, help_text=_("Part of the article's URL.")
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles", verbose_name=_("topics"))
    front_position = models.PositiveSmallIntegerField(
        _("on the front page"),
        null=True,
        blank=True,
        choices=FRONT_POSITIONS,
        help_text=_("Lead story or a top story of its edition's front page; empty: by date."),
    )
    dateline = models.CharField(
        _("dateline"), max_length=80, blank=True, help_text=_("Place the story was filed from.")
    )
    standfirst = models.TextField(_("standfirst"), blank=True, max_length=600)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: blank lines between paragraphs, '## ' for a subheading, '> ' for a quote, "
            "'- ' for a list, [text](https://…) for a link. Photo 1 is the lead photo; put any "
            "other photo in the body with a line '[photo 2]'. Unplaced photos follow the body."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revised_at = models.DateTimeField(_("updated after publication"), null=True, blank=True, editable=False)
    update_note = models.CharField(
        _("update note"),
        max_length=300,
        blank=True,
        help_text=_("Shown to readers with the 'Updated' time, e.g. 'Adds the ministry's reply.'"),
    )
    correction_note = models.TextField(
        _("correction"),
        max_length=600,
        blank=True,
        help_text=_(
            "A public correction, shown on the article, e.g. 'An earlier version misstated the tariff.' "
            "Leave empty for a silent fix."
        ),
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original edition this article translates."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="article_slug_unique_per_edition",
                violation_error_message=_("An article with this slug already exists in this edition."),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="one_translation_per_edition",
                violation_error_message=_("This article already has a translation in this edition."),
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status", "published_at"]),
            models.Index(fields=["language", "front_position"], name="article_front_page"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        where = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
        return _article_url(*where, self.language, self.section.slug, self.slug)

    def clean(self):
        errors = {}
        if self.status == self.Status.SCHEDULED and not self.published_at:
            errors["published_at"] = _("Set the publication time to schedule this article.")
        if self.translation_of_id:
            original = self.translation_of
            if self.pk and original.pk == self.pk:
                errors["translation_of"] = _("An article cannot be a translation of itself.")
            elif original.translation_of_id:
                # Keep one original per story: link to the story's original edition.
                self.translation_of = original.translation_of
                original = self.translation_of
            if original.language == self.language and "translation_of" not in errors:
                errors["translation_of"] = _(
                    "A translation must be in a different edition from its original."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        """True when readers can see the article in lists (published, or scheduled and due)."""
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def shown_status(self) -> str:
        """The state as an editor means it: a due scheduled article reads as published."""
        if self.status == self.Status.SCHEDULED and self.is_live:
            return str(self.Status.PUBLISHED.label)
        return str(self.get_status_display())

    @property
    def was_updated(self) -> bool:
        return bool(self.revised_at and self.published_at and self.revised_at > self.published_at)

    @property
    def lead_photo(self):
        photos = list(self.photos.all())
        return photos[0] if photos else None

    @property
    def byline_authors(self) -> list[Author]:
        return [b.author for b in self.bylines.all()]

    @property
    def original(self) -> "Article":
        return self.translation_of or self


class Byline(models.Model):
    """An author's place in an article's byline; the order is the order readers see."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("byline")
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="author_once_per_byline")]

    def __str__(self) -> str:
        return str(self.author)


class Photo(models.Model):
    """A library image's place in one article: photo 1 leads, '[photo N]' places photo N."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name=_("article")
    )
    position = models.PositiveSmallIntegerField(
        _("photo number"),
        blank=True,
        help_text=_("1 is the lead photo; '[photo N]' places photo N. Empty: after the others."),
    )
    image = models.ForeignKey(
        Image, on_delete=models.PROTECT, related_name="uses", verbose_name=_("library image")
    )
    caption_override = models.TextField(
        _("caption in this article"),
        max_length=600,
        blank=True,
        help_text=_("Leave empty to use the library's caption."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"],
                name="photo_number_unique_per_article",
                violation_error_message=_("Two photos of this article have the same number."),
            )
        ]

    def __str__(self) -> str:
        return _("Photo %(number)s of “%(headline)s”") % {"number": self.position, "headline": self.article}

    # What readers see comes from the library, unless this article says otherwise.
    @property
    def alt_text(self) -> str:
        return self.image.alt_text

    @property
    def caption(self) -> str:
        return self.caption_override or self.image.caption

    @property
    def credit(self) -> str:
        return self.image.credit

    @property
    def renditions(self) -> list[dict]:
        """The whole picture's renditions (crops around the focal point are in `crops`)."""
        return [r for r in self.image.renditions if "crop" not in r]

    @property
    def crops(self) -> list[dict]:
        """Renditions cut around the focal point, marked with their shape ("3x2", "1x1")."""
        return [r for r in self.image.renditions if "crop" in r]

    @property
    def width(self) -> int | None:
        return self.image.width

    @property
    def height(self) -> int | None:
        return self.image.height


@functools.lru_cache(maxsize=4096)
def _article_url(root_urlconf, urlconf, script_prefix, language: str, section_slug: str, slug: str) -> str:
    """An article's address, reversed once per process for each (edition, section, slug): reversing
    under the article's language cost more than the rest of posting a comment's redirect. Keyed on
    everything `reverse` reads besides its arguments (the URL configuration and the script prefix)."""
    from django.utils.translation import override

    with override(language):
        return reverse("newsroom:article", kwargs={"section": section_slug, "slug": slug})


from serai.newsroom.readership import ArticleReads  # noqa: E402  (models of this app, kept in their modules)
from serai.newsroom.revisions import Revision  # noqa: E402

__all__ = ["Article", "ArticleReads", "Author", "Byline", "Edition", "Image", "Photo", "Revision"]
__all__ += ["Section", "Topic"]
