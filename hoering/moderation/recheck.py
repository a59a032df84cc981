"""Holding back published comments in which the personal-data guard now finds something.

A stricter guard protects what is posted from now on; what it would have caught before, still
public, is held for a moderator too (``flask moderation recheck``, run once after an upgrade). A
comment a moderator published on purpose, with a confirmation and a reason (the audit log says
``published_with_personal_data``), stays published.
"""
from __future__ import annotations

import sqlalchemy as sa

from hoering.audit import services as audit
from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.comments.models import HELD_PERSONAL_DATA, PENDING, PUBLISHED, Comment
from hoering.database import begin_write
from hoering.extensions import db
from hoering.moderation.services import marked_personal_data

BATCH_SIZE = 500


def hold_published_personal_data(batch_size: int = BATCH_SIZE) -> list[int]:
    """Hold back every published comment the guard flags, unless a moderator published it knowing;
    logged. Returns the ids held.

    Comments are read and checked a batch at a time without the write lock; only the holding, a
    short update of the batch's flagged ids, takes it, so citizens can post meanwhile.
    """
    held: list[int] = []
    last_id = 0
    while batch := _published_after(last_id, batch_size):
        last_id = batch[-1].id
        flagged = {comment.id: _kinds(comment) for comment in batch}
        flagged = {comment_id: kinds for comment_id, kinds in flagged.items() if kinds}
        for comment_id in _published_knowingly(list(flagged)):
            del flagged[comment_id]
        held += _hold(flagged)
    return held


def _published_after(last_id: int, batch_size: int) -> list[Comment]:
    return list(db.session.scalars(
        sa.select(Comment).where(Comment.status == PUBLISHED, Comment.id > last_id).order_by(Comment.id).limit(batch_size)
    ))


def _kinds(comment: Comment) -> list[str]:
    return sorted({marked.kind for marked in marked_personal_data(comment)})


def _published_knowingly(comment_ids: list[int]) -> set[int]:
    """The comments whose latest approval or restoration confirmed the personal data in them."""
    if not comment_ids:
        return set()
    entries = db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.target_type == "comment",
            AuditEntry.target_id.in_([str(comment_id) for comment_id in comment_ids]),
            AuditEntry.action.in_(("comment.approve", "comment.restore")),
        ).order_by(AuditEntry.id)
    )
    latest = {entry.target_id: entry for entry in entries}
    return {int(target) for target, entry in latest.items() if "published_with_personal_data" in (entry.after or {})}


def _hold(flagged: dict[int, list[str]]) -> list[int]:
    """Hold the comments (still published: a moderator may have acted since they were read); commits."""
    if not flagged:
        return []
    begin_write()
    held = list(db.session.scalars(
        sa.update(Comment)
        .where(Comment.id.in_(flagged), Comment.status == PUBLISHED)
        .values(status=PENDING, held_reason=HELD_PERSONAL_DATA, moderated_at=utcnow(), moderated_by_id=None)
        .returning(Comment.id)
    ))
    for comment_id in sorted(held):
        audit.record(None, "comment.hold", "comment", comment_id, before={"status": PUBLISHED, "held_reason": None},
                     after={"status": PENDING, "held_reason": HELD_PERSONAL_DATA, "personal_data": flagged[comment_id]})
    db.session.commit()
    return sorted(held)
