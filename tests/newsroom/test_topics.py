"""Topics: editors tag articles with them; each edition has a page per topic, in its own name for
the topic, listing that edition's articles; the article shows its topics; changes show at once."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from serai.core import pagecache
from serai.core.roles import ensure_roles
from serai.newsroom.models import Article, Section, Topic
from serai.newsroom.views import PAGE_SIZE
from tests.factories import ArticleFactory, SectionFactory
from tests.security.payloads import blns_lines
from tests.syndication.helpers import get

pytestmark = pytest.mark.django_db


def tagged(*topics, **fields) -> Article:
    article = ArticleFactory(**fields)
    article.topics.set(topics)
    return article


@pytest.fixture
def water():
    return Topic.objects.create(name="Water", slug="water", translated_names={"ru": "Вода", "kk": "Су"})


def test_topic_page_lists_the_editions_tagged_articles_newest_first(client, water):
    older = tagged(water, headline="Old wells", published_at=timezone.now() - timezone.timedelta(days=2))
    newer = tagged(water, headline="New canals")
    tagged(headline="Untagged story")
    tagged(water, headline="Draft story", draft=True)
    tagged(water, headline="Russian story", language="ru")
    html = client.get("/en/topics/water/").content.decode()
    assert '<h1 class="page-title">Water</h1>' in html
    assert html.index(newer.headline) < html.index(older.headline)
    for hidden in ("Untagged story", "Draft story", "Russian story"):
        assert hidden not in html


def test_topic_page_speaks_the_editions_name_for_the_topic(client, water):
    tagged(water, headline="Сухие реки", language="ru")
    html = client.get("/ru/topics/water/").content.decode()
    assert "Вода" in html and "Сухие реки" in html
    assert "<title>Вода ·" in html
    # An edition without its own name for the topic uses the default one.
    assert '<h1 class="page-title">Water</h1>' in client.get("/ky/topics/water/").content.decode()


def test_topic_page_is_paginated_and_unknown_topics_are_not_found(client, water):
    for n in range(PAGE_SIZE + 3):
        tagged(water, headline=f"Story {n:02d}", slug=f"story-{n}")
    first = client.get("/en/topics/water/").content.decode()
    second = client.get("/en/topics/water/?page=2").content.decode()
    assert first.count('<article class="teaser') == PAGE_SIZE
    assert second.count('<article class="teaser') == 3
    assert client.get("/en/topics/water/?page=zzz").status_code == 200
    assert client.get("/en/topics/no-such-topic/").status_code == 404


def test_article_page_links_its_topics_in_the_editions_names(client, water):
    rivers = Topic.objects.create(name="Rivers", slug="rivers")
    article = tagged(water, rivers, language="ru", slug="reki")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/ru/topics/water/" rel="tag">Вода</a>' in html
    assert '<a href="/ru/topics/rivers/" rel="tag">Rivers</a>' in html


def test_article_without_topics_shows_no_topic_list(client):
    assert "story-topics" not in client.get(ArticleFactory().get_absolute_url()).content.decode()


def test_topics_cannot_be_shadowed_by_a_section():
    with pytest.raises(ValidationError):
        Section(name="Topics", slug="topics").full_clean()


def test_editors_may_add_and_change_topics():
    group = ensure_roles()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_topic", "change_topic", "view_topic"} <= codenames
    assert "delete_topic" not in codenames


def test_topic_admin_takes_a_name_per_edition(editor_client):
    response = editor_client.post(
        "/admin/newsroom/topic/add/",
        {"name": "Elections", "name_ru": "Выборы", "name_kk": " ", "slug": "elections"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(slug="elections")
    assert topic.translated_names == {"ru": "Выборы"}
    assert topic.display_name("ru") == "Выборы" and topic.display_name("kk") == "Elections"
    page = editor_client.get(f"/admin/newsroom/topic/{topic.pk}/change/").content.decode()
    assert 'value="Выборы"' in page


def test_article_form_picks_topics(editor_client, water):
    article = ArticleFactory()
    page = editor_client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert 'name="topics"' in page
    assert editor_client.get(f"/admin/newsroom/article/?topics__id__exact={water.pk}").status_code == 200
    assert editor_client.get("/admin/newsroom/topic/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_tagging_and_renaming_refresh_the_cached_pages(settings):
    settings.SERAI_PAGE_CACHE = True
    topic = Topic.objects.create(name="Water", slug="water")
    article = ArticleFactory()
    assert "Water" not in get(article.get_absolute_url()).text
    assert article.headline not in get("/en/topics/water/").text
    article.topics.add(topic)
    assert article.headline in get("/en/topics/water/").text
    assert '/en/topics/water/" rel="tag">Water<' in get(article.get_absolute_url()).text
    topic.name = "Fresh water"
    topic.save()
    assert "Fresh water" in get("/en/topics/water/").text
    assert "Fresh water" in get(article.get_absolute_url()).text


@pytest.mark.django_db(transaction=True)
def test_topic_page_is_kept_for_anonymous_readers(settings, water):
    tagged(water)
    first = get("/en/topics/water/")
    assert "public" in first.headers["Cache-Control"]
    assert pagecache.pages().get("/en/topics/water/") is not None


def test_naughty_strings_as_topic_names_render_escaped(client):
    lines = blns_lines()
    article = ArticleFactory()
    topics = [
        Topic.objects.create(name=line[:80], slug=f"t{n}", translated_names={"en": line[:80]})
        for n, line in enumerate(lines)
    ]
    article.topics.set(topics)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert html.count('rel="tag"') == len(topics)
    for topic in topics[::7]:
        response = client.get(f"/en/topics/{topic.slug}/")
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_topic_page_queries_do_not_grow_with_its_articles(client, water):
    from serai.core import fragments
    from tests.newsroom.test_queries import _count

    for n in range(5):
        tagged(water, slug=f"a{n}", section=SectionFactory(slug=f"s{n}"))
    small = _count(client, "/en/topics/water/")
    for n in range(5, 50):
        tagged(water, slug=f"a{n}", section=SectionFactory(slug=f"s{n % 7}"))
    fragments.reset()
    large = _count(client, "/en/topics/water/")
    assert small[0] == large[0], "\n".join(large[1])
    assert small[0] <= 12
