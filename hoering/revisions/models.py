"""How each unit of a revised draft version came from the version before: the lineage that tells where
a comment written on an earlier version sits now."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db


class UnitMatch(db.Model):
    """One line of a revision's alignment: the unit ``previous_unit_id`` of the version before lives on
    as ``unit_id`` of ``version_id`` (None: it was removed), or ``unit_id`` is new (no previous unit).

    A split unit has one row per part (the part holding most of its text carries its anchor and its
    comments); a merged unit has one row per unit merged into it.
    """

    __table_args__ = (sa.Index("ix_unit_match_version", "version_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("draft_version.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    previous_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20))
    confidence: Mapped[float] = mapped_column(default=1.0)
    # Whether the comments of previous_unit_id went to unit_id (one part of a split does not take them).
    carries_comments: Mapped[bool] = mapped_column(default=True)
    # The planner changed the proposed match before publishing.
    corrected: Mapped[bool] = mapped_column(default=False)


class PendingRevision(db.Model):
    """A revised draft uploaded by a planner and not yet published: the preview is made from it, and
    the planner's corrections to the proposed matches are kept on it until publishing."""

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # The version it was lined up with: publishing is refused when another revision came first.
    base_version_id: Mapped[int] = mapped_column(sa.ForeignKey("draft_version.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(sa.Text)
    file_name: Mapped[str] = mapped_column(sa.String(255), default="")
    # {old unit's anchor: new unit's position, or None for "removed"}: the planner's corrections.
    corrections: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChangeExplanation(db.Model):
    """What the municipality changed in a unit and why (endringsbegrunnelse), written by the planner for
    a changed, new or removed unit of a published version, with the comments that led to it."""

    __table_args__ = (sa.Index("ix_change_explanation_version", "version_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("draft_version.id", ondelete="CASCADE"))
    # The unit of this version it explains; for a removed unit, None and previous_unit_id is set.
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"))
    previous_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    comment_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    written_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)
