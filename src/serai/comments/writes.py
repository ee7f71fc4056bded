"""The writes every new comment makes, with their SQL written once per process.

Posting a comment inserts it, points a top-level comment's `root` at itself, and moves the thread's
counters. Through the ORM, building these statements cost more than running them (0.2 ms for the
INSERT through `Model.save`, 0.3 ms for the counters' UPDATE with F() expressions, against a few
hundredths of a millisecond to run each on SQLite). Here each statement is built once per database
(the INSERT by the ORM's own compiler, so its SQL is the ORM's), and each comment only supplies its
values, prepared by each field as the ORM prepares them. The tests compare what they store with what
the ORM stores.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections, router
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery

from serai.comments.models import Comment, Thread
from serai.comments.text import fingerprint


@dataclass(frozen=True)
class _Statements:
    insert: str
    insert_fields: list
    returning: bool  # the INSERT answers the new id itself (RETURNING); else it is asked after
    returning_params: tuple
    own_root: str
    counters: str
    # A top-level comment is its own root: where the database can say the next id before the
    # INSERT (SQLite inside the write transaction, PostgreSQL from the sequence), the INSERT
    # writes the id and the root at once, instead of an UPDATE after it.
    next_id: str | None
    next_id_params: tuple
    insert_with_id: str | None
    root_index: int


_statements: dict[str, _Statements] = {}


def _statements_for(alias: str) -> _Statements:
    found = _statements.get(alias)
    if found is None:
        found = _statements[alias] = _build(alias)
    return found


def _build(alias: str) -> _Statements:
    connection = connections[alias]
    meta = Comment._meta
    # The fields Model.save() inserts for a new comment: every concrete one but the automatic id.
    fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
    query = InsertQuery(Comment)
    query.insert_values(fields, [Comment()], raw=False)  # a blank comment: only its placeholders count
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = meta.db_returning_fields
    [(insert, _params)] = compiler.as_sql()
    quote = connection.ops.quote_name
    comments, threads = quote(meta.db_table), quote(Thread._meta.db_table)

    def column(table: str, model, name: str) -> str:
        return f"{table}.{quote(model._meta.get_field(name).column)}"

    def add(name: str) -> str:  # as the ORM writes `name = F(name) + value`
        return f"{quote(Thread._meta.get_field(name).column)} = ({column(threads, Thread, name)} + %s)"

    table, pk_column = meta.db_table, meta.pk.column
    if connection.vendor == "sqlite":
        # AUTOINCREMENT gives the larger of the highest id ever given (sqlite_sequence) and the
        # highest present, plus one; the write transaction holds the database's write lock, so
        # no other INSERT comes between this and ours.
        next_id = (
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" COALESCE((SELECT MAX({quote(pk_column)}) FROM {comments}), 0)) + 1"
        )
        next_id_params: tuple = (table,)
    elif connection.vendor == "postgresql":
        next_id, next_id_params = "SELECT nextval(pg_get_serial_sequence(%s, %s))", (table, pk_column)
    else:
        next_id, next_id_params = None, ()
    insert_with_id = None
    if next_id is not None:
        with_id = InsertQuery(Comment)
        with_id.insert_values([meta.pk, *fields], [Comment()], raw=False)
        with_id_compiler = with_id.get_compiler(connection=connection)
        with_id_compiler.returning_fields = None
        [(insert_with_id, _params)] = with_id_compiler.as_sql()

    return _Statements(
        next_id=next_id,
        next_id_params=next_id_params,
        insert_with_id=insert_with_id,
        root_index=fields.index(meta.get_field("root")),
        insert=insert,
        insert_fields=fields,
        returning=bool(meta.db_returning_fields) and connection.features.can_return_columns_from_insert,
        returning_params=tuple(compiler.returning_params),
        own_root=(
            f"UPDATE {comments} SET {quote(meta.get_field('root').column)} = %s"
            f" WHERE {column(comments, Comment, 'id')} = %s"
        ),
        counters=(
            f"UPDATE {threads} SET {add('published_count')}, {add('top_level_count')}, {add('version')}"
            f" WHERE {column(threads, Thread, 'article')} = %s"
        ),
    )


@dataclass(frozen=True)
class Prepared:
    """A new comment's INSERT, ready to run: `prepare()` makes it before the write transaction."""

    alias: str
    params: list


