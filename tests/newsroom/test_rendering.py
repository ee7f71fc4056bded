"""Article bodies: Markdown in, sanitised HTML out, and what the article page makes of it."""

import pytest

from serai.newsroom import services
from serai.newsroom.rendering import render_body, render_plain
from tests.factories import ArticleFactory, add_photo
from tests.newsroom.markup import dangers, find_all, page_dangers, parse, story_of, text_of
from tests.security.payloads import blns_lines

# Each payload carries a marker so a test can tell it apart from the site's own markup.
HOSTILE_BODIES = {
    "script": "<script>alert('XSS1')</script>",
    "script-in-paragraph": "Before <script src=https://evil.example/XSS2.js></script> after",
    "onerror": "<img src=x onerror=\"alert('XSS3')\">",
    "svg-onload": "<svg onload=alert('XSS4')>",
    "javascript-link": "[click](javascript:alert('XSS5'))",
    "javascript-link-caps": "[click](JaVaScRiPt:alert('XSS6'))",
    "javascript-link-entity": "[click](java&#x09;script:alert('XSS7'))",
    "javascript-reference": "[click][x]\n\n[x]: javascript:alert('XSS8')",
    "javascript-autolink": "<javascript:alert('XSS9')>",
    "iframe": '<iframe src="https://evil.example/XSS10"></iframe>',
    "style-element": "<style>body{background:url(XSS11)}</style>",
    "inline-style": '<p style="position:fixed;top:0">XSS12</p>',
    "inline-style-span": 'Text <span style="color:red">XSS13</span> text',
    "data-url": "[click](data:text/html;base64,PHNjcmlwdD5YU1MxNDwvc2NyaXB0Pg==)",
    "html-block": "<div>\n<script>alert('XSS15')</script>\n</div>",
    "object": '<object data="https://evil.example/XSS16.swf"></object>',
    "image-onerror-alt": "![x\" onerror=\"alert('XSS17')](https://example.org/a.png)",
    "vbscript": "[click](vbscript:msgbox('XSS18'))",
}


# render_body ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_render_body_never_outputs_script_handlers_or_styles(source):
    """Script, event handlers, javascript: links, frames, style elements and inline styles
    never come out of the renderer."""
    html = render_body(source)
    assert dangers(html) == []


@pytest.mark.parametrize(
    "source",
    ["<script>alert(1)</script>", "<b>bold?</b>", '<iframe src="x"></iframe>'],
)
def test_raw_html_in_markdown_is_shown_as_text(source):
    """An editor who types HTML sees it printed, not interpreted."""
    html = render_body(source)
    assert text_of(html) == source
    assert "&lt;" in html


def test_a_heading_one_becomes_a_subheading():
    """The headline is the page's only <h1>: '# ' in the body becomes <h2>."""
    html = render_body("# Background\n\nText.")
    assert find_all(html, "h1") == []
    assert [h.text for h in find_all(html, "h2")] == ["Background"]


def test_subheading_levels_are_kept_below_two_and_capped_at_four():
    """'## ' is h2, '### ' h3, and deeper levels stop at h4."""
    html = render_body("## Two\n\n### Three\n\n##### Five\n\n###### Six")
    tags = [e.tag for e in parse(html) if e.tag.startswith("h")]
    assert tags == ["h2", "h3", "h4", "h4"]


def test_quotes_lists_links_and_emphasis_are_kept():
    """The Markdown editors are told about renders to the expected elements."""
    html = render_body(
        "> A quote.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        'See [the report](https://example.org/report "Report") and *this* **now**.'
    )
    assert [e.tag for e in parse(html)] == [
        "blockquote",
        "p",
        "ul",
        "li",
        "li",
        "ol",
        "li",
        "li",
        "p",
        "a",
        "em",
        "strong",
    ]
    (link,) = find_all(html, "a")
    assert link.get("href") == "https://example.org/report"
    assert link.get("title") == "Report"
    assert set(link.get("rel").split()) == {"noopener", "noreferrer"}


def test_mailto_links_are_kept():
    """Readers can be pointed at an e-mail address."""
    (link,) = find_all(render_body("[Write to us](mailto:desk@example.org)"), "a")
    assert link.get("href") == "mailto:desk@example.org"


def test_dateline_opens_the_first_paragraph_in_capitals():
    """'KORSAI — ' begins the first paragraph, not a paragraph of its own."""
    html = render_body("The council met.\n\nIt voted.", dateline=" Korsai ")
    first = find_all(html, "p")[0]
    assert first.text == "KORSAI — The council met."
    assert [s.text for s in find_all(html, "span", "dateline")] == ["KORSAI"]
    assert len(find_all(html, "p")) == 2


def test_dateline_skips_a_leading_subheading():
    """A subheading before the text does not take the dateline."""
    html = render_body("## Context\n\nThe council met.", dateline="Korsai")
    assert find_all(html, "h2")[0].text == "Context"
    assert find_all(html, "p")[0].text.startswith("KORSAI — The council met.")


def test_dateline_is_escaped():
    """A dateline is text, whatever characters it holds."""
    html = render_body("Text.", dateline='<img src=x onerror="alert(1)">')
    assert dangers(html) == []
    assert "<IMG SRC=X" in text_of(html)


