"""Reader pages: home, section, author and article, their lists and their pagination."""

from datetime import timedelta

import pytest
from django.utils import timezone

from serai.newsroom.models import Article
from serai.newsroom.selectors import PER_SECTION_ON_HOME, home_articles
from serai.newsroom.views import PAGE_SIZE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo
from tests.newsroom.markup import find_all, text_of

pytestmark = pytest.mark.django_db


def _ago(hours):
    return timezone.now() - timedelta(hours=hours)


def _teaser_links(page: str) -> list[str]:
    """Article links of the teasers on a page, in order."""
    return [
        a.get("href")
        for h in find_all(page, "h2", "teaser-headline") + find_all(page, "h3", "teaser-headline")
        for a in h.children
        if a.tag == "a"
    ]


# Home ---------------------------------------------------------------------------------------


@pytest.fixture
def newsroom():
    """Two sections: politics with six articles, sport with two; plus noise that must not show."""
    politics = SectionFactory(name="Politics", slug="politics", position=1)
    sport = SectionFactory(name="Sport", slug="sport", position=2)
    articles = {}
    for i in range(6):
        articles[f"p{i}"] = ArticleFactory(
            section=politics, slug=f"p{i}", headline=f"Politics {i}", published_at=_ago(10 + i)
        )
    for i in range(2):
        articles[f"s{i}"] = ArticleFactory(
            section=sport, slug=f"s{i}", headline=f"Sport {i}", published_at=_ago(1 + i)
        )
    ArticleFactory(section=sport, slug="draft", headline="Draft story", draft=True)
    ArticleFactory(section=sport, slug="future", headline="Future story", scheduled=True)
    ArticleFactory(section=sport, slug="archived", headline="Archived story", archived=True)
    ArticleFactory(section=sport, slug="russian", headline="Russian story", language="ru")
    return articles


def test_home_leads_with_the_newest_article(client, newsroom):
    """The newest published article is the big lead teaser."""
    page = client.get("/en/").content.decode()
    (lead,) = find_all(page, "article", "teaser-lead")
    assert "Sport 0" in lead.text


def test_home_lists_each_section_newest_first_without_repeating_the_lead(client, newsroom):
    """Under each section heading, its latest articles (at most four), the lead not repeated."""
    lead, sections = home_articles(language="en")
    assert lead.slug == "s0"
    assert [(s.slug, [a.slug for a in arts]) for s, arts in sections] == [
        ("politics", ["p0", "p1", "p2", "p3"]),
        ("sport", ["s1"]),
    ]
    assert PER_SECTION_ON_HOME == 4
    page = client.get("/en/").content.decode()
    titles = [h.text for h in find_all(page, "h2", "section-title")]
    assert titles == ["Politics", "Sport"]
    headlines = [h.text for h in find_all(page, "h3", "teaser-headline")]
    assert headlines == ["Politics 0", "Politics 1", "Politics 2", "Politics 3", "Sport 1"]


def test_home_never_shows_drafts_future_archived_or_other_editions(client, newsroom):
    """Only live articles of the edition reach the home page."""
    text = text_of(client.get("/en/").content.decode())
    for hidden in ("Draft story", "Future story", "Archived story", "Russian story"):
        assert hidden not in text


def test_home_section_order_follows_positions(client, newsroom):
    """Editors reorder the home page by section position."""
    from serai.newsroom.models import Section

    Section.objects.filter(slug="sport").update(position=0)
    page = client.get("/en/").content.decode()
    assert [h.text for h in find_all(page, "h2", "section-title")] == ["Sport", "Politics"]


def test_home_with_only_a_lead(client):
    """One article: the lead, no empty section blocks, no 'nothing published' message."""
    ArticleFactory(headline="Only story")
    page = client.get("/en/").content.decode()
    assert "Only story" in find_all(page, "article", "teaser-lead")[0].text
    assert find_all(page, "section", "home-section") == []
    assert find_all(page, "p", "empty") == []


