"""The 1500-character limit counts what a reader sees as characters, not code points or bytes.

"Characters" are extended grapheme clusters, counted after line endings are normalised: a flag,
a family emoji, a letter with any number of combining marks and a CRLF line break each count as
one. Exactly 1500 passes and 1501 fails, through the form and through the HTTP endpoint.
"""

import html
import json
import unicodedata

import pytest

from serai.comments.forms import CommentForm, EditCommentForm
from serai.comments.models import Comment
from serai.comments.text import length, normalise
from tests.comments.helpers import JSON, comment_data, counter_text, error_texts, post_comment

LIMIT = 1500
ZALGO_MARKS = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0323\u0324\u0325"


def _fit(unit: str, n: int) -> str:
    """n characters made by repeating `unit` (a list of one-character strings cycles)."""
    return "".join(unit[i % len(unit)] for i in range(n)) if isinstance(unit, list) else unit * n


def ascii_text(n):
    return _fit(list("abcdefghij"), n)


def flags(n):
    return _fit(["🇰🇿", "🇺🇿", "🇰🇬", "🇹🇯", "🇹🇲"], n)


def families(n):
    return "👨\u200d👩\u200d👧\u200d👦" * n


def combining(n):
    # "e" + COMBINING ACUTE (composes to é), "q" + acute (no precomposed form), "и" + breve (й).
    return _fit(["e\u0301", "q\u0301", "и\u0306", "a\u0308\u0304"], n)


def zalgo(n):
    return "".join("zalgo"[i % 5] + ZALGO_MARKS[: 4 + i % 10] + ZALGO_MARKS[::-1][: i % 7] for i in range(n))


