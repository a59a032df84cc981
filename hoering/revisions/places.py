"""Where comments sit in the current version of a draft, and which version each was written on, for
the open data. A comment's anchor is where it sits now (revisions.services keeps it so); an anchor the
current version does not have belongs to a paragraph a revision removed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import sqlalchemy as sa

from hoering.comments.models import Comment
from hoering.consultations.models import Consultation, DraftVersion, Unit
from hoering.extensions import db


@dataclass(frozen=True)
class Place:
    unit: str | None  # the anchor in the current version; None: the whole document, or removed
    removed_unit: dict | None  # {"version", "anchor", "number"}: the last version that had its paragraph
    version: int | None  # the version the comment was written on


def comment_places(consultation: Consultation, comments: Iterable[Comment]) -> dict[int, Place]:
    """The place of each comment, by id, with three queries for any number of comments."""
    comments = list(comments)
    current = set(db.session.scalars(sa.select(Unit.anchor).where(Unit.version_id == consultation.current_version_id)))
    written_on = _version_numbers({c.unit_id for c in comments if c.unit_id is not None})
    removed = _last_seen(consultation, {c.anchor for c in comments if c.anchor and c.anchor not in current})
    return {
        c.id: Place(c.anchor if c.anchor in current else None, removed.get(c.anchor) if c.anchor else None,
                    written_on.get(c.unit_id))
        for c in comments
    }


def _version_numbers(unit_ids: set[int]) -> dict[int, int]:
    if not unit_ids:
        return {}
    return dict(db.session.execute(
        sa.select(Unit.id, DraftVersion.number).join(DraftVersion, Unit.version_id == DraftVersion.id)
        .where(Unit.id.in_(unit_ids))).all())


def _last_seen(consultation: Consultation, anchors: set[str]) -> dict[str, dict]:
    """For anchors no longer in the draft: the last version that had them, with the unit's number."""
    if not anchors:
        return {}
    rows = db.session.execute(
        sa.select(Unit.anchor, DraftVersion.number, Unit.number).join(DraftVersion, Unit.version_id == DraftVersion.id)
        .where(DraftVersion.consultation_id == consultation.id, Unit.anchor.in_(anchors))
        .order_by(DraftVersion.number))
    return {anchor: {"version": version, "anchor": anchor, "number": number} for anchor, version, number in rows}
