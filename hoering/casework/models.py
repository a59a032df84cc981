"""A run of the analysis over one consultation's comments, with its progress and its result."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.background import ACTIVE, QUEUED
from hoering.consultations.models import utcnow
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
    result: Mapped[dict | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE
