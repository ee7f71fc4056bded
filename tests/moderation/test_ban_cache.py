"""The active bans kept in each process's memory (serai.moderation.bans).

These tests commit for real (transactional database): a change reaches the copies only when it
commits, as in production; inside a transaction the database is asked, as it was before.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from serai.core import generations
from serai.desk import services as desk
from serai.moderation import bans, rules, services
from serai.moderation.models import Ban
from serai.moderation.pipeline import Action
from serai.moderation.privacy import email_hash
from tests.moderation.factories import ModeratorFactory, article_with_thread, clause, post, submission

pytestmark = pytest.mark.django_db(transaction=True)

TROLL = "b" * 64


def check(**fields):
    return rules.banned_commenter(submission(**fields))


def test_bans_are_checked_in_memory_until_one_changes(django_assert_num_queries):
    Ban.objects.create(ip_hash=TROLL, clause=clause(3))
    Ban.objects.create(email_hash=email_hash("troll@example.org"))
    assert check() is None  # loads this process's copy
    with django_assert_num_queries(0):
        assert check() is None
        verdict = check(ip_hash=TROLL)
        assert (verdict.action, verdict.rule, verdict.clause_number) == (Action.REJECT, "banned", 3)
        assert check(email="Troll@Example.org").action == Action.REJECT
        assert check(email="", ip_hash="") is None


def test_a_new_ban_applies_as_soon_as_it_commits(django_assert_num_queries):
    comment = post(article_with_thread(), email="troll@example.org", ip_address="203.0.113.9")
    assert check(email="troll@example.org") is None
    desk.commenter_ban(comment=comment, moderator=ModeratorFactory(), clause=clause(2), days=7)
    with django_assert_num_queries(1):  # loaded again once
        assert check(email="troll@example.org").clause_number == 2
    with django_assert_num_queries(0):
        assert check(ip_hash=comment.ip_hash, email="someone@example.org").action == Action.REJECT


def test_a_transaction_sees_its_own_new_ban_and_a_rolled_back_one_never_applies():
    assert check(ip_hash=TROLL) is None
    with pytest.raises(RuntimeError), transaction.atomic():
        Ban.objects.create(ip_hash=TROLL)
        assert check(ip_hash=TROLL).action == Action.REJECT  # asked of the database, as before
        raise RuntimeError("rolled back")
    assert check(ip_hash=TROLL) is None
    with transaction.atomic():
        Ban.objects.create(ip_hash=TROLL)
        assert check(ip_hash=TROLL).action == Action.REJECT
    assert check(ip_hash=TROLL).action == Action.REJECT


def test_an_expired_ban_stops_applying_at_its_expiry_with_no_write(monkeypatch, django_assert_num_queries):
    until = timezone.now() + timedelta(minutes=5)
    Ban.objects.create(ip_hash=TROLL, expires_at=until)
    Ban.objects.create(ip_hash="c" * 64, expires_at=until + timedelta(days=1))
    assert check(ip_hash=TROLL).action == Action.REJECT
    monkeypatch.setattr(timezone, "now", lambda: until + timedelta(seconds=1))
    with django_assert_num_queries(0):
        assert check(ip_hash=TROLL) is None
        assert check(ip_hash="c" * 64).action == Action.REJECT


def test_a_lifted_ban_lets_the_commenter_in_at_once():
    ban = Ban.objects.create(ip_hash=TROLL)
    assert check(ip_hash=TROLL) is not None
    services.ban_lift(ban=ban, moderator=ModeratorFactory())
    assert check(ip_hash=TROLL) is None


def test_a_deleted_ban_or_a_renumbered_clause_reaches_the_copy():
    cited = clause(3)
    ban = Ban.objects.create(ip_hash=TROLL, clause=cited)
    assert check(ip_hash=TROLL).clause_number == 3
    cited.number = 33
    cited.save()
    assert check(ip_hash=TROLL).clause_number == 33
    ban.delete()
    assert check(ip_hash=TROLL) is None


def test_other_processes_changes_arrive_through_the_bans_generation(django_assert_num_queries):
    assert check(ip_hash=TROLL) is None
    Ban.objects.bulk_create([Ban(ip_hash=TROLL)])  # no signal: as if another process wrote it
    with django_assert_num_queries(0):
        assert check(ip_hash=TROLL) is None  # this copy does not know yet
    generations.store().bump([bans.GENERATION])  # what the other process does after its commit
    assert check(ip_hash=TROLL).action == Action.REJECT


def test_the_copy_is_loaded_again_when_it_is_old(monkeypatch, django_assert_num_queries):
    assert check() is None
    monkeypatch.setattr(bans, "MAX_AGE", 0)
    with django_assert_num_queries(1):
        assert check() is None


def test_the_newest_matching_ban_names_the_clause():
    Ban.objects.create(ip_hash=TROLL, clause=clause(2), created_at=timezone.now() - timedelta(days=2))
    Ban.objects.create(email_hash=email_hash("troll@example.org"), clause=clause(4))
    assert check(ip_hash=TROLL, email="troll@example.org").clause_number == 4
