"""An outgoing e-mail as the database keeps it: what was sent to whom, and how sending went.

The text is kept as sent, so staff can see what a body received and a failed message can be sent
again unchanged. ``error`` holds the mail server's own words when sending failed.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

QUEUED = "queued"
SENT = "sent"
FAILED = "failed"
STATUSES = (QUEUED, SENT, FAILED)

MAX_SUBJECT_LENGTH = 300


class MailMessage(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(MAX_SUBJECT_LENGTH))
    text: Mapped[str] = mapped_column(sa.Text)
    # What the message is for ("invitation", "reminder", "receipt"), for staff pages and the logs.
    purpose: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.Text)
    # Headers of its own beyond the usual ones (List-Unsubscribe for a notice), sent as they are.
    headers: Mapped[dict | None] = mapped_column(sa.JSON)
    # The Message-ID header it was sent with, to find it in the mail server's log.
    message_id: Mapped[str | None] = mapped_column(sa.String(250))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
