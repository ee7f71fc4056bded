"""Locks that make writes which count each other's rows wait for each other until they commit.

A rule such as "five comments a minute from one address" or "three votes per address" counts rows
and then writes one; two such writes at once each count without the other and both pass. SQLite
needs nothing: its write transactions run one at a time from their start (transaction_mode
IMMEDIATE). PostgreSQL runs them side by side and a transaction does not see another's rows
before it commits, so there the transaction takes an advisory lock per key, held until it ends;
the count that follows is a new statement, which under READ COMMITTED (the default, which Serai
keeps) sees every row committed while it waited.
"""

from __future__ import annotations

from django.db import connection

# First keys of pg_advisory_xact_lock(int4, int4): what is being written.
COMMENT = 0x5E7A1
VOTE = 0x5E7A2


def needed() -> bool:
    """Whether this database needs the locks (callers may skip computing their keys when not)."""
    return connection.vendor == "postgresql"


def hold_for_transaction(kind: int, *hashes: str) -> None:
    """Wait for, then hold until this transaction ends, a lock on each hash (hexadecimal digests:
    their first 32 bits are the key; empty ones are skipped). Call inside the transaction that
    writes. The locks are taken in key order in one statement, so two writers never wait for each
    other in a circle; writers whose keys share 32 bits wait needlessly, and nothing else."""
    if not needed():
        return
    keys = sorted({int(h[:8], 16) - 2**31 for h in hashes if h})  # signed 32-bit integers
    if not keys:
        return
    with connection.cursor() as cursor:
        # The select list is evaluated after ORDER BY: the locks are taken in key order.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, key) FROM unnest(%s::integer[]) AS key ORDER BY key",
            [kind, keys],
        )
