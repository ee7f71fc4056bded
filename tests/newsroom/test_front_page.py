"""The front page editors control: the lead and top stories they choose (the newest leads when
they choose none), comment counts on every list in one query and fresh after a new comment, and
the most commented stories of the last week."""

import pytest
from django.utils import timezone

from serai.comments import services as comments
from serai.comments.models import Comment
from serai.core import purge
from serai.newsroom.models import Topic
from serai.newsroom.selectors import front_page, most_commented_since, with_comment_counts
from tests.comments.helpers import SAME_ORIGIN, CommentFactory, vote_data, vote_url
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.newsroom.test_queries import _count
from tests.syndication.helpers import get

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timezone.timedelta(hours=hours)


def test_the_newest_leads_when_editors_choose_nothing():
    older, newest = ArticleFactory(published_at=ago(5)), ArticleFactory(published_at=ago(1))
    front = front_page(language="en")
    assert front.lead == newest and front.top_stories == []
    assert [a for _s, block in front.sections for a in block] == [older]


def test_the_editors_lead_and_top_stories_in_their_order():
    chosen_lead = ArticleFactory(published_at=ago(30), front_position=1)
    second = ArticleFactory(published_at=ago(20), front_position=3)
    first = ArticleFactory(published_at=ago(40), front_position=2)
    newest = ArticleFactory(published_at=ago(1))
    ArticleFactory(language="ru", front_position=1, slug="ru-lead")
    ArticleFactory(draft=True, front_position=2)
    front = front_page(language="en")
    assert front.lead == chosen_lead
    assert front.top_stories == [first, second]
    assert [a for _s, block in front.sections for a in block] == [newest]


def test_a_top_story_that_is_also_the_newest_leads_once_when_no_lead_is_chosen():
    top = ArticleFactory(published_at=ago(1), front_position=2)
    other = ArticleFactory(published_at=ago(3), front_position=4)
    front = front_page(language="en")
    assert front.lead == top and front.top_stories == [other]


def test_a_newer_article_in_a_place_displaces_the_older_one():
    old_lead = ArticleFactory(published_at=ago(30), front_position=1)
    new_lead = ArticleFactory(published_at=ago(10), front_position=1)
    old_top = ArticleFactory(published_at=ago(40), front_position=2)
    new_top = ArticleFactory(published_at=ago(20), front_position=2)
    front = front_page(language="en")
    assert front.lead == new_lead and front.top_stories == [new_top]
    assert [a for _s, block in front.sections for a in block] == [old_lead, old_top]


def test_home_shows_the_lead_and_the_top_stories_block(client):
    ArticleFactory(headline="The chosen lead", front_position=1, published_at=ago(9))
    ArticleFactory(headline="A chosen top story", front_position=2)
    html = client.get("/en/").content.decode()
    lead = html.index('class="lead-story"')
    assert html.index("The chosen lead") > lead
    top = html.index('aria-labelledby="top-stories"')
    assert top > html.index("The chosen lead") and html.index("A chosen top story") > top


