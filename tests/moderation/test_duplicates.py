"""The duplicate rule through the comments' text hash: kept with the text, found by index."""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import services
from serai.comments import text as comment_text
from serai.comments.models import Comment
from serai.moderation import rules
from serai.moderation.pipeline import Action
from serai.privacy import services as privacy
from tests.moderation.factories import article_with_thread, post, submission

pytestmark = pytest.mark.django_db

WORDS = "Same words again and again."


def test_the_hash_is_of_the_text_as_the_rule_compares_it():
    same = comment_text.fingerprint(WORDS)
    assert comment_text.fingerprint("  same\tWORDS\n\nagain   and AGAIN. ") == same
    assert comment_text.fingerprint("Straße") == comment_text.fingerprint("STRASSE")  # case folding
    assert comment_text.fingerprint("Same words again, and again.") != same
    assert len(same) == 32


def test_a_posted_comment_carries_the_hash_of_its_text(article):
    comment = post(article, WORDS)
    comment.refresh_from_db()
    assert comment.text_hash == comment_text.fingerprint(WORDS)


def test_an_edit_changes_the_hash_with_the_text(article):
    comment = post(article, WORDS)
    services.comment_edit(comment=comment, text="Other words, now.")
    comment.refresh_from_db()
    assert comment.text_hash == comment_text.fingerprint("Other words, now.")


def test_saving_chosen_fields_that_include_the_text_writes_the_hash_too(article):
    comment = post(article, WORDS)
    comment.text = "Changed by hand."
    comment.save(update_fields=["text"])
    assert Comment.objects.get(pk=comment.pk).text_hash == comment_text.fingerprint("Changed by hand.")


def test_erasing_a_commenters_data_clears_the_hash_with_the_text(article):
    comment = post(article, WORDS, email="gone@example.org")
    post(article, "A reply keeps it as a tombstone.", parent=comment, email="other@example.org")
    privacy.erase("gone@example.org")
    comment.refresh_from_db()
    assert (comment.text, comment.text_hash) == ("", comment_text.fingerprint(""))


def test_the_migration_fills_the_hash_of_comments_stored_before_it(article, monkeypatch):
    comments = [post(article, f"Comment {n} from before the hash.") for n in range(3)]
    Comment.objects.update(text_hash="")
    migration = importlib.import_module("serai.comments.migrations.0002_comment_text_hash")
    monkeypatch.setattr(migration, "BATCH", 2)  # more than one batch
    migration.fill_text_hash(apps, SimpleNamespace(connection=connection))
    for comment in comments:
        assert Comment.objects.get(pk=comment.pk).text_hash == comment_text.fingerprint(comment.text)


def test_duplicates_are_found_whatever_the_case_and_spacing(article):
    post(article, WORDS, email="A@Example.org")
    same_person = {"email": "a@example.org", "ip_hash": "e" * 64}
    variants = [
        "same  WORDS again\nand again.",
        "  SAME WORDS AGAIN AND AGAIN.",
        "sAme\twords again  and again.",
    ]
    for text in variants:
        verdict = rules.duplicate_text(submission(article, text=text, **same_person))
        assert (verdict.action, verdict.rule) == (Action.HOLD, "duplicate"), text
    different = submission(article, text="Same words again and again!", **same_person)
    assert rules.duplicate_text(different) is None


def test_someone_elses_same_words_on_the_article_are_not_a_duplicate(article):
    post(article, WORDS, email="one@example.org")
    other = submission(article, text=WORDS, email="two@example.org", ip_hash="e" * 64)
    assert rules.duplicate_text(other) is None


def test_a_flood_counts_copies_whatever_their_case_but_not_respaced_ones(article):
    """As before the hash: copies are the same text but for case (as the database compares it)."""
    text = "Buy cheap watches at our wonderful shop today"
    post(article, text.upper(), email="x1@example.org")
    post(article, text.replace(" ", "  "), email="x2@example.org")
    assert rules.duplicate_text(submission(article, text=text, email="x3@example.org")) is None
    post(article, text.lower(), email="x4@example.org")
    verdict = rules.duplicate_text(submission(article, text=text, email="x5@example.org"))
    assert (verdict.action, verdict.rule) == (Action.SPAM, "flood")


def test_a_flood_is_site_wide_and_an_hour_long(article):
    text = "Buy cheap watches at our wonderful shop today"
    first = post(article, text, email="x1@example.org")
    post(article_with_thread(), text, email="x2@example.org")
    assert rules.duplicate_text(submission(article, text=text, email="x3@example.org")).rule == "flood"
    Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=61))
    assert rules.duplicate_text(submission(article, text=text, email="x3@example.org")) is None