def test_home_teaser_shows_lead_photo_section_and_byline(client):
    """The lead teaser has its photo, its section and its byline."""
    author = AuthorFactory(name="Dana Writer")
    article = ArticleFactory(authors=[author])
    add_photo(article, alt_text="The dam")
    page = client.get("/en/").content.decode()
    (lead,) = find_all(page, "article", "teaser-lead")
    assert [i.get("alt") for i in find_all(page, "img")] == ["The dam"]
    assert "Dana Writer" in lead.text
    assert article.section.name in lead.text


# Section pages ------------------------------------------------------------------------------


@pytest.fixture
def crowded_section():
    """A section with 45 live articles (three pages of 20) and some that must not show."""
    section = SectionFactory(name="Economy", slug="economy")
    for i in range(45):
        ArticleFactory(
            section=section, slug=f"e{i:02d}", headline=f"Economy {i:02d}", published_at=_ago(i + 1)
        )
    ArticleFactory(section=section, slug="draft", draft=True)
    ArticleFactory(section=SectionFactory(slug="other"), slug="elsewhere")
    return section


def test_section_page_paginates_twenty_per_page(client, crowded_section):
    """Page 1 has the newest 20, page 2 the next 20, page 3 the rest."""
    assert PAGE_SIZE == 20
    pages = {n: client.get(f"/en/economy/?page={n}").content.decode() for n in (1, 2, 3)}
    assert _teaser_links(pages[1]) == [f"/en/economy/e{i:02d}/" for i in range(20)]
    assert _teaser_links(pages[2]) == [f"/en/economy/e{i:02d}/" for i in range(20, 40)]
    assert _teaser_links(pages[3]) == [f"/en/economy/e{i:02d}/" for i in range(40, 45)]


def test_section_pagination_links(client, crowded_section):
    """Page 2 links to newer (1) and older (3) pages."""
    page = client.get("/en/economy/?page=2").content.decode()
    rels = {a.get("rel"): a.get("href") for a in find_all(page, "a") if a.get("rel")}
    assert rels["prev"] == "?page=1"
    assert rels["next"] == "?page=3"
    assert "Page 2 of 3" in text_of(page)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("page=abc", "e00"),
        ("page=999", "e40"),
        ("page=0", "e40"),
        ("page=-1", "e40"),
        ("page=", "e00"),
    ],
)
def test_section_bad_page_numbers_do_not_fail(client, crowded_section, query, expected_first):
    """Nonsense page numbers show the first page, numbers past the end the last one."""
    response = client.get(f"/en/economy/?{query}")
    assert response.status_code == 200
    assert _teaser_links(response.content.decode())[0] == f"/en/economy/{expected_first}/"


def test_section_page_lists_only_its_live_articles_in_this_edition(client):
    """No drafts, nothing from other sections or editions; an empty section says so."""
    section = SectionFactory(slug="culture", name="Culture")
    ArticleFactory(section=section, slug="live")
    ArticleFactory(section=section, slug="draft", draft=True)
    ArticleFactory(section=section, slug="ru", language="ru")
    ArticleFactory(slug="elsewhere")
    assert _teaser_links(client.get("/en/culture/").content.decode()) == ["/en/culture/live/"]
    empty = SectionFactory(slug="empty-one")
    page = client.get(empty.get_absolute_url()).content.decode()
    assert find_all(page, "p", "empty")
    assert find_all(page, "nav", "pagination") == []


def test_unknown_section_is_404(client):
    """A section that does not exist is not found."""
    assert client.get("/en/no-such-section/").status_code == 404


def test_section_page_marks_itself_in_the_navigation(client):
    """The section navigation marks the section being read."""
    SectionFactory(slug="culture")
    SectionFactory(slug="sport")
    page = client.get("/en/culture/").content.decode()
    current = [a.get("href") for a in find_all(page, "a") if a.get("aria-current") == "page"]
    assert current == ["/en/culture/"]


# Author pages -------------------------------------------------------------------------------


@pytest.fixture
def prolific():
    author = AuthorFactory(name="Dana Writer", slug="dana", bio="Covers water.")
    co = AuthorFactory(name="Co Writer")
    for i in range(25):
        authors = [author, co] if i % 2 else [author]
        ArticleFactory(slug=f"a{i:02d}", authors=authors, published_at=_ago(i + 1))
    ArticleFactory(slug="not-hers")
    ArticleFactory(slug="her-draft", authors=[author], draft=True)
    return author


