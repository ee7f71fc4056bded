"""Factories for tests: build what a test needs, nothing more."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from serai.newsroom import services
from serai.newsroom.models import Article, Author, Photo, Section
from serai.newsroom.models import Image as LibraryImage
from serai.pages.models import Page


def image_file(name="photo.jpg", size=(1600, 1000), fmt="JPEG", color=(120, 80, 40)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, buf.getvalue(), content_type=content_type)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published English article with one author and a rendered body."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    language = "en"
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-{n}")
    section = factory.SubFactory(SectionFactory)
    dateline = "Korsai"
    standfirst = "A short summary."
    body = "First paragraph.\n\n## A subheading\n\nSecond paragraph."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))

    class Params:
        # ArticleFactory(draft=True), (scheduled=True): due tomorrow, (archived=True).
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Article.Status.SCHEDULED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=1)),
        )
        archived = factory.Trait(status=Article.Status.ARCHIVED)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        services.article_set_authors(article=self, authors=extracted or [AuthorFactory()])
        services.article_render(article=self)


def add_library_image(**fields) -> LibraryImage:
    """A described image in the library, with its renditions."""
    image = LibraryImage.objects.create(
        file=fields.pop("image", None) or image_file(),
        alt_text=fields.pop("alt_text", "A street in the rain"),
        caption=fields.pop("caption", "Rain over the old market."),
        credit=fields.pop("credit", "Dana Example/Serai Wire"),
        **fields,
    )
    return services.image_make_renditions(image=image)


def add_photo(article, position=1, caption_override="", **fields) -> Photo:
    """A new library image (described by `fields`) used as photo number `position` of `article`."""
    image = fields.pop("library_image", None) or add_library_image(**fields)
    photo = Photo.objects.create(
        article=article, position=position, image=image, caption_override=caption_override
    )
    services.article_render(article=article)
    return photo


def image_bytes(size=(1600, 1000), fmt="JPEG", color=(120, 80, 40), mode="RGB", **save_args) -> bytes:
    """The bytes of a plain image; `save_args` go to Pillow (e.g. exif=…, compress_level=0)."""
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt, **save_args)
    return buf.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def oriented_jpeg(size=(400, 200), orientation=6) -> SimpleUploadedFile:
    """A JPEG stored sideways: its EXIF orientation tells viewers to rotate it."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    return upload("sideways.jpg", image_bytes(size, "JPEG", exif=exif.tobytes()), "image/jpeg")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    language = "en"
    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Standing page {n}")
    body = "How we work.\n\n## Rules\n\n- Be civil."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # `migrate` makes the Comment Policy and About pages: a test's own page replaces them.
        model_class.objects.filter(language=kwargs["language"], slug=kwargs["slug"]).delete()
        return super()._create(model_class, *args, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    """A reader by default; UserFactory(staff=True) is an editor, (superuser=True) an admin."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)
