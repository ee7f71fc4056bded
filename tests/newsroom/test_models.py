"""The newsroom's models: validation, querysets and the properties pages rely on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from serai.newsroom.models import RESERVED_SECTION_SLUGS, Article, Section
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo

pytestmark = pytest.mark.django_db

Status = Article.Status


# Sections ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(RESERVED_SECTION_SLUGS))
def test_section_slug_may_not_shadow_a_site_path(slug):
    """A section slug such as "authors" or "pages" would hide a page of the site: refused."""
    section = Section(name="Reserved", slug=slug)
    with pytest.raises(ValidationError) as excinfo:
        section.full_clean()
    assert "slug" in excinfo.value.message_dict
    assert slug in excinfo.value.message_dict["slug"][0]


def test_section_with_an_ordinary_slug_is_valid():
    """An ordinary slug passes validation."""
    Section(name="Politics", slug="politics").full_clean()


def test_section_display_name_uses_the_edition_then_falls_back():
    """The Russian edition shows the Russian name; an edition without one shows the default."""
    section = SectionFactory(name="Security", translated_names={"ru": "Безопасность"})
    assert section.display_name("ru") == "Безопасность"
    assert section.display_name("kk") == "Security"
    assert section.display_name("en") == "Security"


def test_sections_are_ordered_by_position_then_name():
    """Editors order sections by position; equal positions are alphabetical."""
    SectionFactory(name="Zeta", slug="zeta", position=1)
    SectionFactory(name="Beta", slug="beta", position=2)
    SectionFactory(name="Alpha", slug="alpha", position=2)
    assert [s.slug for s in Section.objects.all()] == ["zeta", "alpha", "beta"]


# Article validation -----------------------------------------------------------------------


def test_scheduled_article_needs_a_publication_time():
    """Scheduling without a time is a validation error on the publication time."""
    article = ArticleFactory(status=Status.SCHEDULED, published_at=None)
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "published_at" in excinfo.value.message_dict


def test_scheduled_article_with_a_time_is_valid():
    """With a time set, a scheduled article validates."""
    ArticleFactory(scheduled=True).full_clean()


def test_translation_in_the_same_edition_is_refused():
    """A translation must be in another edition than its original."""
    original = ArticleFactory(language="en")
    copy = ArticleFactory.build(language="en", section=original.section, translation_of=original)
    with pytest.raises(ValidationError) as excinfo:
        copy.clean()
    assert "translation_of" in excinfo.value.message_dict


def test_translation_in_another_edition_is_valid():
    """A Russian translation of an English article validates."""
    original = ArticleFactory(language="en")
    ArticleFactory.build(language="ru", section=original.section, translation_of=original).clean()


def test_article_cannot_translate_itself():
    """Pointing an article at itself as its original is refused."""
    article = ArticleFactory()
    article.translation_of = article
    with pytest.raises(ValidationError) as excinfo:
        article.clean()
    assert "translation_of" in excinfo.value.message_dict


def test_translation_of_a_translation_points_to_the_original():
    """Linking a Kazakh edition to the Russian translation links it to the English original."""
    original = ArticleFactory(language="en")
    russian = ArticleFactory(language="ru", section=original.section, translation_of=original)
    kazakh = ArticleFactory.build(language="kk", section=original.section, translation_of=russian)
    kazakh.clean()
    assert kazakh.translation_of == original


def test_translation_of_a_translation_in_the_originals_language_is_refused():
    """Re-pointing to the original still checks the edition: an English copy of a Russian
    translation of an English original is refused."""
    original = ArticleFactory(language="en")
    russian = ArticleFactory(language="ru", section=original.section, translation_of=original)
    copy = ArticleFactory.build(language="en", section=original.section, translation_of=russian)
    with pytest.raises(ValidationError) as excinfo:
        copy.clean()
    assert "translation_of" in excinfo.value.message_dict


def test_slug_is_unique_per_edition_but_may_repeat_across_editions():
    """The same slug may exist in /en/ and /ru/, never twice in one edition."""
    ArticleFactory(language="en", slug="floods")
    ArticleFactory(language="ru", slug="floods")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(language="en", slug="floods")


def test_duplicate_slug_is_a_clear_validation_error():
    """Model validation names the problem before the database has to refuse it."""
    first = ArticleFactory(language="en", slug="floods")
    dup = ArticleFactory.build(language="en", slug="floods", section=first.section)
    with pytest.raises(ValidationError) as excinfo:
        dup.validate_constraints()
    assert "slug" in " ".join(excinfo.value.messages)


def test_one_translation_per_edition():
    """An original has at most one translation in each edition."""
    original = ArticleFactory(language="en")
    ArticleFactory(language="ru", translation_of=original)
    second = ArticleFactory.build(language="ru", section=original.section, translation_of=original)
    with pytest.raises(ValidationError):
        second.validate_constraints()


# Querysets ---------------------------------------------------------------------------------


def _slugs(queryset):
    return set(queryset.values_list("slug", flat=True))


@pytest.fixture
def one_of_each():
    now = timezone.now()
    ArticleFactory(slug="published", status=Status.PUBLISHED, published_at=now - timedelta(hours=2))
    ArticleFactory(slug="draft", draft=True)
    ArticleFactory(slug="draft-with-time", status=Status.DRAFT, published_at=now - timedelta(days=1))
    ArticleFactory(slug="due", status=Status.SCHEDULED, published_at=now - timedelta(minutes=1))
    ArticleFactory(slug="future", status=Status.SCHEDULED, published_at=now + timedelta(hours=1))
    ArticleFactory(slug="archived", status=Status.ARCHIVED, published_at=now - timedelta(days=30))
    return now


def test_published_lists_published_and_due_scheduled_articles(one_of_each):
    """Lists show published articles and scheduled ones whose time has come; never drafts,
    future scheduled or archived articles."""
    assert _slugs(Article.objects.published()) == {"published", "due"}


def test_public_adds_the_archive_to_published(one_of_each):
    """By URL readers may also open archived articles, still never drafts or future ones."""
    assert _slugs(Article.objects.public()) == {"published", "due", "archived"}


def test_scheduled_article_appears_by_itself_when_its_time_comes(one_of_each):
    """No job flips the state: two hours later the future article is in the published list."""
    later = one_of_each + timedelta(hours=2)
    assert "future" not in _slugs(Article.objects.published())
    assert "future" in _slugs(Article.objects.published(now=later))
    assert "future" in _slugs(Article.objects.public(now=later))
    assert Article.objects.get(slug="future").status == Status.SCHEDULED


def test_published_with_a_time_in_the_past_hides_later_articles(one_of_each):
    """`now=` moves the clock back too: three hours ago only the archive was there."""
    earlier = one_of_each - timedelta(hours=3)
    assert _slugs(Article.objects.published(now=earlier)) == set()
    assert _slugs(Article.objects.public(now=earlier)) == {"archived"}


def test_in_edition_and_newest_first():
    """An edition's articles, newest first, with ties broken by the newest id."""
    now = timezone.now()
    old = ArticleFactory(language="en", published_at=now - timedelta(days=2))
    new = ArticleFactory(language="en", published_at=now - timedelta(hours=1))
    tie = ArticleFactory(language="en", published_at=now - timedelta(hours=1))
    ArticleFactory(language="ru")
    assert list(Article.objects.in_edition("en").newest_first()) == [tie, new, old]


