"""Numbers and ids read from readers and staff: one reading, used everywhere.

`str.isdigit()` accepts "²" and other Unicode digits that `int()` refuses, and a number past what
the database stores raises deep inside a query: either is a 500 from something anyone can type.
Every id or count read from a query string, a form field, a cookie or a path goes through
`parse_id` (or the `id` path converter, which applies the same rule), and a bad value reads as
"absent", which each caller answers the way it answers a missing one.
"""

from __future__ import annotations

# The largest value a 64-bit signed integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


def parse_id(value: object, *, maximum: int = MAX_ID) -> int | None:
    """A positive integer written in ASCII digits, at most `maximum`; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
            return None
        number = int(text)
    return number if 0 < number <= maximum else None


def parse_ids(values, *, limit: int = 1000) -> list[int]:
    """The valid ids among `values` (at most `limit` of them), in order, without repeats."""
    seen: dict[int, None] = {}
    for value in values:
        number = parse_id(value)
        if number is not None:
            seen.setdefault(number, None)
            if len(seen) >= limit:
                break
    return list(seen)


class IdConverter:
    """`<id:name>` in URL patterns: ASCII digits only, and never more than a database id holds."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError("not an id")  # the resolver answers 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
