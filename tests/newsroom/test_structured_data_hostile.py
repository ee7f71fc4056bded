"""Hostile text in structured data: every line of the Big List of Naughty Strings, `</script>` and
control characters, as a headline, standfirst, dateline, section's and author's name, photo
caption and alt text. Every JSON-LD block of the page stays one script element holding one JSON
document, which `extruct` extracts and which parses strictly, and gives the text back as written.
"""

from __future__ import annotations

import json
import re

import extruct
import pytest

from serai.newsroom.structured_data import json_ld_text
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    add_library_image,
    add_photo,
    image_file,
)
from tests.newsroom.markup import parse
from tests.security.payloads import blns_lines

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
LINES = blns_lines()
BATCH = 40
# What must never stand raw in a script element's JSON: "<" (which could end the element or
# open a comment), "&", C0 and C1 controls, line and paragraph separators.
RAW = re.compile("[<>&\x00-\x1f\x7f-\x9f\u2028\u2029]")


def structured_data(client, article) -> list[dict]:
    """The page's JSON-LD, each block parsed strictly, checked against what extruct finds."""
    url = article.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    texts = [e.text for e in parse(page) if e.tag == "script" and e.get("type") == "application/ld+json"]
    assert len(texts) == 2, texts
    assert not any(RAW.search(text) for text in texts)
    blocks = [json.loads(text) for text in texts]
    assert extruct.extract(page, base_url=SITE + url, syntaxes=["json-ld"])["json-ld"] == blocks
    return blocks


@pytest.fixture
def small_photos(settings):
    settings.SERAI_RENDITION_WIDTHS = [160]


@pytest.mark.parametrize("start", range(0, len(LINES), BATCH))
def test_every_naughty_string_comes_through_structured_data_as_written(client, start, small_photos):
    batch = LINES[start : start + BATCH]
    section = SectionFactory(name=batch[0][:80], slug="hostile")
    image = add_library_image(image=image_file(size=(320, 200)), alt_text=batch[-1], caption=batch[0])
    for number, line in enumerate(batch):
        author = AuthorFactory(name=line[:120])
        article = ArticleFactory(
            slug=f"line-{start + number}",
            headline=line[:200],
            standfirst=line,
            dateline=line[:80],
            section=section,
            authors=[author],
        )
        add_photo(article, library_image=image, caption_override=line)
        news, crumbs = structured_data(client, article)
        where = f"line {start + number + 1}: {line!r}"
        assert news["headline"] == line[:200], where
        assert news["description"] == line, where
        assert news["locationCreated"]["name"] == line[:80], where
        assert news["articleSection"] == section.name, where
        assert [a["name"] for a in news["author"]] == [line[:120]], where
        assert [c["name"] for c in crumbs["itemListElement"]][1:] == [section.name, line[:200]], where


def test_script_end_tags_and_comment_openers_stay_inside_the_json(client):
    text = "</script><script>alert(1)</script><!-- <script> ]]> &amp; \\u003c"
    author = AuthorFactory(name="</SCRIPT >" + text)
    article = ArticleFactory(headline=text, standfirst=text, dateline="</script", authors=[author])
    add_photo(article, alt_text=text, caption_override=text)
    news, crumbs = structured_data(client, article)
    assert news["headline"] == news["description"] == text
    assert news["author"][0]["name"] == "</SCRIPT >" + text
    assert news["locationCreated"]["name"] == "</script"
    assert crumbs["itemListElement"][2]["name"] == text


def test_control_characters_are_escaped_and_given_back(client):
    headline = "Bell\x07 tab\t line\nfeed \x1b[31m del\x7f next\x85 sep\u2028\u2029 non\ufffe\uffff\ufdd0 end"
    article = ArticleFactory(headline=headline, standfirst="\x01start\x1f", dateline="\x0bALMATY\x0c")
    news, _crumbs = structured_data(client, article)
    assert news["headline"] == headline
    assert news["description"] == "\x01start\x1f"
    assert news["locationCreated"]["name"] == "\x0bALMATY\x0c"


@pytest.mark.parametrize(
    "value",
    ["\x00nul", "lone \ud800 surrogate", "</script>", "<!--", "a & b", "\u2028", "emoji 🚀 ключ", 'q"uo\\te'],
)
def test_json_text_never_holds_what_could_end_its_element(value):
    """Characters no form lets into the database (NUL, a lone surrogate) are escaped all the same."""
    text = json_ld_text({"headline": value})
    assert not RAW.search(text)
    assert not re.search("[\ud800-\udfff]", text)
    assert json.loads(text) == {"headline": value}