# Properties --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "offset", "shown", "live"),
    [
        (Status.DRAFT, None, "Draft", False),
        (Status.SCHEDULED, timedelta(hours=1), "Scheduled", False),
        (Status.SCHEDULED, -timedelta(minutes=1), "Published", True),
        (Status.PUBLISHED, -timedelta(hours=1), "Published", True),
        (Status.PUBLISHED, timedelta(hours=1), "Published", False),
        (Status.ARCHIVED, -timedelta(days=1), "Archived", False),
    ],
)
def test_shown_status_and_is_live(status, offset, shown, live):
    """Editors see a due scheduled article as published; only published or due articles are
    live."""
    published_at = timezone.now() + offset if offset is not None else None
    article = ArticleFactory.build(status=status, published_at=published_at)
    assert article.shown_status == shown
    assert article.is_live is live


def test_was_updated_only_after_publication():
    """An article counts as updated when its revision is later than its publication."""
    now = timezone.now()
    assert ArticleFactory.build(published_at=now - timedelta(hours=1), revised_at=now).was_updated
    assert not ArticleFactory.build(published_at=now, revised_at=now - timedelta(hours=1)).was_updated
    assert not ArticleFactory.build(published_at=now, revised_at=None).was_updated
    assert not ArticleFactory.build(published_at=None, revised_at=now).was_updated


