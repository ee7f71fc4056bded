"""Structured data and share cards, read from rendered pages the way search engines and share
previews read them: JSON-LD through `extruct`, OpenGraph and Twitter tags from the head.

The NewsArticle carries every property Google lists as required or recommended for articles, with
the types it expects; the breadcrumbs count from 1; an edition's home page names the publisher and
the edition as a website; the count of comments follows the conversation through the page cache.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import extruct
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html
from PIL import Image

from serai.comments import services as comment_services
from serai.comments.models import Comment
from serai.core import fragments
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, add_photo

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SHAPES = {"16x9": 16 / 9, "4x3": 4 / 3, "1x1": 1.0}
# Google's article properties (all recommended, none required) and those the newsroom adds, with
# the JSON type each must have.
PROPERTIES = {
    "headline": str,
    "image": list,
    "datePublished": str,
    "dateModified": str,
    "author": list,
    "publisher": dict,
    "description": str,
    "url": str,
    "mainEntityOfPage": dict,
    "inLanguage": str,
    "isAccessibleForFree": bool,
    "locationCreated": dict,
    "commentCount": int,
    "articleSection": str,
}


def json_ld(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return extruct.extract(response.content.decode(), base_url=SITE + url, syntaxes=["json-ld"])["json-ld"]


def of_type(items: list[dict], kind: str) -> dict:
    found = [item for item in items if item.get("@type") == kind]
    assert len(found) == 1, f"{len(found)} {kind} in {items}"
    return found[0]


def head_tags(client, url: str) -> dict[str, list[str]]:
    """Every <meta property|name> of the page's head: name → its contents, in order."""
    tree = lxml_html.fromstring(client.get(url).content)
    tags: dict[str, list[str]] = {}
    for meta in tree.xpath("//head/meta[@property or @name]"):
        tags.setdefault(meta.get("property") or meta.get("name"), []).append(meta.get("content"))
    return tags


def media_file(url: str) -> Path:
    prefix = SITE + settings.MEDIA_URL
    assert url.startswith(prefix), url
    return Path(settings.MEDIA_ROOT) / url.removeprefix(prefix)


