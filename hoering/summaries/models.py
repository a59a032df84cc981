"""A caseworker's corrections to the analysis, and the signed-off versions of the summary.

Corrections are kept as an ordered list of operations and replayed onto the newest analysis result
(hoering.summaries.corrections), so they survive a re-run. A theme is named in a correction by the
comment ids it held when the correction was made: themes are renumbered by every run, comments are not.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.accounts.models import User
from hoering.consultations.models import utcnow
from hoering.extensions import db

RENAME = "rename"
MERGE = "merge"
MOVE = "move"
NOT_CAMPAIGN = "not_campaign"
DROP_QUOTE = "drop_quote"
ADD_QUOTE = "add_quote"
ASSESS = "assess"
KINDS = (RENAME, MERGE, MOVE, NOT_CAMPAIGN, DROP_QUOTE, ADD_QUOTE, ASSESS)


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

    def as_operation(self) -> dict:
        """The plain form hoering.summaries.corrections replays."""
        return {"kind": self.kind, "target": self.target, "other": self.other,
                "comment_id": self.comment_id, "text": self.text}


class SummaryVersion(db.Model):
    """A signed-off summary, frozen: ``content`` is what the public page and the memo show."""

    __table_args__ = (sa.UniqueConstraint("consultation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    number: Mapped[int]
    signed_off_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    signed_off_by_name: Mapped[str] = mapped_column(sa.String(120), default="")
    signed_off_at: Mapped[datetime] = mapped_column(default=utcnow)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("analysis_run.id", ondelete="SET NULL"))
    content: Mapped[dict] = mapped_column(sa.JSON)

    signed_off_by: Mapped[User | None] = relationship(lazy="joined")
