"""An export made in the background: who asked for which file, how far it has come, and the file itself."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.accounts.models import User
from hoering.background import ACTIVE, DONE, QUEUED
from hoering.clock import utcnow
from hoering.extensions import db

XLSX = "xlsx"  # every comment, a row each (hoering.exports.writers)
MEMO = "memo"  # the høringsnotat draft as DOCX (hoering.exports.memo)
KINDS = (XLSX, MEMO)


class ExportJob(db.Model):
    # AUTOINCREMENT on SQLite: an id is never handed out again, so yesterday's download link cannot
    # lead to a newer file once the old export is deleted.
    __table_args__ = (sa.Index("ix_export_job_consultation", "consultation_id", "id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    # A file with citizens' e-mail addresses is only handed to those who may see them.
    with_email: Mapped[bool] = mapped_column(default=False)
    # A memo drafted with a place for each assessment the caseworker has not written yet.
    open_fields: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The requester's language (nb, nn, en): headings and labels in the file are written in it.
    language: Mapped[str] = mapped_column(sa.String(5), default="nb")
    status: Mapped[str] = mapped_column(sa.String(20), default=QUEUED)
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    size: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(sa.Text)

    requested_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_done(self) -> bool:
        return self.status == DONE


class ExportFilePart(db.Model):
    """A part of an export's file. The bytes live in the database, so every web process and worker, on
    every machine, reads the file a worker made; in parts of at most hoering.exports.files.PART_SIZE, so
    a file of tens of MB is written and read a part at a time, never held in memory whole."""
    job_id: Mapped[int] = mapped_column(sa.ForeignKey("export_job.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)  # 0, 1, 2 … in the file's order
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