def with_offset(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, f"{value} has no time zone"
    return moment


@pytest.fixture
def story():
    """A published article with a dateline, two authors, a lead photo and a Russian edition."""
    section = SectionFactory(slug="economy", name="Economy", translated_names={"ru": "Экономика"})
    authors = [AuthorFactory(slug="dana", name="Dana Example"), AuthorFactory(slug="erlan", name="Erlan")]
    article = ArticleFactory(
        slug="tariffs", section=section, authors=authors, dateline="ALMATY", standfirst="Tariffs rise."
    )
    add_photo(article, position=1, alt_text="Trucks at the border")
    ArticleFactory(language="ru", slug="tariffs", section=section, translation_of=article, authors=authors)
    return article


def test_news_article_has_every_property_google_lists(client, story):
    """Headline, three images, dates with an offset, authors as people with pages, the publisher
    with its logo, language, free access, the dateline, the section and the count of comments."""
    CommentFactory(article=story)
    CommentFactory(article=story, status=Comment.Status.PENDING)
    url = story.get_absolute_url()
    data = of_type(json_ld(client, url), "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert {name: type(data.get(name)) for name in PROPERTIES} == PROPERTIES
    assert data["@id"] != data["mainEntityOfPage"]["@id"]  # the article, and the page that shows it
    assert data["headline"] == story.headline
    assert data["description"] == "Tariffs rise."
    assert data["url"] == data["mainEntityOfPage"]["@id"] == SITE + url
    published, modified = with_offset(data["datePublished"]), with_offset(data["dateModified"])
    assert published == story.published_at.replace(microsecond=0) and modified >= published
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Dana Example"),
        ("Person", "Erlan"),
    ]
    for person in data["author"]:
        assert client.get(person["url"].removeprefix(SITE)).status_code == 200
    assert data["inLanguage"] == "en"
    assert data["isAccessibleForFree"] is True
    assert data["locationCreated"] == {"@type": "Place", "name": "ALMATY"}
    assert data["articleSection"] == "Economy"
    assert data["commentCount"] == 1  # published comments only


def test_images_are_the_three_crops_google_asks_for(client, story):
    """16:9, 4:3 and 1:1, cut from our renditions, at least 1200 pixels wide where the original
    allows (it is 1600 × 1000 here), as files that really have those shapes."""
    images = of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")["image"]
    assert len(images) == 3
    for url, (shape, ratio) in zip(images, SHAPES.items(), strict=True):
        assert f"/{shape}/" in url
        with Image.open(media_file(url)) as img:
            width, height = img.size
            assert img.format == "JPEG"
        assert abs(width / height - ratio) < 0.01, (url, width, height)
        assert width * height >= 50_000
        assert width >= (1200 if shape != "1x1" else 1000)


def test_publisher_is_a_news_organization_with_a_png_logo(client, story):
    publisher = of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == settings.SITE_NAME
    logo = publisher["logo"]["url"]
    assert logo.startswith(SITE) and logo.endswith(".png")
    with Image.open(finders.find(settings.SERAI_SITE_LOGO)) as img:
        assert img.format == "PNG" and min(img.size) >= 112


def test_editions_name_each_other(client, story):
    """The original names its translations, a translation its original, by their articles' ids."""
    ru = story.translations.get()
    original = of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")
    translation = of_type(json_ld(client, ru.get_absolute_url()), "NewsArticle")
    assert original["workTranslation"] == [{"@id": translation["@id"]}]
    assert translation["translationOfWork"] == {"@id": original["@id"]}
    assert "translationOfWork" not in original and "workTranslation" not in translation


def test_breadcrumbs_lead_from_the_edition_to_the_article(client, story):
    ru = story.translations.get()
    crumbs = of_type(json_ld(client, ru.get_absolute_url()), "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert [c["name"] for c in crumbs] == [settings.SITE_NAME, "Экономика", ru.headline]
    assert [c["item"] for c in crumbs] == [f"{SITE}/ru/", f"{SITE}/ru/economy/", SITE + ru.get_absolute_url()]


def test_the_count_of_comments_follows_the_conversation(client, story):
    """The page is cached whole; a comment published on any edition makes every edition's page
    again, with the story's count."""
    ru = story.translations.get()
    assert of_type(json_ld(client, ru.get_absolute_url()), "NewsArticle")["commentCount"] == 0
    comment = comment_services.comment_post(
        article=story, author_name="A reader", email="reader@example.org", text="A thought of mine."
    )
    assert of_type(json_ld(client, ru.get_absolute_url()), "NewsArticle")["commentCount"] == 0
    comment_services.comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    for article in (story, ru):
        assert of_type(json_ld(client, article.get_absolute_url()), "NewsArticle")["commentCount"] == 1


def test_photos_from_before_the_crops_get_them_from_a_command(client, story):
    """An image uploaded before the 16:9 and 4:3 crops existed shows its whole picture in the
    structured data until `make_renditions` cuts the crops; the page then lists all three."""
    image = story.lead_photo.image
    image.renditions = [r for r in image.renditions if r.get("crop") not in ("16x9", "4x3")]
    image.save()
    assert of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")["image"] == [
        SITE + settings.MEDIA_URL + f"renditions/image-{image.pk}/1600.jpg"
    ]
    call_command("make_renditions", stdout=io.StringIO())
    images = of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")["image"]
    assert [url.split("/")[-2] for url in images] == list(SHAPES)


def test_an_article_without_a_photo_shares_the_logo(client):
    article = ArticleFactory(slug="plain")
    data = of_type(json_ld(client, article.get_absolute_url()), "NewsArticle")
    assert "image" not in data  # nothing better than no image: the logo is not the story's
    tags = head_tags(client, article.get_absolute_url())
    assert tags["og:image"] == [f"{SITE}/static/{settings.SERAI_SITE_LOGO}"]
    assert tags["twitter:card"] == ["summary"]


def test_open_graph_and_twitter_tags_of_an_article(client, story):
    url = story.get_absolute_url()
    og = extruct.extract(client.get(url).content.decode(), base_url=SITE + url, syntaxes=["opengraph"])
    properties = dict(og["opengraph"][0]["properties"])
    assert properties["og:type"] == "article"
    assert properties["og:title"] == story.headline
    assert properties["og:description"] == "Tariffs rise."
    assert properties["og:url"] == SITE + url
    tags = head_tags(client, url)
    assert tags["og:locale"] == ["en_US"] and tags["og:locale:alternate"] == ["ru_RU"]
    [image] = tags["og:image"]
    with Image.open(media_file(image)) as img:
        assert [str(n) for n in img.size] == tags["og:image:width"] + tags["og:image:height"]
    assert tags["og:image:alt"] == ["Trucks at the border"]
    assert with_offset(tags["article:published_time"][0]) == story.published_at.replace(microsecond=0)
    with_offset(tags["article:modified_time"][0])
    assert tags["article:section"] == ["Economy"]
    assert tags["article:author"] == [f"{SITE}/en/authors/dana/", f"{SITE}/en/authors/erlan/"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:image"] == [image]
    assert tags["twitter:title"] == [story.headline]


def test_home_page_names_the_publisher_and_the_edition(client, story):
    items = json_ld(client, "/ru/")
    organization = of_type(items, "NewsMediaOrganization")
    assert organization["logo"]["url"].endswith(".png") and organization["url"] == f"{SITE}/"
    website = of_type(items, "WebSite")
    assert website["url"] == f"{SITE}/ru/" and website["inLanguage"] == "ru"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]  # the edition's search page
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=search_term_string"
    assert action["target"]["urlTemplate"] == f"{SITE}/ru/search/?q={{search_term_string}}"
    tags = head_tags(client, "/ru/")
    assert tags["og:type"] == ["website"] and tags["og:url"] == [f"{SITE}/ru/"]
    assert tags["og:locale"] == ["ru_RU"] and len(tags["og:locale:alternate"]) == len(settings.LANGUAGES) - 1


def test_section_pages_have_their_canonical_address_and_share_tags(client, story):
    tree = lxml_html.fromstring(client.get("/en/economy/?utm_source=x").content)
    assert tree.xpath("//link[@rel='canonical']/@href") == [f"{SITE}/en/economy/"]
    tags = head_tags(client, "/en/economy/")
    assert tags["og:title"] == ["Economy"] and tags["og:url"] == [f"{SITE}/en/economy/"]


@pytest.mark.django_db(transaction=True)
def test_structured_data_costs_no_query_of_its_own(client, story):
    """The page made again after a comment counts the comments once (the conversation's count
    and the structured data's are one), and the page from nothing stays within its budget.
    Outside a test's transaction, so that kept fragments are used as they are when serving."""
    fragments.reset()
    with CaptureQueriesContext(connection) as made:
        client.get(story.get_absolute_url())
    assert len(made.captured_queries) <= 13  # with the related stories and topics
    CommentFactory(article=story)
    comment_services.comment_set_status(
        comment=CommentFactory(article=story, status=Comment.Status.PENDING), status=Comment.Status.PUBLISHED
    )
    with CaptureQueriesContext(connection) as again:
        data = of_type(json_ld(client, story.get_absolute_url()), "NewsArticle")
    assert data["commentCount"] == 2
    counts = [q["sql"] for q in again.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1, counts
    assert len(again.captured_queries) < len(made.captured_queries)