def test_the_counts_are_asked_in_one_indexed_statement_and_the_rules_ask_nothing(article):
    """The rate limit's count, the own-copy and flood counts and the token's uses ride in one
    aggregate; the rules read them from the submission."""
    for n in range(30):
        post(article, f"Comment number {n} on the water tariffs, from one reader.")
    long_text = "A comment long enough to be checked for a flood too."
    with CaptureQueriesContext(connection) as queries:
        checked = submission(article, text=long_text, form_use="f" * 32)
    assert len(queries) == 1
    [sql] = [query["sql"] for query in queries.captured_queries]
    assert '"text_hash" = ' in sql and '"ip_hash" = ' in sql and '"form_use" = ' in sql
    assert not sql.startswith('SELECT "comments_comment"."text"')
    if connection.vendor == "sqlite":  # each branch of the condition read through its own index
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(row[-1] for row in cursor.fetchall())
        for index in ("comment_same_text", "comment_address_time", "comment_form_use"):
            assert index in plan, plan
    with CaptureQueriesContext(connection) as queries:
        assert rules.duplicate_text(checked) is None
        assert rules.rate_limit(checked) is None
    assert len(queries) == 0


def _orm_answers(case: dict) -> tuple[bool, int | None]:
    """The rule's two questions asked one by one through querysets: (an own copy exists, copies in
    the hour or None when the text is too short)."""
    from django.db.models import Q

    now = timezone.now()
    earlier = Comment.objects.filter(text_hash=comment_text.fingerprint(case["text"]))
    if case["editing"]:
        earlier = earlier.exclude(pk=case["editing"])
    author = Q(email__iexact=case["email"]) if case["email"] else Q(pk__in=[])
    if case["ip_hash"]:
        author |= Q(ip_hash=case["ip_hash"])
    own = earlier.filter(author, story=case["article"], created_at__gte=now - rules.DUPLICATE_WINDOW)
    copies = None
    if len(comment_text.comparable(case["text"])) >= rules.FLOOD_MIN_LENGTH:
        copies = earlier.filter(created_at__gte=now - rules.FLOOD_WINDOW, text__iexact=case["text"]).count()
    return own.exists(), copies


def _history_answers(case: dict) -> tuple[bool, int | None]:
    history = submission(**case).history
    long_enough = len(comment_text.comparable(case["text"])) >= rules.FLOOD_MIN_LENGTH
    return bool(history.own_copies), history.copies if long_enough else None


def test_the_one_statement_answers_as_the_questions_asked_one_by_one(article):
    other = article_with_thread()
    long_text = "Buy cheap watches at our wonderful shop today"
    stored = [
        post(article, long_text, email="A_b%1@Example.org"),
        post(article, long_text.upper(), email="a.b@example.org"),
        post(other, long_text.lower(), email="x@example.org"),
        post(article, "Short one.", email="s@example.org"),
        post(article, "100% sure_of it, and that is the whole of it.", email="p@example.org"),
        post(article, "Отопление включили на неделю позже, чем обещали.", email="Ж@example.org"),
    ]
    old = post(article, long_text, email="old@example.org")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    address = stored[1].ip_hash
    # Wildcards of LIKE are escaped: "a_b@" and "a%@" are not "a.b@".
    emails = (
        "a_b%1@example.org",
        "a_b@example.org",
        "a%@example.org",
        "a.b@example.org",
        "old@example.org",
        "ж@example.org",
    )
    cases = []
    for text in (
        long_text,
        long_text.title(),
        "Short one.",
        "SHORT  one.",
        "100% SURE_OF it, and that is the whole of it.",
        "100x surex of it, and that is the whole of it.",
        "Nothing like it was ever posted here.",
        # Beyond ASCII, the ORM's LIKE and NOCASE both compare case as written.
        "Отопление включили на неделю позже, чем обещали.",
        "ОТОПЛЕНИЕ включили на неделю позже, чем обещали.",
    ):
        for email in (*emails, ""):
            for ip_hash in ("", address, "e" * 64):
                for editing in (None, stored[0].pk):
                    for on in (article, other):
                        cases.append(
                            {
                                "article": on,
                                "text": text,
                                "email": email,
                                "ip_hash": ip_hash,
                                "editing": editing,
                            }
                        )
    answers = [(_history_answers(case), _orm_answers(case)) for case in cases]
    assert all(mine == theirs for mine, theirs in answers)
    # The cases are not all alike: both answers vary.
    assert {own for (own, _copies), _orm in answers} == {True, False}
    assert len({copies for (_own, copies), _orm in answers}) >= 3
