"""After "Delete my comments": moderators keep hashes and decisions, not the commenter's name and
words; comments nothing hangs from are deleted, the others kept as tombstones without words."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection
from django.test import Client

from serai.comments.models import Comment
from serai.core.addresses import ip_hash
from serai.desk import services as desk
from serai.moderation import bans
from serai.moderation import services as moderation
from serai.moderation.erasure import ERASED_NAME
from serai.moderation.models import Ban, Decision, Report
from serai.moderation.privacy import email_hash
from serai.privacy.services import DELETED_REASON, erase
from tests.moderation.factories import ModeratorFactory, article_with_thread, clause, post
from tests.privacy.test_scan_everything import _text_values

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zhanar Kestrelova", "Zhanar.Kestrel@example.org"
WORDS = "the tariff papers were forged by the deputy"


@pytest.fixture(autouse=True)
def _tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def history():
    """A commenter's comments, a reader's reply and report, and a moderator's decisions about them."""
    article = article_with_thread("post")
    moderator = ModeratorFactory(username="aliya")
    address = "198.51.100.41"
    first = post(article, f"I say {WORDS}.", author_name=NAME, email=EMAIL, ip_address=address)
    reply = post(article, "Source?", parent=first, author_name="Bolat", email="bolat@example.net")
    Report.objects.create(comment=first, reporter_key="r" * 64, note=f"They claim {WORDS}")
    second = post(article, "Again: forged.", author_name=NAME, email=EMAIL.lower(), ip_address=address)
    post(article, "Still standing.", author_name=NAME, email=EMAIL, ip_address=address)
    desk.comment_remove(comment=first, moderator=moderator, clause=clause(3), note=f"Says {WORDS}")
    decide = {"comment": second, "moderator": moderator, "clause": clause(2)}
    ban = desk.commenter_ban(**decide, note="Flooding.", days=7)
    moderation.ban_lift(ban=ban, moderator=moderator, note=f"{NAME} apologised")
    ban = desk.commenter_ban(**decide, note="Flooding again.")
    return {"article": article, "moderator": moderator, "first": first, "reply": reply, "second": second,
            "ban": ban}  # fmt: skip


def _log_rows():
    return list(Decision.objects.order_by("pk").values_list("action", "moderator_id", "clause__number",
                                                            "previous_status", "new_status"))  # fmt: skip


def test_the_ban_keeps_its_hashes_clause_and_reason_and_loses_the_name(history):
    before = Ban.objects.get(pk=history["ban"].pk)
    assert before.author_name == NAME
    erase(EMAIL)
    after = Ban.objects.get(pk=history["ban"].pk)
    assert after.author_name == ERASED_NAME
    assert (after.ip_hash, after.email_hash, after.reason, after.clause_id, after.expires_at) == (
        before.ip_hash, before.email_hash, "Flooding again.", before.clause_id, None,
    )  # fmt: skip
    assert after.email_hash == email_hash(EMAIL) and after.ip_hash == ip_hash("198.51.100.41")
    assert not Ban.objects.filter(author_name=NAME).exists()
    bans.forget()
    assert bans.find(ip_hash="", email_hash=email_hash(EMAIL)).pk == after.pk, "the ban still holds"


def test_the_audit_log_keeps_every_decision_and_none_of_the_name_or_words(history):
    before = _log_rows()
    erase(EMAIL)
    after = _log_rows()
    # Every decision stays, in order; the erasure adds the site's withdrawal of the live comments.
    assert after[: len(before)] == before
    assert after[len(before) :] == [("remove", None, None, "published", "removed")]
    for decision in Decision.objects.all():
        for field in (decision.subject, decision.note):
            assert NAME not in field and "Zhanar" not in field and WORDS not in field, field
    ban_subjects = Decision.objects.filter(action="ban").values_list("subject", flat=True)
    assert sorted(ban_subjects) == [f"{ERASED_NAME} for 7 days", f"{ERASED_NAME} for good"]
    assert set(Decision.objects.filter(action="unban").values_list("subject", flat=True)) == {ERASED_NAME}
    assert Decision.objects.get(moderator=None).note == DELETED_REASON  # the site's own words stay


