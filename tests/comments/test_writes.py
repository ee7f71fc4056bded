"""The posting path's writes with their SQL written once (serai.comments.writes) store exactly what
the ORM stores: the same statements, the same values, the same signals."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serai.comments import services, writes
from serai.comments import text as comment_text
from serai.comments.models import Comment, Thread
from tests.comments.helpers import CommentFactory
from tests.factories import UserFactory
from tests.moderation.factories import clause

pytestmark = pytest.mark.django_db

WHEN = timezone.now() - timedelta(minutes=3)


def _comment(article, **fields) -> Comment:
    text = fields.pop("text", "Well said, and\n\nsaid twice: https://example.org/a_b?c=1 ✓ «quoted»")
    values = {
        "article": article, "author_name": "Aigerim", "email": "aigerim@example.org", "text": text,
        "text_html": comment_text.render(text), "language": "kk", "ip_hash": "a" * 64,
        "created_at": WHEN, "status": Comment.Status.PENDING,
    }  # fmt: skip
    return Comment(**{**values, **fields})


def _stored(pk: int) -> dict:
    row = Comment.objects.filter(pk=pk).values().get()
    del row["id"]
    return row


def _variants(article) -> list[dict]:
    parent = CommentFactory(article=article)
    return [
        {},
        {"parent": parent, "depth": 1, "root_id": parent.pk, "notify_replies": True},
        {"user": UserFactory(is_staff=True), "is_staff_comment": True, "status": Comment.Status.PUBLISHED,
         "published_at": WHEN, "moderation_rule": "staff", "moderation_reason": "Written by staff."},
        {"status": Comment.Status.REJECTED, "policy_clause": clause(2), "moderation_rule": "banned-word",
         "moderation_reason": "Contains the banned term “x”.", "email": "", "ip_hash": "", "language": ""},
    ]  # fmt: skip


def test_insert_stores_what_save_stores_with_the_same_statement(article):
    for fields in _variants(article):
        by_orm, by_writes = _comment(article, **fields), _comment(article, **fields)
        with CaptureQueriesContext(connection) as orm_queries:
            by_orm.save()
        with CaptureQueriesContext(connection) as queries:
            writes.insert(by_writes)
        assert by_writes.pk == by_orm.pk + 1
        assert (by_writes._state.adding, by_writes._state.db) == (False, "default")
        assert _stored(by_writes.pk) == _stored(by_orm.pk)
        assert by_writes.text_hash == comment_text.fingerprint(by_writes.text)
        [orm_insert], [insert] = orm_queries.captured_queries, queries.captured_queries
        assert insert["sql"] == orm_insert["sql"]


def test_insert_sends_the_signals_save_sends(article):
    heard = []

    def hear(signal):
        def receiver(sender, instance, **kwargs):
            heard.append((signal, instance.pk, kwargs.get("created"), kwargs["raw"], kwargs["update_fields"]))

        return receiver

    before, after = hear("pre_save"), hear("post_save")
    pre_save.connect(before, sender=Comment)
    post_save.connect(after, sender=Comment)
    try:
        comment = _comment(article)
        writes.insert(comment)
    finally:
        pre_save.disconnect(before, sender=Comment)
        post_save.disconnect(after, sender=Comment)
    assert heard == [("pre_save", None, None, False, None), ("post_save", comment.pk, True, False, None)]


def test_insert_refuses_a_comment_already_stored(article):
    comment = _comment(article)
    writes.insert(comment)
    with pytest.raises(AssertionError):
        writes.insert(comment)


def test_set_own_root_points_a_top_level_comment_at_itself(article):
    comment = _comment(article)
    writes.insert(comment)
    assert Comment.objects.get(pk=comment.pk).root_id is None
    writes.set_own_root(comment)
    assert comment.root_id == comment.pk == Comment.objects.get(pk=comment.pk).root_id


def test_shift_counters_writes_what_the_orm_update_writes(article):
    thread = services.thread_for(article=article)
    with CaptureQueriesContext(connection) as orm_queries:
        Thread.objects.filter(article_id=article.pk).update(
            published_count=F("published_count") + 2,
            top_level_count=F("top_level_count") + 1,
            version=F("version") + 1,
        )
    with CaptureQueriesContext(connection) as queries:
        writes.shift_counters(article_id=article.pk, published=2, top_level=1)
    assert queries.captured_queries[0]["sql"] == orm_queries.captured_queries[0]["sql"]
    thread.refresh_from_db()
    assert (thread.published_count, thread.top_level_count, thread.version) == (4, 2, 3)
    writes.shift_counters(article_id=article.pk, published=-1, top_level=0)
    thread.refresh_from_db()
    assert (thread.published_count, thread.top_level_count, thread.version) == (3, 2, 4)


def test_a_posted_comment_is_stored_as_before(article, post_mode):
    """Through the service: root, depth, hash, verdict and counters."""
    top = services.comment_post(article=article, author_name=" Aigerim ", email="a@example.org",
                                text="First!  ", ip_address="192.0.2.1", form_age=10.0)  # fmt: skip
    reply = services.comment_post(article=article, parent=top, author_name="Bolat", email="b@example.org",
                                  text="Second.", ip_address="192.0.2.2", form_age=10.0)  # fmt: skip
    top.refresh_from_db()
    reply.refresh_from_db()
    assert (top.root_id, top.depth, top.status, top.author_name) == (top.pk, 0, "published", "Aigerim")
    assert (reply.root_id, reply.depth, reply.parent_id) == (top.pk, 1, top.pk)
    assert top.text_hash == comment_text.fingerprint("First!") and top.text_html == "<p>First!</p>"
    assert (top.reply_count, top.moderation_rule) == (1, "post-moderation")
    thread = Thread.objects.get(article=article)
    assert (thread.published_count, thread.top_level_count) == (2, 1)


def test_a_prepared_insert_stores_what_the_orm_stores(article):
    by_orm, by_writes = _comment(article), _comment(article)
    by_orm.save()
    prepared = writes.prepare(by_writes)
    writes.insert(by_writes, prepared)
    assert _stored(by_writes.pk) == _stored(by_orm.pk)


def test_posting_prepares_the_comment_before_its_write_transaction(article, monkeypatch):
    """On SQLite the write transaction holds the one writers' lock: what can be made before it is."""
    seen = []
    real_prepare, real_insert = writes.prepare, writes.insert_own_root

    def prepare(comment):
        seen.append(("prepare", len(connection.atomic_blocks)))
        return real_prepare(comment)

    def insert(comment, prepared=None):
        seen.append(("insert", len(connection.atomic_blocks), prepared is not None))
        return real_insert(comment, prepared)

    monkeypatch.setattr(writes, "prepare", prepare)
    monkeypatch.setattr(writes, "insert_own_root", insert)
    services.comment_post(article=article, author_name="Dana", email="dana@example.org", text="First.")
    outer = len(connection.atomic_blocks)  # pytest-django's own transaction
    assert seen == [("prepare", outer), ("insert", outer + 1, True)]


def test_a_top_level_comment_is_stored_with_itself_as_root_as_the_orm_and_an_update_store_it(article):
    by_orm, by_writes = _comment(article), _comment(article)
    by_orm.save()
    Comment.objects.filter(pk=by_orm.pk).update(root=by_orm.pk)
    with transaction.atomic():
        writes.insert_own_root(by_writes, writes.prepare(by_writes))
    assert by_writes.pk > by_orm.pk and by_writes.root_id == by_writes.pk
    stored, expected = _stored(by_writes.pk), _stored(by_orm.pk)
    assert stored.pop("root_id") == by_writes.pk and expected.pop("root_id") == by_orm.pk
    assert stored == expected


def test_ids_given_first_never_repeat_and_the_orm_continues_after_them(article):
    first = _comment(article)
    with transaction.atomic():
        writes.insert_own_root(first)
    first_id = first.pk
    Comment.objects.filter(pk=first_id).delete()  # the highest id is gone: it is still not given again
    again = _comment(article)
    with transaction.atomic():
        writes.insert_own_root(again)
    assert again.pk > first_id
    later = _comment(article)
    later.save()  # the database's own numbering carries on after the ids given first
    assert later.pk > again.pk