def test_no_dateline_without_one():
    """Without a dateline, the first paragraph is just the text."""
    assert find_all(render_body("The council met."), "span", "dateline") == []


def test_dateline_with_an_empty_body_is_still_shown():
    """A body without paragraphs still gets its dateline."""
    html = render_body("", dateline="Korsai")
    assert [s.text for s in find_all(html, "span", "dateline")] == ["KORSAI"]


# Photos in the body -----------------------------------------------------------------------


@pytest.fixture
def illustrated(db):
    """An article with three photos; the body places photo 3 and mentions a missing photo 9."""
    article = ArticleFactory(
        headline="Floods in the valley",
        body="First paragraph.\n\n[photo 3]\n\nSecond paragraph.\n\n[photo 9]\n\n[photo 1]",
    )
    for n in (1, 2, 3):
        add_photo(article, position=n, caption=f"Caption number {n}.", credit=f"Photographer {n}/Wire")
    article.refresh_from_db()
    return article


def _figure_captions(html):
    return [" ".join(f.text.split()) for f in find_all(html, "figure")]


def test_photo_marker_places_the_photo_and_unplaced_photos_follow(illustrated):
    """[photo 3] sits where it is written; photo 2, not placed, follows the body; the lead and
    missing photos leave no trace in the body."""
    html = illustrated.body_html
    assert _figure_captions(html) == [
        "Caption number 3. [Photographer 3/Wire]",
        "Caption number 2. [Photographer 2/Wire]",
    ]
    order = [e.tag for e in parse(html) if e.tag in ("p", "figure")]
    assert order == ["p", "figure", "p", "figure"]
    assert "[photo" not in html


def test_photo_marker_is_case_insensitive_and_used_once(db):
    """'[Photo 2]' works; a second marker for the same photo does not repeat it."""
    article = ArticleFactory(body="[Photo 2]\n\nText.\n\n[photo 2]")
    add_photo(article, position=1, caption="Lead")
    add_photo(article, position=2, caption="Second")
    article.refresh_from_db()
    assert _figure_captions(article.body_html) == ["Second [Dana Example/Serai Wire]"]
    assert find_all(article.body_html, "p")[0].text == "KORSAI — Text."


def test_article_page_shows_every_photo_once_with_caption_and_credit(client, illustrated):
    """Lead above the body, the others in it: each caption and credit exactly once, in a
    figcaption, the credit in brackets."""
    page = client.get(illustrated.get_absolute_url()).content.decode()
    for n in (1, 2, 3):
        assert page.count(f"Caption number {n}.") == 1
        assert page.count(f"Photographer {n}/Wire") == 1
    figures = find_all(page, "figure")
    assert len(figures) == 3
    assert "photo-lead" in figures[0].classes
    for figure in figures:
        (figcaption,) = [c for c in figure.children if c.tag == "figcaption"]
        (credit,) = [c for c in figcaption.children if "credit" in c.classes]
        assert credit.text.startswith("[") and credit.text.endswith("/Wire]")
    assert "Caption number 1." in figures[0].text


def test_photo_without_caption_or_credit_has_no_empty_figcaption(db):
    """A photo with only alt text gets a figure, but no empty caption."""
    article = ArticleFactory()
    add_photo(article, position=1, caption="", credit="")
    add_photo(article, position=2, caption="", credit="Only Credit")
    article.refresh_from_db()
    (figure,) = find_all(article.body_html, "figure")
    assert " ".join(figure.text.split()) == "[Only Credit]"
    assert find_all(article.body_html, "span", "caption") == []


