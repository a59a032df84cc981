"""The signed-off versions of a consultation's summary: what the public page and the memo show.

A caseworker's review (hoering.casework.review) freezes one when it is signed off.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.accounts.models import User
from hoering.clock import utcnow
from hoering.extensions import db

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
    # Signed off while the consultation was still open: why, as the public page says it.
    interim_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Withdrawn: the public page says a new version is being prepared, and why.
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_name: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    withdrawal_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    signed_off_by: Mapped[User | None] = relationship(lazy="joined")
