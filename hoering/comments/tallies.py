"""Stored comment counts (``CommentTally``): per consultation, anchor and status, kept right under
concurrent posting and moderation, so that the pages read a few small rows instead of counting the
consultation's comments on every request.

The counts are kept from the session's own events, not by each feature remembering to:

- a comment added, deleted, or changed in status, anchor or consultation through the ORM gives a
  change of +1/-1 to the counts it leaves and joins (worked out at flush from its attribute history,
  which the model keeps for these columns: ``active_history``);
- an UPDATE or DELETE statement on comments (holding comments found with personal data, moving a
  revised unit's comments to its successor's anchor) cannot say which rows it changed, so the
  consultations it may touch are counted again from their comments.

Both are written right before the commit, after locking the consultation's row (``FOR NO KEY UPDATE``
on PostgreSQL; SQLite has one writer at a time anyway): two transactions that change one consultation's
counts take turns, and a count made again sees every comment committed before it. Changes are
increments, so transactions that only add never overwrite each other.
"""
from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from hoering.comments.models import PUBLISHED, WHOLE_DOCUMENT, Comment, CommentTally
from hoering.consultations.models import Consultation
from hoering.database import dialect_insert, transaction_notes
from hoering.extensions import db

_CHANGES = "hoering.comments.tallies.changes"  # Counter of (consultation_id, anchor key, status): +n/-n
_RECOUNT = "hoering.comments.tallies.recount"  # ids of consultations to count again
_COUNTED = ("consultation_id", "anchor", "status")


def counts_by_anchor(consultation_id: int, status: str = PUBLISHED) -> dict[str | None, int]:
    """Comments in ``status`` per anchor (None: the whole document) of one consultation."""
    rows = db.session.execute(sa.select(CommentTally.anchor, CommentTally.count).where(
        CommentTally.consultation_id == consultation_id, CommentTally.status == status, CommentTally.count > 0))
    return {(anchor if anchor != WHOLE_DOCUMENT else None): count for anchor, count in rows}


def counts_by_consultation(consultation_ids: list[int], status: str = PUBLISHED) -> dict[int, int]:
    """Comments in ``status`` per consultation."""
    if not consultation_ids:
        return {}
    rows = db.session.execute(
        sa.select(CommentTally.consultation_id, sa.func.sum(CommentTally.count))
        .where(CommentTally.consultation_id.in_(consultation_ids), CommentTally.status == status)
        .group_by(CommentTally.consultation_id))
    return {consultation_id: int(total) for consultation_id, total in rows if total}


def recount(session: Session, consultation_ids: list[int]) -> None:
    """Count the consultations' comments again and store the counts."""
    comments = (sa.select(Comment.consultation_id, sa.func.coalesce(Comment.anchor, WHOLE_DOCUMENT), Comment.status,
                          sa.func.count())
                .where(Comment.consultation_id.in_(consultation_ids))
                .group_by(Comment.consultation_id, Comment.anchor, Comment.status))
    session.execute(sa.delete(CommentTally).where(CommentTally.consultation_id.in_(consultation_ids)))
    session.execute(sa.insert(CommentTally).from_select(["consultation_id", "anchor", "status", "count"], comments))


def init_app(app: Flask) -> None:
    if not event.contains(Session, "before_flush", _note_deleted):
        event.listen(Session, "before_flush", _note_deleted)
        event.listen(Session, "after_flush", _note_written)
        event.listen(Session, "do_orm_execute", _note_statement)
        event.listen(Session, "before_commit", _store)
    transaction_notes(_CHANGES, _RECOUNT)


def _key(consultation_id, anchor, status) -> tuple:
    return consultation_id, anchor if anchor is not None else WHOLE_DOCUMENT, status


def _note_deleted(session: Session, _flush_context, _instances) -> None:
    """Before a flush, while a comment about to be deleted can still be read."""
    changes = session.info.setdefault(_CHANGES, Counter())
    for comment in session.deleted:
        if isinstance(comment, Comment):
            changes[_key(*_committed(comment))] -= 1


