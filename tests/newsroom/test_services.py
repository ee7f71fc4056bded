"""Publication states and edits, through serai.newsroom.services (the only writers)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from serai.newsroom import services
from serai.newsroom.models import Article
from serai.newsroom.services import InvalidTransition, article_render
from tests.factories import ArticleFactory, AuthorFactory, add_photo

pytestmark = pytest.mark.django_db

Status = Article.Status


def _reloaded(article):
    return Article.objects.get(pk=article.pk)


# Transitions -------------------------------------------------------------------------------


def test_draft_to_published_sets_the_time_to_now():
    """Publishing a draft makes it live now and visible in lists."""
    article = ArticleFactory(draft=True)
    before = timezone.now()
    services.article_publish(article=article)
    saved = _reloaded(article)
    assert saved.status == Status.PUBLISHED
    assert before <= saved.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_a_draft_with_an_old_time_uses_now():
    """A draft taken down yesterday and published again gets today's time, not the old one."""
    old = timezone.now() - timedelta(days=1)
    article = ArticleFactory(status=Status.DRAFT, published_at=old)
    services.article_publish(article=article)
    assert _reloaded(article).published_at > old + timedelta(hours=23)


def test_draft_to_scheduled_in_the_future():
    """Scheduling keeps the article out of lists until its time."""
    article = ArticleFactory(draft=True)
    at = timezone.now() + timedelta(hours=3)
    services.article_schedule(article=article, at=at)
    saved = _reloaded(article)
    assert (saved.status, saved.published_at) == (Status.SCHEDULED, at)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()


@pytest.mark.parametrize("offset", [timedelta(0), -timedelta(minutes=5)])
def test_scheduling_for_now_or_the_past_is_refused(offset):
    """Only a future time can be scheduled; the article stays a draft."""
    article = ArticleFactory(draft=True)
    with pytest.raises(ValidationError) as excinfo:
        services.article_schedule(article=article, at=timezone.now() + offset)
    assert "future" in " ".join(excinfo.value.messages)
    assert _reloaded(article).status == Status.DRAFT


def test_scheduled_to_published_now():
    """Publishing a scheduled article early publishes it now, not at the scheduled time."""
    article = ArticleFactory(scheduled=True)
    scheduled_for = article.published_at
    services.article_publish(article=article)
    saved = _reloaded(article)
    assert saved.status == Status.PUBLISHED
    assert saved.published_at < scheduled_for - timedelta(hours=23)


def test_publishing_a_due_scheduled_article_keeps_its_time():
    """A scheduled article whose time has passed is already public: publishing it keeps the
    time readers saw."""
    due = timezone.now() - timedelta(minutes=10)
    article = ArticleFactory(status=Status.SCHEDULED, published_at=due)
    services.article_publish(article=article)
    saved = _reloaded(article)
    assert (saved.status, saved.published_at) == (Status.PUBLISHED, due)


def test_rescheduling_a_scheduled_article():
    """A scheduled article may be moved to another future time."""
    article = ArticleFactory(scheduled=True)
    later = timezone.now() + timedelta(days=3)
    services.article_schedule(article=article, at=later)
    assert _reloaded(article).published_at == later


def test_published_to_archived_keeps_it_readable_by_url_only():
    """The archive is public by URL but out of home and section lists."""
    article = ArticleFactory()
    services.article_archive(article=article)
    assert _reloaded(article).status == Status.ARCHIVED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.public().filter(pk=article.pk).exists()


def test_archived_to_published_keeps_the_original_time():
    """Bringing an article back from the archive does not make it look new."""
    first = timezone.now() - timedelta(days=40)
    article = ArticleFactory(published_at=first)
    services.article_archive(article=article)
    services.article_publish(article=_reloaded(article))
    saved = _reloaded(article)
    assert (saved.status, saved.published_at) == (Status.PUBLISHED, first)


