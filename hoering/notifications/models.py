"""Who hears of what, by e-mail, with no account: one row per address and thing followed.

A subscription holds the address, the language the person used on the site (every e-mail to them is
written in it), what they follow, and a token of 256 random bits: the unsubscribe link's (and the
confirmation link's, where one is asked for). Unsubscribing deletes the row, and the address with it.

A follower of a consultation or of one unit hears of what happened in a time window of their own:
``covered_until`` is the end of the last window they were told of (at first the moment they
confirmed). A notice or digest covers ``(covered_until, end]`` and moves ``covered_until`` to ``end``
in the transaction that queues it, so a late or missed run of the command neither skips nor repeats.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

# What is followed: the answers to one comment (asked for on the comment form), a consultation, one
# unit of its draft (by its anchor), or a topic or an area (hoering.topics: new consultations in it).
ANSWERS = "answers"
CONSULTATION = "consultation"
UNIT = "unit"
TOPIC = "topic"
FOLLOWING = (CONSULTATION, UNIT, TOPIC)
# How often a follower hears: a notice soon after something happens, or one digest a day.
IMMEDIATE = "immediate"
DAILY = "daily"
FREQUENCIES = (IMMEDIATE, DAILY)


class Subscription(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(2))
    kind: Mapped[str] = mapped_column(sa.String(20))
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"),
                                                        index=True)
    anchor: Mapped[str | None] = mapped_column(sa.String(80))
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    frequency: Mapped[str] = mapped_column(sa.String(10), default=IMMEDIATE)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    confirmed_at: Mapped[datetime | None]
    covered_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