def _note_written(session: Session, _flush_context) -> None:
    """After a flush, when a new comment holds its defaults (its status) and a changed one still its
    history."""
    changes = session.info.setdefault(_CHANGES, Counter())
    for comment in session.new:
        if isinstance(comment, Comment):
            changes[_key(comment.consultation_id, comment.anchor, comment.status)] += 1
    for comment in session.dirty:
        if isinstance(comment, Comment) and _counted_fields_changed(comment):
            changes[_key(*_committed(comment))] -= 1
            changes[_key(comment.consultation_id, comment.anchor, comment.status)] += 1


def _counted_fields_changed(comment: Comment) -> bool:
    state = inspect(comment)
    return any(state.attrs[name].history.has_changes() for name in _COUNTED)


def _committed(comment: Comment) -> tuple:
    """The comment's consultation, anchor and status as stored (before this flush's changes)."""
    state = inspect(comment)
    values = []
    for name in _COUNTED:
        history = state.attrs[name].history
        values.append(history.deleted[0] if history.deleted else getattr(comment, name))
    return tuple(values)


def _note_statement(state) -> None:
    """Before an INSERT, UPDATE or DELETE statement on comments: the consultations of the rows it will
    add or change."""
    statement = state.statement
    if not (state.is_insert or state.is_update or state.is_delete) or _table_name(statement) != Comment.__tablename__:
        return
    if state.is_update and not _sets_counted_column(statement):
        return  # agreements and the like: no count changes
    if state.is_insert:
        rows = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
        touched = {row.get("consultation_id") for row in rows} - {None} or _every_consultation(state.session)
    elif state.is_update and "consultation_id" in _set_columns(statement):
        touched = _every_consultation(state.session)  # moved between consultations
    else:
        found = sa.select(Comment.consultation_id).distinct()
        if statement.whereclause is not None:
            found = found.where(statement.whereclause)
        touched = set(state.session.scalars(found))
    state.session.info.setdefault(_RECOUNT, set()).update(touched)


def _table_name(statement) -> str | None:
    """The table an INSERT, UPDATE or DELETE writes (the ORM's statements name a copy of it)."""
    return getattr(getattr(statement, "table", None), "name", None)


def _every_consultation(session: Session) -> set[int]:
    return set(session.scalars(sa.select(Consultation.id)))


def _set_columns(statement) -> set[str]:
    """The columns an UPDATE's ``values()`` sets (SQLAlchemy keeps them in ``_values``, by column or name)."""
    return {getattr(column, "key", column) for column in statement._values or {}}


def _sets_counted_column(statement) -> bool:
    return bool(_set_columns(statement) & set(_COUNTED))


def _store(session: Session) -> None:
    session.flush()  # the pending changes are counted by the flush
    changes = {key: n for key, n in session.info.pop(_CHANGES, Counter()).items() if n}
    recounts = session.info.pop(_RECOUNT, set())
    if not changes and not recounts:
        return
    ids = sorted({key[0] for key in changes} | recounts)
    # A consultation deleted in this transaction took its counts with it (ON DELETE CASCADE).
    # FOR NO KEY UPDATE: a transaction that added a comment holds the consultation's row FOR KEY SHARE
    # (the foreign key), which FOR UPDATE would wait on: two such transactions would wait on each other.
    existing = set(session.scalars(
        sa.select(Consultation.id).where(Consultation.id.in_(ids)).with_for_update(key_share=True)))
    for (consultation_id, anchor, status), n in sorted(changes.items()):
        if consultation_id in existing and consultation_id not in recounts:
            _add(session, consultation_id, anchor, status, n)
    if recounts & existing:
        recount(session, sorted(recounts & existing))


def _add(session: Session, consultation_id: int, anchor: str, status: str, n: int) -> None:
    insert = dialect_insert(CommentTally, session).values(
        consultation_id=consultation_id, anchor=anchor, status=status, count=n)
    session.execute(insert.on_conflict_do_update(
        index_elements=["consultation_id", "anchor", "status"], set_={"count": CommentTally.count + n}))