def test_lead_photo_is_the_lowest_numbered_photo():
    """Photo 1 leads, whatever order the photos were added in."""
    article = ArticleFactory()
    add_photo(article, position=3, caption="Third")
    add_photo(article, position=1, caption="First")
    assert article.lead_photo.caption == "First"
    assert ArticleFactory().lead_photo is None


def test_byline_keeps_the_editors_order():
    """Authors appear in the order the editor put them, not alphabetically."""
    zed, amy = AuthorFactory(name="Zed"), AuthorFactory(name="Amy")
    article = ArticleFactory(authors=[zed, amy])
    assert [a.name for a in article.byline_authors] == ["Zed", "Amy"]


def test_original_is_the_story_root():
    """A translation's original is its source article; an original is its own."""
    en = ArticleFactory(language="en")
    ru = ArticleFactory(language="ru", translation_of=en)
    assert ru.original == en
    assert en.original == en


def test_article_url_carries_its_edition_and_section():
    """An article's address is /<edition>/<section>/<slug>/."""
    section = SectionFactory(slug="economy")
    assert ArticleFactory(language="ru", section=section, slug="grain").get_absolute_url() == (
        "/ru/economy/grain/"
    )
    assert ArticleFactory(language="en", section=section, slug="grain").get_absolute_url() == (
        "/en/economy/grain/"
    )


def test_section_cannot_be_deleted_while_it_has_articles():
    """Deleting a section would orphan its articles: the database refuses."""
    article = ArticleFactory()
    with pytest.raises(ProtectedError):
        article.section.delete()


# Addresses --------------------------------------------------------------------------------


def test_an_articles_address_follows_its_slug_section_and_edition_and_the_script_prefix():
    """Addresses are reversed once per process and kept, keyed on all they are made from."""
    from django.urls import get_script_prefix, set_script_prefix

    article = ArticleFactory(slug="grain-prices", section=SectionFactory(slug="economy"), language="en")
    assert article.get_absolute_url() == "/en/economy/grain-prices/"
    assert article.get_absolute_url() == "/en/economy/grain-prices/"  # kept: the same answer
    article.slug = "grain-prices-fall"
    assert article.get_absolute_url() == "/en/economy/grain-prices-fall/"
    article.section = SectionFactory(slug="markets")
    assert article.get_absolute_url() == "/en/markets/grain-prices-fall/"
    article.language = "ru"
    assert article.get_absolute_url() == "/ru/markets/grain-prices-fall/"
    article.section.slug = "rynki"  # the section object the article holds, renamed
    assert article.get_absolute_url() == "/ru/rynki/grain-prices-fall/"
    before = get_script_prefix()
    set_script_prefix("/news/")
    try:
        assert article.get_absolute_url() == "/news/ru/rynki/grain-prices-fall/"
    finally:
        set_script_prefix(before)
    assert article.get_absolute_url() == "/ru/rynki/grain-prices-fall/"
