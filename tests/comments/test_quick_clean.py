"""CommentForm.quick_clean reads a valid submission exactly as the form does, and gives up on any
other (the form then says what is wrong): compared on every naughty string, in every field."""

import pytest
from django.http import QueryDict

from serai.comments.forms import CommentForm
from tests.comments.test_naughty_strings import LINES

pytestmark = pytest.mark.django_db

VALID = {
    "author_name": "Aigerim",
    "email": "aigerim@example.org",
    "text": "I read this twice.",
    "token": "a-token",
    "website": "",
    "parent": "",
}

EDGES = [
    "", " ", "\n", "\x00", "a\x00b", "x" * 80, "x" * 81, "é" * 1500, "é" * 1501, "e\u0301" * 1500,
    "0", "-1", "1", "12", "9" * 30, "1.5", "true", "false", "on", "off", "None",
    "name@example.org", "name@", "@example.org", "a@b", f"{'a' * 245}@example.org",
    "\u202e\u0644\u0627", "🇰🇿" * 3, "\r\n\r\n", "  padded  ",
]  # fmt: skip


def _data(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in {**VALID, **fields}.items():
        if value is not None:
            data[name] = value
    return data


def _both(data) -> tuple[dict | None, dict | None]:
    form = CommentForm(data)
    return CommentForm.quick_clean(data), (form.cleaned_data if form.is_valid() else None)


def test_a_valid_submission_is_read_quickly_and_as_the_form_reads_it():
    quick, by_form = _both(_data(notify_replies="on", parent="7"))
    assert quick is not None
    assert quick == by_form
    assert quick["parent"] == 7 and quick["notify_replies"] is True


@pytest.mark.parametrize("field", [*VALID, "notify_replies"])
def test_every_value_in_every_field_is_read_as_the_form_reads_it_or_left_to_the_form(field):
    values = [*EDGES, *LINES, None]
    differ = []
    for value in values:
        quick, by_form = _both(_data(**{field: value}))
        if quick != by_form:
            differ.append((value, quick, by_form))
    assert differ == []


def test_a_field_left_out_is_left_to_the_form():
    data = _data()
    del data["email"]
    assert CommentForm.quick_clean(data) is None
    assert not CommentForm(data).is_valid()
