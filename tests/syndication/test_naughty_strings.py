"""Every line of the Big List of Naughty Strings as a headline, a standfirst, a section's and an
author's name, a commenter's name and a comment: every feed and sitemap stays well-formed XML (lxml's
strict parser), characters XML 1.0 forbids are dropped, the rest comes through as written."""

from __future__ import annotations

import re

import pytest

from serai.comments.models import Comment
from serai.syndication.xml import xml_text
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.security.payloads import blns_lines
from tests.syndication.helpers import comments_feed_url, xml

pytestmark = pytest.mark.django_db

LINES = blns_lines()
BATCH = 40  # with the article under discussion, fewer than the feeds' 50 items: every line is read back
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def documents(client, article, section, author) -> dict[str, bytes]:
    urls = [
        "/en/feed/",
        "/en/feed/atom/",
        f"/en/feeds/sections/{section.slug}/",
        f"/en/feeds/authors/{author.slug}/atom/",
        comments_feed_url(article),
        "/sitemap-articles-en.xml",
        "/sitemap-sections.xml",
        "/news-sitemap.xml",
    ]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = response.content
    return found


@pytest.mark.parametrize("start", range(0, len(LINES), BATCH))
def test_feeds_and_sitemaps_stay_well_formed(client, start, settings):
    settings.SERAI_FEED_FULL_TEXT = True
    batch = LINES[start : start + BATCH]
    section = SectionFactory(name=batch[0], description=batch[-1])
    author = AuthorFactory(name=batch[0], bio=batch[-1])
    for line in batch:
        ArticleFactory(headline=line[:200], standfirst=line, body=line, section=section, authors=[author])
    article = ArticleFactory(section=section, authors=[author], headline="Under discussion")
    root = None
    for line in batch:
        comment = CommentFactory(article=article, author_name=line[:80], text=line, parent=root)
        root = root or comment
    CommentFactory(article=article, text="Held back", status=Comment.Status.PENDING)
    for url, body in documents(client, article, section, author).items():
        try:
            document = xml(body)
        except Exception as exc:  # lxml.etree.XMLSyntaxError: name the feed and the batch
            pytest.fail(f"{url} with lines {start}–{start + len(batch)}: {exc}")
        text = "".join(document.itertext())
        assert not FORBIDDEN.search(text), url
        assert "Held back" not in text
        if url == "/en/feed/atom/":
            titles = {e.findtext("{http://www.w3.org/2005/Atom}title") for e in document.iter("{*}entry")}
            assert {xml_text(line[:200]) for line in batch} <= titles


def test_characters_xml_forbids_are_dropped_and_the_rest_kept(client):
    # NUL never reaches the database (Django's forms refuse it, PostgreSQL cannot store it): the
    # other characters XML 1.0 forbids can, and the feed drops them; NUL is checked on the text.
    ArticleFactory(headline="Bell\x07 and\x0b tab\there \ufffe ok", standfirst="\x01Nul\x1f")
    document = xml(client.get("/en/feed/").content)
    assert document.findtext("channel/item/title") == "Bell and tab\there  ok"
    assert document.findtext("channel/item/description") == "Nul"
    assert xml_text("\x00Nul") == "Nul"
    assert xml_text("Emoji 🚀 and ключ") == "Emoji 🚀 and ключ"
