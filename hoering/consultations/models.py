"""Consultations, their draft versions and the units each version is split into.

A consultation has one or more draft versions; units belong to a version. Comments point at a
unit's *anchor*, which a revised version carries forward to the matching paragraph, so comments stay
with their paragraph across versions.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.clock import utcnow
from hoering.consultations.citations import Citable
from hoering.extensions import db

DRAFT = "draft"
PUBLISHED = "published"
PROCESSED = "processed"

MODERATION_POST = "post"  # comments appear at once; flags and the personal-data guard hold some back
MODERATION_PRE = "pre"  # every comment waits for a moderator
MODERATION_MODES = (MODERATION_POST, MODERATION_PRE)

STATUS_UPCOMING = "upcoming"
STATUS_OPEN = "open"
STATUS_CLOSED = "closed"


class Consultation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    organisation: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str] = mapped_column(sa.String(300), default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    # Which deadline rules apply (deadlines.KINDS): a state consultation, a plan, or another kind.
    kind: Mapped[str] = mapped_column(sa.String(10), default="other", server_default="other")
    # Why a state consultation has less than the normal three months; shown with the consultation.
    short_deadline_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # A formal response after the deadline: "refuse" it, or "accept" it marked late.
    late_responses: Mapped[str] = mapped_column(sa.String(10), default="accept", server_default="accept")
    phase: Mapped[str] = mapped_column(sa.String(20), default=PUBLISHED)
    moderation_mode: Mapped[str] = mapped_column(sa.String(10), default=MODERATION_POST, server_default=MODERATION_POST)
    # The draft's language (draft_language.DRAFT_LANGUAGES), marked on it whatever the interface's is.
    language: Mapped[str] = mapped_column(sa.String(5), default="nb", server_default="nb")
    # How its units are anchored (drafting.TEXT_ANCHORS or LABEL_ANCHORS), kept for every revised draft.
    anchor_rule: Mapped[int] = mapped_column(default=2, server_default="1")
    # Set by a caseworker: the summary cannot be signed off while a theme has no municipal assessment.
    assessments_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    current_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("draft_version.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    current_version: Mapped[DraftVersion | None] = relationship(foreign_keys=[current_version_id], post_update=True)

    def status_at(self, moment: datetime) -> str:
        """Where the consultation stands at ``moment``: the status follows the clock, no scheduler."""
        if self.phase == DRAFT:
            return DRAFT
        if self.phase == PROCESSED:
            return PROCESSED
        if moment < self.opens_at:
            return STATUS_UPCOMING
        if moment < self.closes_at:
            return STATUS_OPEN
        return STATUS_CLOSED

    @property
    def status(self) -> str:
        return self.status_at(utcnow())

    @property
    def is_open(self) -> bool:
        return self.status == STATUS_OPEN


class DraftVersion(db.Model):
    __table_args__ = (sa.UniqueConstraint("consultation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    source: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    units: Mapped[list[Unit]] = relationship(order_by="Unit.position", back_populates="version")


class Unit(Citable, db.Model):
    __table_args__ = (
        sa.UniqueConstraint("version_id", "anchor"),
        sa.UniqueConstraint("version_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("draft_version.id", ondelete="CASCADE"))
    position: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(40))
    anchor: Mapped[str] = mapped_column(sa.String(80))
    kind: Mapped[str] = mapped_column(sa.String(20))
    level: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str] = mapped_column(sa.Text)
    # The document's own name for the unit ("§ 12-3 andre ledd"), and the part of it shown beside the
    # unit ("andre ledd"); empty for units split before labels, which are cited by their number.
    label: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    marker: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")

    version: Mapped[DraftVersion] = relationship(back_populates="units")

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

