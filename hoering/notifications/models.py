"""Who hears of what, by e-mail, with no account: one row per address and thing followed.

A subscription holds the address, the language the person used on the site (every e-mail to them is
written in it), what they follow, and a token of 256 random bits: the unsubscribe link's (and the
confirmation link's, where one is asked for). Unsubscribing deletes the row, and the address with it.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

# What is followed: the answers to one comment (asked for on the comment form).
ANSWERS = "answers"
IMMEDIATE = "immediate"


class Subscription(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(2))
    kind: Mapped[str] = mapped_column(sa.String(20))
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    frequency: Mapped[str] = mapped_column(sa.String(10), default=IMMEDIATE)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
