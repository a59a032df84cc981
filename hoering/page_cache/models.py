"""The site's page generation: one number that moves with every committed change a public page may show."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

SITE = 1  # moved by every change
CONTENT = 2  # moved by every change but to comments themselves, which cached pages show only as counts


class PageGeneration(db.Model):
    """A number cached public pages are kept under (hoering.page_cache.pages), moved by
    hoering.page_cache.generation in the transaction of every change it counts, and when it last
    moved. Two rows: SITE and CONTENT."""

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
