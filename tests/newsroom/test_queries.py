"""Reader pages do a fixed number of queries, whatever the number of articles, photos or
authors: measured with a little data, then with more, and compared."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.core import fragments
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo

pytestmark = pytest.mark.django_db

# A ceiling per page: what the page needs (about 5 to 7 queries for the newsroom's own
# content, sections and prefetches) with room for other apps' additions to the same pages,
# and far below what one query per article, photo or author would cost.
# Inside a test's transaction nothing is kept per process, so the edition's settings (masthead,
# description, conversation) and the front page's rankings are read on each request here.
BUDGET = {"home": 13, "section": 12, "author": 12, "article": 16}


def _count(client, url) -> tuple[int, list[str]]:
    """Queries of the page made from nothing: no page, fragment or article kept from before."""
    fragments.reset()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def _assert_same(small, large, name):
    (n_small, sql_small), (n_large, sql_large) = small, large
    extra = "\n".join(sql_large[n_small:]) if n_large > n_small else ""
    assert n_large == n_small, f"{name}: {n_small} queries, then {n_large}:\n{extra}"
    assert n_small <= BUDGET[name], f"{name}: {n_small} queries:\n" + "\n".join(sql_small)


def _populate(sections, per_section, photos, authors, author=None):
    """Articles in several sections, each with its photos and a byline of `authors` people
    (the first one `author`, when given)."""
    made = []
    for s in range(sections):
        section = SectionFactory(slug=f"s{s}", name=f"Section {s}", position=s)
        for i in range(per_section):
            byline = [author or AuthorFactory()] + [AuthorFactory() for _ in range(authors - 1)]
            article = ArticleFactory(section=section, slug=f"s{s}-a{i}", authors=byline)
            for n in range(1, photos + 1):
                add_photo(article, position=n)
            made.append(article)
    return made


@pytest.fixture
def light_photos(settings):
    """Renditions at one small width keep the larger data sets quick to build."""
    settings.SERAI_RENDITION_WIDTHS = [160]


def test_home_query_count_is_fixed(client, light_photos):
    """Home with 3 articles (1 photo, 1 author each), then with 33 in six sections, with up to
    5 photos and 3 authors each: the same number of queries."""
    _populate(sections=1, per_section=3, photos=1, authors=1)
    small = _count(client, "/en/")
    for s in range(1, 6):
        section = SectionFactory(slug=f"more{s}", name=f"More {s}", position=s)
        for i in range(6):
            article = ArticleFactory(
                section=section, slug=f"more{s}-{i}", authors=[AuthorFactory() for _ in range(3)]
            )
            for n in range(1, 6 if i < 2 else 2):
                add_photo(article, position=n)
    large = _count(client, "/en/")
    _assert_same(small, large, "home")


def test_section_query_count_is_fixed(client, light_photos):
    """A section page with 3 articles, then 30 (a full page of 20), 5 photos, 3 authors each."""
    _populate(sections=1, per_section=3, photos=1, authors=1)
    small = _count(client, "/en/s0/")
    section_articles = []
    for i in range(27):
        article = ArticleFactory(
            section_id=SectionFactory(slug="s0").pk,
            slug=f"extra-{i}",
            authors=[AuthorFactory() for _ in range(3)],
        )
        section_articles.append(article)
    for article in section_articles[-3:]:
        for n in range(1, 6):
            add_photo(article, position=n)
    large = _count(client, "/en/s0/")
    _assert_same(small, large, "section")
    assert _count(client, "/en/s0/?page=2")[0] == small[0]


def test_author_query_count_is_fixed(client, light_photos):
    """An author page with 3 articles, then 30, with co-authors and several photos."""
    author = AuthorFactory(slug="dana")
    _populate(sections=1, per_section=3, photos=1, authors=1, author=author)
    small = _count(client, "/en/authors/dana/")
    for s in range(1, 4):
        section = SectionFactory(slug=f"x{s}")
        for i in range(9):
            article = ArticleFactory(
                section=section,
                slug=f"x{s}-{i}",
                authors=[author, AuthorFactory(), AuthorFactory()],
            )
            if i == 0:
                for n in range(1, 6):
                    add_photo(article, position=n)
    large = _count(client, "/en/authors/dana/")
    _assert_same(small, large, "author")


def test_article_query_count_is_fixed(client, light_photos):
    """An article page with 1 photo and 1 author, then 5 photos, 3 authors and translations."""
    article = ArticleFactory(slug="story")
    add_photo(article, position=1)
    small = _count(client, article.get_absolute_url())
    big = ArticleFactory(
        slug="big-story", authors=[AuthorFactory() for _ in range(3)], body="Text.\n\n[photo 3]"
    )
    for n in range(1, 6):
        add_photo(big, position=n)
    for language in ("ru", "kk", "uz"):
        ArticleFactory(language=language, slug="big-story", section=big.section, translation_of=big)
    for s in range(10):
        SectionFactory(slug=f"nav-{s}")
    large = _count(client, big.get_absolute_url())
    _assert_same(small, large, "article")


def test_translation_page_query_count_is_fixed(client, light_photos):
    """A translation's page costs the same as its original's."""
    en = ArticleFactory(slug="story")
    ru = ArticleFactory(language="ru", slug="story", section=en.section, translation_of=en)
    _assert_same(_count(client, en.get_absolute_url()), _count(client, ru.get_absolute_url()), "article")


def test_pages_stay_within_their_budget(client, django_assert_max_num_queries, light_photos):
    """The absolute numbers, with a realistic front page."""
    _populate(sections=3, per_section=5, photos=2, authors=2)
    article = ArticleFactory(slug="one")
    author = article.byline_authors[0]
    for name, url in (
        ("home", "/en/"),
        ("section", "/en/s1/"),
        ("author", author.get_absolute_url()),
        ("article", article.get_absolute_url()),
    ):
        with django_assert_max_num_queries(BUDGET[name]):
            assert client.get(url).status_code == 200