def test_author_page_paginates_and_lists_each_article_once(client, prolific):
    """20 per page, newest first; co-written articles are not duplicated."""
    first = client.get("/en/authors/dana/").content.decode()
    second = client.get("/en/authors/dana/?page=2").content.decode()
    slugs = [link.rstrip("/").rsplit("/", 1)[1] for link in _teaser_links(first + second)]
    assert slugs == [f"a{i:02d}" for i in range(25)]
    assert len(_teaser_links(first)) == 20


def test_author_page_shows_name_and_bio(client, prolific):
    """The author's name is the page's heading, the bio below it."""
    page = client.get("/en/authors/dana/").content.decode()
    assert [h.text for h in find_all(page, "h1")] == ["Dana Writer"]
    assert "Covers water." in text_of(page)


@pytest.mark.parametrize("query", ["page=abc", "page=999", "page=1.5"])
def test_author_bad_page_numbers_do_not_fail(client, prolific, query):
    """Bad page numbers show a page, never an error."""
    response = client.get(f"/en/authors/dana/?{query}")
    assert response.status_code == 200
    assert _teaser_links(response.content.decode())


def test_author_without_articles(client):
    """A new author's page says there is nothing yet."""
    AuthorFactory(slug="newcomer")
    page = client.get("/en/authors/newcomer/").content.decode()
    assert find_all(page, "p", "empty")


def test_unknown_author_is_404(client):
    """An author who does not exist is not found."""
    assert client.get("/en/authors/nobody/").status_code == 404


def test_byline_links_to_the_author_page(client):
    """The article's byline links each author's page, which lists the article."""
    author = AuthorFactory(slug="aigerim")
    article = ArticleFactory(authors=[author])
    page = client.get(article.get_absolute_url()).content.decode()
    assert "/en/authors/aigerim/" in [a.get("href") for a in find_all(page, "a") if a.get("rel") == "author"]
    assert article.get_absolute_url() in _teaser_links(client.get("/en/authors/aigerim/").content.decode())


# 404 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/no-such-section/", "/en/politics/no-such-story/", "/en/authors/x/"])
def test_not_found_page_is_friendly(client, url):
    """A 404 explains itself in the site's layout and links to the front page."""
    SectionFactory(slug="politics")
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert len(find_all(page, "h1")) == 1
    main_links = [a.get("href") for a in find_all(page, "a") if "front page" in a.text]
    assert main_links == ["/en/"]


def test_not_found_in_the_russian_edition_links_to_the_russian_home(client):
    """The way home stays in the reader's edition."""
    response = client.get("/ru/no-such-section/")
    assert response.status_code == 404
    page = response.content.decode()
    assert find_all(page, "html")[0].get("lang") == "ru"
    assert "/ru/" in [a.get("href") for a in find_all(page, "a") if "site-name" not in a.classes]


def test_not_found_for_paths_outside_any_edition(client):
    """A path that matches nothing at all is a friendly 404 too."""
    response = client.get("/en/a/b/c/d/")
    assert response.status_code == 404
    assert find_all(response.content.decode(), "h1")


def test_article_standfirst_is_the_meta_description(client):
    """Search engines get the standfirst as the description."""
    article = ArticleFactory(standfirst="Tariffs rise by a third.")
    page = client.get(article.get_absolute_url()).content.decode()
    (meta,) = [m for m in find_all(page, "meta") if m.get("name") == "description"]
    assert meta.get("content") == "Tariffs rise by a third."


def test_article_shows_the_publication_time(client):
    """The page states when the article was published, machine-readably."""
    article = ArticleFactory()
    article.refresh_from_db()
    page = client.get(article.get_absolute_url()).content.decode()
    times = [t.get("datetime") for t in find_all(page, "time")]
    assert article.published_at.isoformat() in times


def test_scheduled_article_page_uses_the_scheduled_time(client):
    """A due scheduled article shows its scheduled time, not the time it was created."""
    at = _ago(0.5)
    article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=at)
    page = client.get(article.get_absolute_url()).content.decode()
    assert at.isoformat() in [t.get("datetime") for t in find_all(page, "time")]
