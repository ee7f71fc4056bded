"""Active bans in each process's memory, so checking a new comment asks the database nothing.

Every process keeps the active bans' hashes (address and email) with their expiry times and
clauses. A "bans" generation (serai.core.generations) is bumped after a transaction that saved or
deleted a ban (or a policy clause, whose number a ban cites) commits; a process that sees another
generation, or whose copy is older than MAX_AGE, loads the active bans again. A ban that runs out
stops applying at its expiry time, with no write: the expiry is checked on every lookup.

The database is asked instead, as before, where memory could be wrong:
- inside a transaction that itself changed a ban, which only it can see yet;
- inside any other transaction when the copy is out of date: the transaction may read an older
  state of the database, so what it reads is not kept.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.utils import timezone

from serai.core import generations

GENERATION = "bans"
# Seconds: a copy is loaded again at least this often, should a change not have reached the
# generations (the shared cache down, say).
MAX_AGE = 60.0
# Set on a database connection whose open transaction saved or deleted a ban.
PENDING = "_serai_bans_changed"


@dataclass(frozen=True)
class ActiveBan:
    pk: int
    created_at: datetime
    expires_at: datetime | None
    clause_number: int | None

    def applies(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass(frozen=True)
class Snapshot:
    generation: int
    loaded_at: float  # time.monotonic()
    by_ip: dict[str, tuple[ActiveBan, ...]]
    by_email: dict[str, tuple[ActiveBan, ...]]

    def find(self, *, ip_hash: str, email_hash: str | None, now: datetime) -> ActiveBan | None:
        """The newest ban in force for this address hash or email hash (None: not looked up)."""
        found = []
        if email_hash is not None:
            found += self.by_email.get(email_hash, ())
        if ip_hash:
            found += self.by_ip.get(ip_hash, ())
        return max(
            (ban for ban in found if ban.applies(now)),
            key=lambda ban: (ban.created_at, ban.pk),
            default=None,
        )


_snapshot: Snapshot | None = None
_load_lock = threading.Lock()


def _connection():
    from serai.moderation.models import Ban

    return connections[Ban.objects.db]


def _load(generation: int) -> Snapshot:
    from serai.moderation.models import Ban

    by_ip: dict[str, list[ActiveBan]] = {}
    by_email: dict[str, list[ActiveBan]] = {}
    rows = Ban.objects.active().values_list(
        "pk", "ip_hash", "email_hash", "created_at", "expires_at", "clause__number"
    )
    for pk, ip_hash, email_hash, created_at, expires_at, clause_number in rows:
        ban = ActiveBan(pk, created_at, expires_at, clause_number)
        # Empty hashes are kept too, and looked up exactly when the query before would have
        # matched them (an email that hashes to nothing).
        by_ip.setdefault(ip_hash, []).append(ban)
        by_email.setdefault(email_hash, []).append(ban)
    return Snapshot(
        generation=generation,
        loaded_at=time.monotonic(),
        by_ip={k: tuple(v) for k, v in by_ip.items()},
        by_email={k: tuple(v) for k, v in by_email.items()},
    )


def current() -> Snapshot | None:
    """This process's copy of the active bans, loaded again when out of date; None when the
    database must be asked instead (see the module's docstring)."""
    global _snapshot
    connection = _connection()
    if getattr(connection, PENDING, False):
        if connection.in_atomic_block:
            return None
        setattr(connection, PENDING, False)  # that transaction is over (rolled back: nothing changed)
    generation = generations.store().value(GENERATION)
    snapshot = _snapshot
    if (
        snapshot is not None
        and snapshot.generation == generation
        and time.monotonic() - snapshot.loaded_at < MAX_AGE
    ):
        return snapshot
    if connection.in_atomic_block:
        return None
    with _load_lock:
        snapshot = _snapshot
        if (
            snapshot is None
            or snapshot.generation != generation
            or (time.monotonic() - snapshot.loaded_at >= MAX_AGE)
        ):
            # The generation was read before the bans: a change committed in between makes the
            # next lookup load again, never a copy that looks fresh without it.
            snapshot = _snapshot = _load(generation)
    return snapshot


def find(*, ip_hash: str, email_hash: str | None, now: datetime | None = None) -> ActiveBan | None:
    """The newest ban in force matching the address hash (when given) or the email hash (when
    not None), or None."""
    now = now or timezone.now()
    snapshot = current()
    if snapshot is not None:
        return snapshot.find(ip_hash=ip_hash, email_hash=email_hash, now=now)
    return _query(ip_hash=ip_hash, email_hash=email_hash, now=now)


def _query(*, ip_hash: str, email_hash: str | None, now: datetime) -> ActiveBan | None:
    from serai.moderation.models import Ban

    matches = Q(email_hash=email_hash) if email_hash is not None else Q(pk__in=[])
    if ip_hash:
        matches |= Q(ip_hash=ip_hash)
    ban = Ban.objects.active(now).filter(matches).select_related("clause").first()
    if ban is None:
        return None
    return ActiveBan(ban.pk, ban.created_at, ban.expires_at, ban.clause.number if ban.clause else None)


def forget() -> None:
    """Drop this process's copy (tests start afresh; a committed change drops it at once)."""
    global _snapshot
    _snapshot = None


def changed(sender=None, using: str | None = None, **kwargs) -> None:
    """A ban (or a policy clause) was saved or deleted: every process loads the bans again once
    the change commits; until then, the transaction that made it asks the database."""
    using = using or DEFAULT_DB_ALIAS
    connection = connections[using]
    if connection.in_atomic_block:
        setattr(connection, PENDING, True)

    def committed():
        setattr(connection, PENDING, False)
        forget()
        generations.store().bump([GENERATION])

    transaction.on_commit(committed, using=using)
