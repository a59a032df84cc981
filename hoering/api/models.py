"""When each open-data answer was first served as it reads now: its ``Last-Modified``."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db


class ServedVersion(db.Model):
    """One address of the open data (its hash) and the ``ETag`` of what it answers now.

    A change anywhere in what an answer is made of (a comment, an agreement, a revision, the clock
    that opens and closes consultations) changes its ETag; the moment the new ETag is first served
    is then the answer's Last-Modified. So If-Modified-Since is as exact as If-None-Match without
    the API having to know every table an answer reads.
    """

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    etag: Mapped[str] = mapped_column(sa.String(80))
    first_served_at: Mapped[datetime] = mapped_column(default=utcnow)
