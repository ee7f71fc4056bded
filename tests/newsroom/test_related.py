"""Related articles under each article: the same edition's published stories that share the most
topics with it, then those of its section, newest first; never the story itself; one query."""

import pytest
from django.utils import timezone

from serai.newsroom.models import Topic
from serai.newsroom.selectors import related_articles
from tests.factories import ArticleFactory, SectionFactory
from tests.syndication.helpers import get

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timezone.timedelta(hours=hours)


def tagged(*topics, **fields):
    article = ArticleFactory(**fields)
    article.topics.set(topics)
    return article


@pytest.fixture
def topics():
    return [Topic.objects.create(name=name, slug=name.lower()) for name in ("Water", "Dams", "Farms")]


def test_ranked_by_shared_topics_then_section_then_newest(topics):
    water, dams, farms = topics
    home, away = SectionFactory(slug="home"), SectionFactory(slug="away")
    article = tagged(water, dams, farms, section=home, published_at=ago(1))
    two_shared = tagged(water, dams, section=away, published_at=ago(50))
    one_shared_same_section = tagged(farms, section=home, published_at=ago(40))
    one_shared_newer = tagged(water, section=away, published_at=ago(2))
    one_shared_older = tagged(dams, section=away, published_at=ago(30))
    tagged(section=home, published_at=ago(3))  # same section only: fifth, left out
    tagged(section=away, published_at=ago(1))  # nothing in common: never related
    found = related_articles(article=article)
    assert found == [two_shared, one_shared_same_section, one_shared_newer, one_shared_older]


def test_without_topics_the_sections_newest_stories(topics):
    section = SectionFactory(slug="home")
    article = ArticleFactory(section=section, published_at=ago(5))
    newer, older = ArticleFactory(section=section, published_at=ago(1)), ArticleFactory(section=section)
    older.published_at = ago(9)
    older.save()
    ArticleFactory(published_at=ago(1))  # another section
    assert related_articles(article=article) == [newer, older]


def test_leaves_out_itself_its_editions_drafts_and_other_editions(topics):
    water = topics[0]
    original = tagged(water, language="en", slug="story")
    translation = tagged(water, language="ru", slug="story", translation_of=original)
    russian_neighbour = tagged(water, language="ru", slug="neighbour")
    tagged(water, draft=True)
    tagged(water, scheduled=True)
    tagged(water, language="kk")
    assert related_articles(article=original) == []
    assert related_articles(article=translation) == [russian_neighbour]
    assert related_articles(article=russian_neighbour) == [translation]


def test_one_query_whatever_the_number_of_candidates(topics, django_assert_num_queries):
    article = tagged(*topics)
    for n in range(30):
        tagged(*topics[: n % 3 + 1], slug=f"candidate-{n}", section=SectionFactory(slug=f"s{n % 4}"))
    with django_assert_num_queries(1):
        found = related_articles(article=article)
        assert [a.section.slug for a in found]  # sections come with them
    assert len(found) == 4
    assert all(a.shared == 3 for a in found)


def test_shown_on_the_article_page_above_the_conversation(client, topics):
    article = tagged(topics[0])
    related = tagged(topics[0], headline="A dam on the river")
    html = client.get(article.get_absolute_url()).content.decode()
    block = html.index('aria-labelledby="related"')
    assert html.index(related.headline, block) > block
    assert f'href="{related.get_absolute_url()}"' in html
    assert html.index("after-story") > block


def test_an_article_without_related_stories_shows_no_block(client):
    article = ArticleFactory()
    assert 'aria-labelledby="related"' not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_new_related_story_shows_on_the_next_read_of_a_cached_page(settings):
    settings.SERAI_PAGE_CACHE = True
    water = Topic.objects.create(name="Water", slug="water")
    article = tagged(water, section=SectionFactory(slug="home"))
    assert 'aria-labelledby="related"' not in get(article.get_absolute_url()).text
    newcomer = tagged(water, headline="Rain returns to the steppe", section=SectionFactory(slug="away"))
    assert newcomer.headline in get(article.get_absolute_url()).text
