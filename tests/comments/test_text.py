"""serai.comments.text: normalising, counting and rendering a reader's text as safe HTML."""

import pytest
from django.utils.safestring import SafeString

from serai.comments.text import length, normalise, render
from tests.comments.helpers import start_tags

REL = 'rel="nofollow ugc noopener"'


def links(html: str) -> list[dict]:
    return [dict(attrs) for tag, attrs in start_tags(html) if tag == "a"]


class TestNormalise:
    def test_line_endings_become_newlines(self):
        assert normalise("a\r\nb\rc\nd") == "a\nb\nc\nd"

    def test_text_is_composed(self):
        assert normalise("e\u0301") == "\u00e9"

    def test_control_characters_and_bidi_overrides_are_dropped_but_tabs_kept(self):
        assert normalise("a\x00b\x1bc\x7fd\u202ee\u2066f\tg") == "abcdef\tg"

    def test_outer_blanks_are_trimmed(self):
        assert normalise("\n\n  hello  \r\n") == "hello"

    def test_length_counts_graphemes(self):
        assert length("🇰🇿👨\u200d👩\u200d👧\u200d👦é\n") == 4


class TestEscaping:
    def test_markup_is_escaped(self):
        assert render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"

    def test_quotes_and_ampersands_are_escaped(self):
        assert render("Tom & \"Jerry\" 'n' co") == "<p>Tom &amp; &quot;Jerry&quot; &#x27;n&#x27; co</p>"

    def test_attributes_cannot_be_injected(self):
        html = render('<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>')
        assert start_tags(html) == [("p", [])]

    def test_the_result_is_marked_safe(self):
        assert isinstance(render("hi"), SafeString)

    def test_cyrillic_and_emoji_are_kept(self):
        assert render("Сәлем 🇰🇿 👨\u200d👩\u200d👧\u200d👦") == "<p>Сәлем 🇰🇿 👨\u200d👩\u200d👧\u200d👦</p>"


class TestLineBreaks:
    def test_a_single_newline_is_a_line_break(self):
        assert render("first line\nsecond line") == "<p>first line<br>second line</p>"

    def test_blank_lines_make_paragraphs(self):
        assert render("one\n\ntwo\n\n\n\nthree") == "<p>one</p><p>two</p><p>three</p>"

    def test_line_breaks_and_paragraphs_together(self):
        assert render("a\nb\n\nc") == "<p>a<br>b</p><p>c</p>"

    def test_normalised_windows_text_renders_the_same(self):
        assert render(normalise("a\r\nb\r\n\r\nc")) == render("a\nb\n\nc")


class TestLinks:
    def test_addresses_are_linked_with_rel_nofollow_ugc_noopener(self):
        html = render("Source: https://example.org/report?id=7&lang=en")
        assert html == (
            '<p>Source: <a href="https://example.org/report?id=7&amp;lang=en" ' + REL + ">"
            "https://example.org/report?id=7&amp;lang=en</a></p>"
        )
        assert links(html) == [
            {"href": "https://example.org/report?id=7&lang=en", "rel": "nofollow ugc noopener"}
        ]

    def test_http_and_upper_case_addresses_are_linked(self):
        assert [a["href"] for a in links(render("http://a.example HTTPS://B.EXAMPLE/X"))] == [
            "http://a.example",
            "HTTPS://B.EXAMPLE/X",
        ]

    def test_every_address_in_a_text_is_linked(self):
        html = render("see https://a.example/1 and\nhttps://b.example/2\n\nhttps://c.example/3")
        assert [a["href"] for a in links(html)] == [
            "https://a.example/1",
            "https://b.example/2",
            "https://c.example/3",
        ]

    def test_links_do_not_open_a_new_tab(self):
        assert "target=" not in render("https://example.org/")

    @pytest.mark.parametrize(
        "punctuation",
        [".", ",", ";", ":", "!", "?", ")", "]", "}", "»", "\u201d", "\u2019", "...", "?!", ")."],
    )
    def test_trailing_punctuation_is_not_part_of_the_link(self, punctuation):
        html = render(f"Read https://example.org/page{punctuation}")
        assert links(html) == [{"href": "https://example.org/page", "rel": "nofollow ugc noopener"}]
        assert html.endswith(f"</a>{render(punctuation)[3:-4]}</p>")

    def test_an_address_in_parentheses_leaves_the_parenthesis_out(self):
        html = render("(see https://example.org/a)")
        assert links(html)[0]["href"] == "https://example.org/a"
        assert html.endswith("</a>)</p>")

    def test_a_closing_parenthesis_that_belongs_to_the_address_is_kept(self):
        html = render("(https://en.wikipedia.org/wiki/Talas_(river)).")
        assert links(html)[0]["href"] == "https://en.wikipedia.org/wiki/Talas_(river)"
        assert html.endswith("</a>).</p>")

    @pytest.mark.parametrize(
        "text",
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            "javascript://example.org/%0aalert(1)",
            " javascript:alert('https://example.org')",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "ftp://example.org/file",
            '<a href="javascript:alert(1)">click</a>',
        ],
    )
    def test_only_http_addresses_are_ever_linked(self, text):
        for a in links(render(text)):
            assert a["href"].lower().startswith(("http://", "https://")), a

    def test_javascript_is_never_linked(self):
        assert links(render("javascript:alert(1)")) == []
        html = render("javascript:alert('https://example.org')")
        assert [a["href"] for a in links(html)] == ["https://example.org"]

    @pytest.mark.parametrize("quote", ['"', "'", "`"])
    def test_quotes_in_an_address_cannot_break_out_of_the_attribute(self, quote):
        text = f"https://example.org/{quote} onmouseover={quote}alert(1){quote} x={quote}"
        html = render(text)
        tags = start_tags(html)
        assert [tag for tag, _attrs in tags] == ["p", "a"]
        assert links(html) == [{"href": "https://example.org/", "rel": "nofollow ugc noopener"}]
        assert "onmouseover=" in html and "onmouseover" not in dict(tags[1][1])

    def test_escaped_quotes_in_an_address_stay_text(self):
        html = render("https://example.org/?q=&quot;onload=&quot;alert(1)")
        (a,) = links(html)
        assert set(a) == {"href", "rel"}
        assert a["href"] == "https://example.org/?q=&quot;onload=&quot;alert(1)"

    def test_angle_brackets_end_an_address(self):
        html = render("<https://example.org/x><script>")
        assert links(html) == [{"href": "https://example.org/x", "rel": "nofollow ugc noopener"}]
        assert "&lt;script&gt;" in html

    def test_the_link_text_is_the_address_itself(self):
        html = render("https://example.org/<b>")
        assert '<a href="https://example.org/" ' + REL + ">https://example.org/</a>&lt;b&gt;" in html

    def test_an_address_glued_to_a_word_is_not_linked(self):
        assert links(render("evilhttps://example.org")) == []
