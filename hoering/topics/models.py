"""Topics (skole, barnehage, vei og trafikk …) and areas (school districts, boroughs): the admin keeps
the lists, planners tag consultations with them, and residents find and follow what is close to them.

Topics and areas are one table with a kind: they behave alike, and only their names and addresses
differ (/emner/<slug>, /omrader/<slug>).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

TOPIC = "topic"
AREA = "area"
KINDS = (TOPIC, AREA)
KIND_LABELS = {TOPIC: _l("Emne"), AREA: _l("Område")}
MAX_NAME_LENGTH = 80

consultation_topic = sa.Table(
    "consultation_topic",
    db.metadata,
    sa.Column("consultation_id", sa.ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("topic_id", sa.ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Topic(db.Model):
    __table_args__ = (sa.UniqueConstraint("kind", "slug"), sa.UniqueConstraint("kind", "name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    name: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH))
    slug: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