def test_published_to_draft_hides_the_article():
    """Unpublishing takes the article off the site entirely."""
    article = ArticleFactory()
    services.article_unpublish(article=article)
    assert _reloaded(article).status == Status.DRAFT
    assert not Article.objects.public().filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    ("factory_kwargs", "move"),
    [
        ({}, "schedule"),  # published → scheduled
        ({"archived": True}, "schedule"),  # archived → scheduled
        ({"draft": True}, "archive"),  # draft → archived
        ({"scheduled": True}, "archive"),  # scheduled → archived
        ({"status": Status.SCHEDULED, "published_at": None}, "archive"),
    ],
)
def test_invalid_transitions_raise(factory_kwargs, move):
    """Moves the workflow does not allow raise InvalidTransition and change nothing."""
    article = ArticleFactory(**factory_kwargs)
    before = (article.status, article.published_at)
    with pytest.raises(InvalidTransition) as excinfo:
        if move == "schedule":
            services.article_schedule(article=article, at=timezone.now() + timedelta(days=1))
        else:
            services.article_archive(article=article)
    assert "cannot become" in excinfo.value.messages[0]
    saved = _reloaded(article)
    assert (saved.status, saved.published_at) == before


def test_due_scheduled_article_cannot_be_scheduled_again():
    """Once its time has passed a scheduled article is published for editors too: it can be
    archived, not rescheduled."""
    article = ArticleFactory(status=Status.SCHEDULED, published_at=timezone.now() - timedelta(1))
    with pytest.raises(InvalidTransition):
        services.article_schedule(article=article, at=timezone.now() + timedelta(days=1))
    services.article_archive(article=article)
    assert _reloaded(article).status == Status.ARCHIVED


def test_invalid_transition_is_a_validation_error():
    """Callers that handle ValidationError (the admin) handle refused moves too."""
    assert issubclass(InvalidTransition, ValidationError)


# "Updated" note ---------------------------------------------------------------------------


def _edit(article, **changes):
    previous = _reloaded(article)
    for name, value in changes.items():
        setattr(article, name, value)
    services.article_note_changes(article=article, previous=previous)
    article.save()
    return article


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": "Tariffs rise by a third"},
        {"standfirst": "New figures."},
        {"body": "Corrected paragraph."},
        {"dateline": "Almaty"},
        {"update_note": "Adds the ministry's reply."},
    ],
)
def test_content_change_on_a_live_article_sets_revised_at(changes):
    """Changing what readers read after publication records the revision time."""
    article = ArticleFactory()
    _edit(article, **changes)
    saved = _reloaded(article)
    assert saved.revised_at is not None
    assert saved.was_updated


def test_non_content_change_does_not_count_as_an_update(db):
    """Moving an article to another section or fixing its slug is not an update readers see."""
    article = ArticleFactory()
    other = ArticleFactory().section
    _edit(article, section=other, slug="new-slug")
    assert _reloaded(article).revised_at is None


@pytest.mark.parametrize("kwargs", [{"draft": True}, {"scheduled": True}, {"archived": True}])
def test_changes_before_publication_or_in_the_archive_are_not_updates(kwargs):
    """Editing a draft or a future scheduled article is just writing; the archive is frozen."""
    article = ArticleFactory(**kwargs)
    _edit(article, body="Rewritten.")
    assert _reloaded(article).revised_at is None


def test_new_article_has_no_previous_version():
    """Creating an article is not an update."""
    article = ArticleFactory.build()
    services.article_note_changes(article=article, previous=None)
    assert article.revised_at is None


# Authors and rendering --------------------------------------------------------------------


def test_set_authors_replaces_the_byline_in_order():
    """Setting the byline again replaces it; positions follow the list."""
    a, b, c = AuthorFactory(), AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[a, b])
    services.article_set_authors(article=article, authors=[c, a])
    assert _reloaded(article).byline_authors == [c, a]
    assert list(article.bylines.values_list("position", flat=True)) == [0, 1]


def test_article_render_stores_html_and_counts_versions():
    """Rendering stores sanitised HTML with the photos and bumps the version when the HTML changes."""
    article = ArticleFactory(body="Hello.\n\n[photo 2]")
    version = _reloaded(article).version
    add_photo(article, position=1, caption="Lead")  # the lead is shown above the body: no change
    assert _reloaded(article).version == version
    add_photo(article, position=2, caption="Inline picture")
    saved = _reloaded(article)
    assert saved.version == version + 1
    assert "Inline picture" in saved.body_html
    assert "Lead" not in saved.body_html
    article_render(article=saved)
    assert _reloaded(article).version == version + 1


def test_article_render_without_saving_leaves_the_database_alone():
    """save=False only sets the attribute."""
    article = ArticleFactory(body="Old.")
    Article.objects.filter(pk=article.pk).update(body="New text.")
    article.refresh_from_db()
    services.article_render(article=article, save=False)
    assert "New text." in article.body_html
    assert "New text." not in _reloaded(article).body_html
