"""What the Atom feeds hold: the consultations that have opened, newest first, and a consultation's
published comments and the municipality's answers, newest first. Plain records; the view writes them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import DRAFT, Consultation
from hoering.extensions import db
from hoering.topics.models import consultation_topic

ENTRIES = 50  # a feed reader polls: the newest fifty is what it needs


def opened_consultations(limit: int = ENTRIES, topic_id: int | None = None) -> list[Consultation]:
    """Consultations that have opened (not drafts, not upcoming), the latest opening first; with
    ``topic_id``, those tagged with that topic or area."""
    query = sa.select(Consultation).where(Consultation.phase != DRAFT, Consultation.opens_at <= utcnow())
    if topic_id is not None:
        query = query.join(consultation_topic, consultation_topic.c.consultation_id == Consultation.id).where(
            consultation_topic.c.topic_id == topic_id)
    return list(db.session.scalars(query.order_by(Consultation.opens_at.desc(), Consultation.id.desc()).limit(limit)))


@dataclass(frozen=True)
class CommentEntry:
    id: int
    anchor: str | None
    author_name: str
    organisation: str
    official: bool
    html: str
    created_at: datetime


def newest_comments(consultation: Consultation, limit: int = ENTRIES) -> list[CommentEntry]:
    """The consultation's published comments and answers, newest first (never an e-mail address)."""
    rows = db.session.execute(
        sa.select(Comment.id, Comment.anchor, Comment.author_name, Comment.organisation, Comment.official,
                  Comment.html, Comment.created_at)
        .where(Comment.consultation_id == consultation.id, Comment.status == PUBLISHED)
        .order_by(Comment.id.desc()).limit(limit))
    return [CommentEntry(row.id, row.anchor, row.author_name, row.organisation or "", row.official, row.html,
                         row.created_at) for row in rows]
