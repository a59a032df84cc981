"""What the public sees of a consultation's summary: only a version a caseworker signed off
(hoering.casework.review makes them)."""
from __future__ import annotations

import sqlalchemy as sa

from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.summaries.models import SummaryVersion


def published_summary(consultation: Consultation) -> SummaryVersion | None:
    """The newest signed-off version, the only one the public may see."""
    return db.session.scalar(
        sa.select(SummaryVersion)
        .where(SummaryVersion.consultation_id == consultation.id)
        .order_by(SummaryVersion.number.desc())
    )