def crlf(n):
    # Letters and Windows line breaks alternate; the text starts and ends with a letter, since
    # outer blanks are trimmed. "\r\n" is one character, as "\n" is.
    if n % 2:
        return "x" + "\r\ny" * (n // 2)
    return "xy" + "\r\nz" * ((n - 2) // 2)


def kazakh(n):
    words = list("Қазақстан Республикасы — Ұлы дала елі. Әділет, Өскемен, Үржар, Іле, Һ! Ғылым ")
    text = _fit(words, n)
    # Outer blanks would be trimmed: keep the first and the last character a letter.
    return "Қ" + text[1:-1] + "ә" if n > 1 else "Қ"


KINDS = {
    "ascii": ascii_text,
    "flags": flags,
    "zwj-family": families,
    "combining": combining,
    "zalgo": zalgo,
    "crlf": crlf,
    "kazakh": kazakh,
}


@pytest.mark.parametrize("kind", KINDS)
def test_generators_make_the_intended_number_of_characters(kind):
    """Sanity check of the inputs: each makes n characters, and most are far more code points."""
    for n in (1, 2, LIMIT, LIMIT + 1):
        assert length(normalise(KINDS[kind](n))) == n
    if kind != "ascii" and kind != "kazakh":
        assert len(KINDS[kind](LIMIT)) > LIMIT + 100


def test_one_flag_one_family_one_accented_letter_one_crlf_each_count_as_one():
    assert length(normalise("🇰🇿")) == 1
    assert length(normalise("👨\u200d👩\u200d👧\u200d👦")) == 1
    assert length(normalise("e\u0301")) == 1
    assert length(normalise("Z" + ZALGO_MARKS * 3)) == 1
    assert length(normalise("a\r\nb")) == length(normalise("a\nb")) == 3
    assert length(normalise("a\rb")) == 3


class TestForm:
    """serai.comments.forms.CommentForm is the authority on the limit."""

    @pytest.mark.parametrize("kind", KINDS)
    def test_exactly_1500_characters_pass(self, article, kind):
        text = KINDS[kind](LIMIT)
        form = CommentForm(comment_data(article, text=text), article=article)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["text"] == normalise(text)
        assert "\r" not in form.cleaned_data["text"]

    @pytest.mark.parametrize("kind", KINDS)
    def test_1501_characters_fail_with_the_limit_and_how_much_to_cut(self, article, kind):
        form = CommentForm(comment_data(article, text=KINDS[kind](LIMIT + 1)), article=article)
        assert not form.is_valid()
        (error,) = form.errors.as_data()["text"]
        assert error.code == "too_long"
        message = error.messages[0]
        assert "1501 characters long" in message
        assert "the limit is 1500" in message
        assert "Shorten it by 1 character " in message

    def test_the_message_says_how_many_characters_to_cut_in_the_plural(self, article):
        form = CommentForm(comment_data(article, text=flags(LIMIT + 37)), article=article)
        assert not form.is_valid()
        assert "Shorten it by 37 characters" in form.errors["text"][0]

    def test_trailing_blank_lines_and_spaces_are_not_counted(self, article):
        text = ascii_text(LIMIT) + "\r\n\r\n   \n"
        assert CommentForm(comment_data(article, text="  \n" + text), article=article).is_valid()

    def test_stripped_control_and_bidi_characters_are_not_counted(self, article):
        text = ascii_text(700) + "\u202e\x00\x07" + ascii_text(800)
        form = CommentForm(comment_data(article, text=text), article=article)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["text"] == ascii_text(700) + ascii_text(800)

    def test_text_is_stored_composed(self, article):
        form = CommentForm(comment_data(article, text="Cafe\u0301"), article=article)
        assert form.is_valid()
        assert form.cleaned_data["text"] == "Café"
        assert unicodedata.is_normalized("NFC", form.cleaned_data["text"])

    @pytest.mark.parametrize("blank", ["", "   ", "\r\n\r\n", "\u202e\u202c"])
    def test_an_empty_comment_is_refused_with_a_clear_message(self, article, blank):
        form = CommentForm(comment_data(article, text=blank), article=article)
        assert not form.is_valid()
        assert form.errors["text"] == ["Write your comment before sending it."]

    @pytest.mark.parametrize("n, ok", [(LIMIT, True), (LIMIT + 1, False)])
    def test_the_edit_form_has_the_same_limit(self, n, ok):
        assert EditCommentForm({"text": families(n)}).is_valid() is ok


class TestEndpoint:
    """POST /en/comments/<article>/post/: 1500 is stored, 1501 comes back with the text kept."""

    @pytest.mark.parametrize("kind", KINDS)
    def test_exactly_1500_characters_are_stored(self, client, article, kind):
        text = KINDS[kind](LIMIT)
        response = post_comment(client, article, text=text)
        assert response.status_code == 303
        comment = Comment.objects.get()
        assert comment.text == normalise(text)
        assert length(comment.text) == LIMIT

    @pytest.mark.parametrize("kind", KINDS)
    def test_1501_characters_come_back_with_400_the_text_and_the_error(self, client, article, kind):
        text = KINDS[kind](LIMIT + 1)
        response = post_comment(client, article, text=text)
        assert response.status_code == 400
        assert not Comment.objects.exists()
        body = response.content.decode()
        # The reader's text is in the textarea, escaped, exactly as sent.
        assert html.escape(text, quote=True) in body
        errors = " ".join(error_texts(body))
        assert "1501 characters long" in errors
        assert "the limit is 1500" in errors
        assert "Shorten it by 1 character" in errors
        # Name and address are kept too, so nothing has to be typed again.
        assert 'value="Aigerim"' in body
        assert counter_text(body) == "-1 / 1500"
        assert 'class="counter over"' in body

    @pytest.mark.parametrize("kind", ["ascii", "flags", "zwj-family", "crlf"])
    def test_the_json_variant_returns_400_with_the_errors(self, client, article, kind):
        response = post_comment(client, article, text=KINDS[kind](LIMIT + 1), headers=JSON)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.content)
        assert data["ok"] is False
        (error,) = data["errors"]["text"]
        assert error["code"] == "too_long"
        assert "1501" in error["message"] and "1500" in error["message"]
        assert not Comment.objects.exists()

    def test_the_json_variant_accepts_exactly_1500(self, client, article):
        response = post_comment(client, article, text=flags(LIMIT), headers=JSON)
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["ok"] is True and data["status"] == "pending"
        assert Comment.objects.get(pk=data["id"]).text == flags(LIMIT)

    def test_script_in_an_overlong_comment_is_kept_escaped(self, client, article):
        text = "<script>alert(1)</script></textarea><b>" + ascii_text(LIMIT)
        response = post_comment(client, article, text=text)
        assert response.status_code == 400
        body = response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;&lt;b&gt;" in body
        assert "<script>alert(1)" not in body


class TestCounter:
    """The server renders the counter the script keeps live: "remaining / limit"."""

    def test_an_empty_form_shows_1500_of_1500(self, client, article):
        body = client.get(article.get_absolute_url()).content.decode()
        assert counter_text(body) == "1500 / 1500"
        assert 'data-limit="1500"' in body
        assert 'class="counter"' in body

    def test_a_returned_form_counts_the_way_the_server_does(self, client, article):
        response = post_comment(client, article, text=crlf(LIMIT + 1))
        assert counter_text(response.content.decode()) == "-1 / 1500"