def test_caption_credit_and_alt_text_are_escaped(client, db):
    """What editors type in photo fields is text on the page."""
    article = ArticleFactory()
    add_photo(
        article,
        position=1,
        caption="<script>alert('XSS20')</script>",
        credit="x\" onmouseover=\"alert('XSS21')",
        alt_text="<img src=x onerror=alert('XSS22')>",
    )
    add_photo(article, position=2, caption="<style>*{}</style>XSS23", credit="<b>Wire</b>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert page_dangers(page, "XSS") == []
    assert "<script>alert('XSS20')</script>" in text_of(page)
    assert "[<b>Wire</b>]" in text_of(page)


# The article page -------------------------------------------------------------------------


@pytest.mark.parametrize("source", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_body_never_reaches_the_article_page(client, db, source):
    """However the body was written, the page carries no script, handler, frame or style."""
    article = ArticleFactory(body=f"Intro.\n\n{source}\n\nOutro.", standfirst=source)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page_dangers(page, "XSS") == []


def test_hostile_headline_is_escaped_everywhere(client, db):
    """Headline and standfirst go into <title>, <meta> and the page: always as text."""
    hostile = "\"><script>alert('XSS30')</script>"
    article = ArticleFactory(headline=hostile, standfirst=hostile)
    for url in (article.get_absolute_url(), "/en/", article.section.get_absolute_url()):
        page = client.get(url).content.decode()
        assert page_dangers(page, "XSS") == []
        assert "<script>alert('XSS30')" not in page
        assert "<script>alert('XSS30')</script>" in text_of(page)


def test_article_page_has_exactly_one_h1(client, db):
    """The headline is the only <h1>, even when the body starts with '# '."""
    article = ArticleFactory(headline="The only title", body="# Also a title?\n\nText.")
    page = client.get(article.get_absolute_url()).content.decode()
    h1s = find_all(page, "h1")
    assert [h.text for h in h1s] == ["The only title"]
    assert "Also a title?" in [h.text for h in find_all(story_of(page), "h2")]


def test_article_page_shows_dateline_standfirst_and_byline(client, db):
    """The story head has the standfirst and a byline linking every author in order."""
    from tests.factories import AuthorFactory

    first, second = AuthorFactory(name="Aigerim Example"), AuthorFactory(name="Bolat Example")
    article = ArticleFactory(authors=[first, second], standfirst="Why it matters.")
    story = story_of(client.get(article.get_absolute_url()).content.decode())
    assert [a.text for a in find_all(story, "a") if a.get("rel") == "author"] == [
        "Aigerim Example",
        "Bolat Example",
    ]
    assert "By Aigerim Example and Bolat Example" in text_of(story)
    assert [p.text for p in find_all(story, "p", "standfirst")] == ["Why it matters."]
    assert find_all(story, "span", "dateline")[0].text == "KORSAI"


# The "Updated" note on the page -----------------------------------------------------------


def _edit(article, **changes):
    from serai.newsroom.models import Article

    previous = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    services.article_note_changes(article=article, previous=previous)
    article.save()
    services.article_render(article=article)


def test_updated_note_is_shown_after_a_content_change(client, db):
    """Readers see 'Updated', its time and the editor's note once a live article changes."""
    article = ArticleFactory()
    _edit(article, body="Corrected figures.", update_note="Corrects the tariff figures.")
    story = story_of(client.get(article.get_absolute_url()).content.decode())
    (updated,) = find_all(story, "span", "updated")
    assert "Updated" in updated.text
    assert "Corrects the tariff figures." in updated.text
    assert [t for t in updated.children if t.tag == "time"][0].get("datetime")


def test_no_updated_note_without_a_change(client, db):
    """A freshly published article shows no 'Updated' line, even with a note typed in."""
    article = ArticleFactory(update_note="Prepared note.")
    story = story_of(client.get(article.get_absolute_url()).content.decode())
    assert find_all(story, "span", "updated") == []
    assert "Prepared note." not in story


def test_no_updated_note_on_a_draft_preview(editor_client, db):
    """Edits to a draft are writing, not updates: the preview shows no 'Updated' line."""
    article = ArticleFactory(draft=True)
    _edit(article, body="Rewritten.", update_note="Should not show.")
    response = editor_client.get(article.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    assert find_all(story_of(response.content.decode()), "span", "updated") == []


# Standing pages use the same sanitiser ----------------------------------------------------


@pytest.mark.parametrize("source", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_render_plain_is_as_safe_as_render_body(source):
    """Standing pages go through the same allow-list."""
    assert dangers(render_plain(source)) == []


# Big list of naughty strings --------------------------------------------------------------


def _blns_lines():
    return blns_lines()


class _FakePhoto:
    """Just what render_body reads from a photo, so every string can be every photo field."""

    renditions = [{"w": 480, "h": 300, "format": "JPEG", "name": "x.jpg"}]

    def __init__(self, position, text):
        self.position = position
        self.caption = self.credit = self.alt_text = text


def _naughty_failures(render) -> dict:
    failures = {}
    for number, line in enumerate(_blns_lines(), start=1):
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        for html in render(line):
            if problems := dangers(html):
                failures[number] = (line, problems)
    return failures


def test_naughty_strings_never_render_to_script():
    """Every line of the Big List of Naughty Strings, as a body, as quoted text, as photo
    caption, credit and alt text, and on a standing page, renders without script, event
    handler, style or script URL."""
    assert len(_blns_lines()) > 450
    assert (
        _naughty_failures(
            lambda line: [
                render_body(line),
                render_body(f"Text.\n\n{line}\n\n> {line}\n\n- {line}"),
                render_body(line, photos=[_FakePhoto(1, line), _FakePhoto(2, line)]),
                render_plain(line),
            ]
        )
        == {}
    )


def test_the_whole_naughty_list_as_one_body():
    """All the strings at once (so multi-line constructs can form) are just as safe."""
    assert dangers(render_body("\n".join(_blns_lines()))) == []


def test_naughty_strings_as_datelines():
    """Every naughty string is also a harmless dateline."""
    assert _naughty_failures(lambda line: [render_body("Text.", dateline=line)]) == {}


@pytest.mark.parametrize("dateline", [r"Almaty\Astana", r"Almaty \\ Astana", r"Korsai \1"])
def test_dateline_with_a_backslash_is_printed_as_typed(dateline):
    """A backslash in a dateline is just a character: no crash, nothing lost."""
    html = render_body("Text.", dateline=dateline)
    assert find_all(html, "span", "dateline")[0].text == dateline.upper()
