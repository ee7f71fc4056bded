"""The HTML checks the other tests rely on really catch what they are meant to catch."""

import pytest

from tests.newsroom.markup import dangers, find_all, page_dangers, story_of, text_of


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        "<p>x</p>< script>alert(1)",
        '<img src="a.png" onerror="alert(1)">',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<p style="color:red">x</p>',
        "<style>p{}</style>",
        '<iframe src="https://example.org"></iframe>',
        '<object data="x.swf"></object>',
        '<body onload="alert(1)">',
    ],
)
def test_dangers_are_found(html):
    """Each of these would run script or restyle a page, and is reported."""
    assert dangers(html) != []


@pytest.mark.parametrize(
    "html",
    [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        '<p>onerror="alert(1)" is just text here</p>',
        '<img src="/media/a.jpg" alt="&lt;script&gt; onerror=x">',
        '<a href="https://example.org/javascript:x">x</a>',
        '<a href="mailto:desk@example.org">x</a>',
        "<p>javascript:alert(1) as text</p>",
    ],
)
def test_harmless_markup_is_not_reported(html):
    """Escaped text and ordinary links are not false alarms."""
    assert dangers(html) == []


def test_page_dangers_reads_the_story_and_the_whole_page():
    """On a page, the story is checked strictly; elsewhere only handlers, styles, script URLs
    and script elements carrying the marker count."""
    page = (
        '<html><head><script src="/static/app.js"></script></head><body>'
        '<article class="story"><p>ok</p></article><div>after</div></body></html>'
    )
    assert page_dangers(page, "XSS") == []
    assert page_dangers(page.replace("<p>ok</p>", "<script>x</script>"), "XSS")
    assert page_dangers(page.replace("<div>after", "<div onclick='x'>after"), "XSS")
    assert page_dangers(page.replace("app.js", "XSS.js"), "XSS")
    assert story_of(page) == '<article class="story"><p>ok</p></article>'


def test_find_all_and_text_of():
    """Elements are found by tag and class, with their text; text_of decodes entities."""
    html = '<div class="a b"><p class="b">One &amp; <em>two</em></p><p>three</p></div>'
    assert [p.text for p in find_all(html, "p")] == ["One & two", "three"]
    assert [p.text for p in find_all(html, "p", "b")] == ["One & two"]
    assert [e.tag for e in find_all(html, "div")[0].descendants()] == ["p", "em", "p"]
    assert text_of(html) == "One & two three"