def prepare(comment: Comment) -> Prepared:
    """Everything `insert()` needs that is not the database's: the text hash, the pre_save signal,
    each field's value prepared by the field. Made before the write transaction opens, so the
    writers' lock (one per SQLite file) is held for the statements only."""
    assert comment._state.adding and comment.pk is None, "insert() stores new comments only"
    alias = router.db_for_write(Comment, instance=comment)
    connection = connections[alias]
    comment.text_hash = fingerprint(comment.text)  # as Comment.save() keeps it
    pre_save.send(sender=Comment, instance=comment, raw=False, using=alias, update_fields=None)
    params = [
        field.get_db_prep_save(field.pre_save(comment, True), connection=connection)
        for field in _statements_for(alias).insert_fields
    ]
    return Prepared(alias, params)


def insert(comment: Comment, prepared: Prepared | None = None) -> None:
    """Store a new comment, as `comment.save()` would: text hash, pre_save and post_save signals,
    every field's value prepared by the field, the new id set on the instance.

    `prepared` is what `prepare(comment)` made earlier (made here when not given). For comments
    built from saved objects only (the posting service's): what `save()` checks of unsaved related
    objects is not checked again here.
    """
    prepared = prepared or prepare(comment)
    alias = prepared.alias
    connection = connections[alias]
    statements = _statements_for(alias)
    meta = Comment._meta
    with connection.cursor() as cursor:
        cursor.execute(statements.insert, prepared.params)
        if statements.returning:
            (new_id,) = connection.ops.fetch_returned_insert_columns(cursor, statements.returning_params)
        else:
            new_id = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    _stored(comment, alias, new_id)


def _stored(comment: Comment, alias: str, new_id: int) -> None:
    """What `save()` leaves on a new instance once its row exists: its id, its state, post_save."""
    setattr(comment, Comment._meta.pk.attname, new_id)
    comment._state.adding = False
    comment._state.db = alias
    post_save.send(sender=Comment, instance=comment, created=True, update_fields=None, raw=False, using=alias)


def insert_own_root(comment: Comment, prepared: Prepared | None = None) -> None:
    """Store a new top-level comment with itself as its root, as `insert()` then `set_own_root()`
    would, in one INSERT where the database can give the id first (two statements elsewhere)."""
    assert comment.parent_id is None, "a reply's root is its thread's first comment"
    prepared = prepared or prepare(comment)
    statements = _statements_for(prepared.alias)
    if statements.insert_with_id is None:
        insert(comment, prepared)
        set_own_root(comment)
        return
    with connections[prepared.alias].cursor() as cursor:
        cursor.execute(statements.next_id, statements.next_id_params)
        (new_id,) = cursor.fetchone()
        params = list(prepared.params)
        params[statements.root_index] = new_id
        cursor.execute(statements.insert_with_id, [new_id, *params])
    comment.root_id = new_id
    _stored(comment, prepared.alias, new_id)


def set_own_root(comment: Comment) -> None:
    """A top-level comment's root is itself: known only once it has its id."""
    alias = router.db_for_write(Comment, instance=comment)
    with connections[alias].cursor() as cursor:
        cursor.execute(_statements_for(alias).own_root, [comment.pk, comment.pk])
    comment.root_id = comment.pk


def shift_counters(*, article_id: int, published: int, top_level: int) -> None:
    """Move the thread's published and top-level counters, and its version by one."""
    alias = router.db_for_write(Thread)
    with connections[alias].cursor() as cursor:
        cursor.execute(_statements_for(alias).counters, [published, top_level, 1, article_id])
