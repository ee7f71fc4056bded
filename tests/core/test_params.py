"""One reading of ids and numbers from requests: bad digits read as absent, never as a 500."""

import pytest
from django.urls import Resolver404, resolve

from serai.core.params import MAX_ID, IdConverter, parse_id, parse_ids


@pytest.mark.parametrize(
    "value",
    ["²", "١٢", "１２", "", " ", "-1", "0", "1.5", "1e3", "abc", "9" * 20, str(MAX_ID + 1), None, True],
)
def test_parse_id_refuses_what_is_not_a_positive_ascii_id(value):
    assert parse_id(value) is None


@pytest.mark.parametrize("value, expected", [("1", 1), (" 42 ", 42), (7, 7), (str(MAX_ID), MAX_ID)])
def test_parse_id_reads_ascii_digits(value, expected):
    assert parse_id(value) == expected


def test_parse_ids_keeps_valid_ones_in_order_without_repeats():
    assert parse_ids(["3", "²", "1", "3", "x", "2"]) == [3, 1, 2]
    assert parse_ids([str(n) for n in range(1, 50)], limit=5) == [1, 2, 3, 4, 5]


def test_converter_refuses_huge_ids():
    with pytest.raises(ValueError):
        IdConverter().to_python("9" * 19)
    assert IdConverter().to_python("12") == 12


@pytest.mark.parametrize("path", ["/en/comments/edit/²/", "/en/comments/edit/99999999999999999999/"])
def test_url_patterns_do_not_resolve_bad_ids(path):
    with pytest.raises(Resolver404):
        resolve(path)