def test_editors_set_the_position_in_the_article_list(editor_client):
    article = ArticleFactory()
    page = editor_client.get("/admin/newsroom/article/").content.decode()
    assert 'name="form-0-front_position"' in page
    response = editor_client.post(
        "/admin/newsroom/article/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(article.pk),
            "form-0-front_position": "1",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.front_position == 1


def test_comment_counts_are_read_in_one_query_per_list(django_assert_num_queries):
    articles = [ArticleFactory(slug=f"a{n}") for n in range(6)]
    translation = ArticleFactory(language="ru", slug="a0", translation_of=articles[0])
    CommentFactory(article=articles[0])
    CommentFactory(article=translation)  # one conversation per story: counted for both editions
    CommentFactory(article=articles[1])
    CommentFactory(article=articles[1], status=Comment.Status.PENDING)
    CommentFactory(article=articles[2], status=Comment.Status.REJECTED)
    listed = [*articles, translation]
    with django_assert_num_queries(1):
        with_comment_counts(listed)
    assert [a.comment_count for a in listed] == [2, 1, 0, 0, 0, 0, 2]
    with django_assert_num_queries(0):
        assert with_comment_counts([]) == []


def test_every_list_shows_the_counts(client):
    topic = Topic.objects.create(name="Water", slug="water")
    author = AuthorFactory(slug="dana")
    lead = ArticleFactory(published_at=ago(1))
    article = ArticleFactory(section=SectionFactory(slug="news"), authors=[author], published_at=ago(2))
    article.topics.add(topic)
    for _ in range(3):
        CommentFactory(article=article)
    CommentFactory(article=lead)
    for url in ("/en/", "/en/news/", "/en/topics/water/", "/en/authors/dana/"):
        html = client.get(url).content.decode()
        assert f'href="{article.get_absolute_url()}#comments">3 Comments</a>' in html, url
    assert f'href="{lead.get_absolute_url()}#comments">1 Comment</a>' in client.get("/en/").content.decode()


@pytest.mark.parametrize("url", ["/en/", "/en/s0/", "/en/topics/water/", "/en/authors/author-x/"])
def test_list_queries_do_not_grow_with_their_articles(client, url):
    topic = Topic.objects.create(name="Water", slug="water")
    author = AuthorFactory(slug="author-x")

    def add(count, start):
        for n in range(start, start + count):
            section = SectionFactory(slug=f"s{n % 3}", position=n % 3)
            position = n % 9 or None
            article = ArticleFactory(slug=f"a{n}", section=section, authors=[author], front_position=position)
            article.topics.add(topic)
            CommentFactory(article=article)

    add(5, 0)
    small = _count(client, url)
    add(45, 5)
    large = _count(client, url)
    assert small[0] == large[0], "\n".join(large[1])
    assert small[0] <= 14, "\n".join(small[1])


def test_most_commented_of_the_last_week(client):
    quiet = ArticleFactory(headline="Quiet story")
    busy = ArticleFactory(headline="Busy story")
    busier = ArticleFactory(headline="Busier story", slug="busier")
    busier_ru = ArticleFactory(language="ru", slug="busier", translation_of=busier)
    old_news = ArticleFactory(headline="Old talk")
    for _ in range(2):
        CommentFactory(article=busy)
    for target in (busier, busier_ru, busier):
        CommentFactory(article=target)
    CommentFactory(article=quiet, status=Comment.Status.PENDING)
    for _ in range(5):
        CommentFactory(article=old_news, created_at=ago(24 * 8))
    found = most_commented_since(language="en", days=7)
    assert found == [busier, busy]
    assert [a.recent_comments for a in found] == [3, 2]
    assert most_commented_since(language="ru", days=7) == [busier_ru]
    html = client.get("/en/").content.decode()
    block = html.index('aria-labelledby="most-commented"')
    assert block < html.index("Busier story", block) < html.index("Busy story", block)


def test_most_commented_takes_five_in_one_query(django_assert_num_queries):
    for n in range(8):
        article = ArticleFactory(slug=f"a{n}")
        for _ in range(n + 1):
            CommentFactory(article=article)
    with django_assert_num_queries(1):
        found = most_commented_since(language="en", days=7)
        assert [a.section.slug for a in found]
    assert [a.slug for a in found] == ["a7", "a6", "a5", "a4", "a3"]


def published_comment(article, text="A view from the valley."):
    comment = comments.comment_post(
        article=article, author_name="A Reader", email="reader@example.org", text=text, form_age=30
    )
    return comments.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)


@pytest.mark.django_db(transaction=True)
def test_a_new_comment_refreshes_the_cached_lists_that_count_it(settings):
    settings.SERAI_PAGE_CACHE = True
    topic = Topic.objects.create(name="Water", slug="water")
    author = AuthorFactory(slug="dana")
    article = ArticleFactory(section=SectionFactory(slug="news"), authors=[author])
    article.topics.add(topic)
    other = ArticleFactory(language="kk", slug="other")
    urls = ["/en/", "/en/news/", "/en/topics/water/", "/en/authors/dana/"]
    for url in [*urls, "/kk/"]:
        assert "1 Comment<" not in get(url).text
    before = get("/kk/")
    purge.purger().purged.clear()  # what making the articles purged
    published_comment(article)
    for url in urls:
        assert f'{article.get_absolute_url()}#comments">1 Comment<' in get(url).text, url
        assert url in purge.purger().purged
    # Another edition's lists are kept: its comment counts did not change.
    assert get("/kk/").headers["ETag"] == before.headers["ETag"]
    assert "/kk/" not in purge.purger().purged
    assert other.get_absolute_url() not in purge.purger().purged


@pytest.mark.django_db(transaction=True)
def test_a_vote_leaves_the_lists_kept(client, settings):
    settings.SERAI_PAGE_CACHE = True
    article = ArticleFactory(section=SectionFactory(slug="news"))
    first = get("/en/news/")
    purge.purger().purged.clear()
    response = client.post(vote_url(article), vote_data(article), headers=SAME_ORIGIN)
    assert response.status_code in (200, 302, 303)
    assert article.get_absolute_url() in purge.purger().purged  # the vote counted: its page moved
    assert "/en/news/" not in purge.purger().purged
    assert get("/en/news/").headers["ETag"] == first.headers["ETag"]


@pytest.mark.django_db(transaction=True)
def test_the_rankings_are_kept_while_a_comment_only_moves_the_counts(django_assert_num_queries):
    article = ArticleFactory()
    ArticleFactory(published_at=ago(3))  # in its section's block
    CommentFactory(article=article)
    first = front_page(language="en")
    assert first.most_commented == [article] and first.most_commented[0].comment_count == 1
    CommentFactory(article=article)
    with django_assert_num_queries(7):  # the lead, the sections (each with two prefetches), the counts
        again = front_page(language="en")
    assert again.most_commented == [article]
    assert again.lead.comment_count == again.most_commented[0].comment_count == 2