def test_the_moderators_pages_show_neither_the_name_nor_the_words(history):
    client = Client()
    client.force_login(history["moderator"])
    pages = ["/en/moderation/bans/", "/en/moderation/log/", "/en/moderation/?tab=rejected"]
    assert all(NAME in client.get(page).content.decode() for page in pages[:2])
    erase(EMAIL)
    for page in pages:
        html = client.get(page).content.decode()
        assert NAME not in html and WORDS not in html and EMAIL.lower() not in html.lower(), page
    assert ERASED_NAME in client.get("/en/moderation/bans/").content.decode()


def test_reports_on_a_kept_tombstone_lose_their_notes(history):
    erase(EMAIL)
    report = Report.objects.get(comment=history["first"])
    assert report.note == "" and report.reporter_key == "r" * 64


def test_comments_nothing_hangs_from_are_deleted_and_the_others_keep_no_words(history):
    erase(EMAIL)
    assert not Comment.objects.filter(pk=history["second"].pk).exists()
    tombstone = Comment.objects.get(pk=history["first"].pk)
    assert (tombstone.text, tombstone.text_html, tombstone.email, tombstone.ip_hash) == ("", "", "", "")
    assert tombstone.author_name == "Deleted" and tombstone.moderation_reason == DELETED_REASON
    assert tombstone.policy_clause_id is None
    assert Comment.objects.get(pk=history["reply"].pk).text == "Source?"
    # What the moderators decided about the deleted comment stays, without it.
    assert Decision.objects.filter(comment=None, action="ban").count() == 2


def test_a_chain_of_the_commenters_own_replies_goes_entirely():
    article = article_with_thread("post")
    top = post(article, "One.", author_name=NAME, email=EMAIL)
    middle = post(article, "Two.", parent=top, author_name=NAME, email=EMAIL)
    post(article, "Three.", parent=middle, author_name=NAME, email=EMAIL)
    other = post(article, "Someone else.", author_name="Bolat", email="bolat@example.net")
    assert erase(EMAIL) == 3
    assert list(Comment.objects.values_list("pk", flat=True)) == [other.pk]


def test_another_commenter_of_the_same_name_keeps_theirs(history):
    other = post(history["article"], "Mine.", author_name=NAME, email="namesake@example.net")
    ban = desk.commenter_ban(comment=other, moderator=history["moderator"], clause=clause(2))
    erase(EMAIL)
    assert Ban.objects.get(pk=ban.pk).author_name == NAME
    assert Decision.objects.get(comment=other, action="ban").subject == f"{NAME} for good"


def test_no_table_holds_the_name_words_or_email_afterwards(history):
    """Every text column of every table, on SQLite and PostgreSQL alike (the rows themselves; what
    the files hold is tests/privacy/test_erasure_on_disk.py's concern)."""
    needles = [NAME, WORDS, EMAIL.lower(), "Zhanar"]

    def found():
        return {(t, c) for t, c, text in _text_values() for n in needles if n.lower() in text.lower()}

    assert {("comments_comment", "author_name"), ("moderation_ban", "author_name"),
            ("moderation_decision", "subject"), ("moderation_report", "note")} <= found()  # fmt: skip
    erase(EMAIL)
    assert found() == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own setting")
def test_every_sqlite_connection_overwrites_deleted_content():
    """Whatever SQLite's build chose, the connection setup turns secure_delete on."""
    raw = sqlite3.connect(":memory:")
    raw.execute("PRAGMA secure_delete=OFF")
    raw.executescript(connection.settings_dict["OPTIONS"]["init_command"])
    assert raw.execute("PRAGMA secure_delete").fetchone() == (1,)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone() == (1,)
