"""A run of the analysis over one consultation's comments, with its progress and its result, and the
caseworker's corrections to it.

Corrections are kept as an ordered list of operations and replayed onto the newest analysis result
(hoering.casework.corrections), so they survive a re-run. A theme is named in a correction by the
comment ids it held when the correction was made: themes are renumbered by every run, comments are not.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.background import ACTIVE, QUEUED
from hoering.clock import utcnow
from hoering.extensions import db


class AnalysisRun(db.Model):
    __table_args__ = (sa.Index("ix_analysis_run_latest", "consultation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(20), default=QUEUED)
    stage: Mapped[str] = mapped_column(sa.String(40), default="")
    progress: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # What the run covered, so the page can tell when new comments have made it stale.
    comment_count: Mapped[int] = mapped_column(default=0)
    last_comment_id: Mapped[int] = mapped_column(default=0)
    # And the formal responses it read (hoering.responses.analysed.responses_read).
    responses_read: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    # The caseworker asked to find the themes afresh; otherwise the run continues the last result's.
    recluster: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Megabytes at 100,000 comments: read when used, not with every look at the run's state.
    result: Mapped[dict | None] = mapped_column(sa.JSON, deferred=True)
    error: Mapped[str | None] = mapped_column(sa.Text)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


RENAME = "rename"
MERGE = "merge"
MOVE = "move"
NOT_CAMPAIGN = "not_campaign"
DROP_QUOTE = "drop_quote"
ADD_QUOTE = "add_quote"
ASSESS = "assess"
# The caseworker has gone through the theme: true while it holds exactly the comments it held then.
REVIEWED = "reviewed"
NOT_REVIEWED = "not_reviewed"
KINDS = (RENAME, MERGE, MOVE, NOT_CAMPAIGN, DROP_QUOTE, ADD_QUOTE, ASSESS, REVIEWED, NOT_REVIEWED)
REVIEW_MARKS = (REVIEWED, NOT_REVIEWED)
# What a correction does on another theme too, so one that no longer fits can be placed on one.
PLACEABLE = (RENAME, ASSESS, MOVE, ADD_QUOTE)

# A correction is replayed while ACTIVE. One that no longer fit the analysis is PLACED when the
# caseworker put it on a theme (a new correction carries it on) or DISCARDED when they chose to drop
# it; one the caseworker took back right after making it is UNDONE. Either way the row, its text and
# the audit entry stay.
ACTIVE_CORRECTION = "active"
PLACED = "placed"
DISCARDED = "discarded"
UNDONE = "undone"


class Correction(db.Model):
    """One operation on the analysis result: what kind, on which theme (by its comments), with what."""

    __table_args__ = (sa.Index("ix_correction_consultation", "consultation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(sa.String(20))
    # The theme's comment ids when the correction was made (for a campaign: the campaign's members).
    target: Mapped[list] = mapped_column(sa.JSON, default=list)
    # The second theme of a merge (merged into ``target``).
    other: Mapped[list | None] = mapped_column(sa.JSON)
    comment_id: Mapped[int | None]
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # The theme's label when the correction was made, to name it when the theme is gone.
    theme_label: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = mapped_column(sa.String(20), default=ACTIVE_CORRECTION, server_default=ACTIVE_CORRECTION)
    # Corrections made by one action on several selected comments share a batch, and are undone together.
    batch: Mapped[str | None] = mapped_column(sa.String(32))

    def as_operation(self) -> dict:
        """The plain form hoering.casework.corrections replays."""
        return {"id": self.id, "kind": self.kind, "target": self.target, "other": self.other,
                "comment_id": self.comment_id, "text": self.text}
