"""The planner's start page: their consultations, each with where it stands and the next thing to do."""
from __future__ import annotations

from dataclasses import dataclass

from hoering.comments.models import PENDING
from hoering.comments.services import counts_by_consultation
from hoering.consultations.models import (
    DRAFT,
    PROCESSED,
    STATUS_CLOSED,
    STATUS_OPEN,
    STATUS_UPCOMING,
    Consultation,
)
from hoering.consultations.planning import consultations_for
from hoering.summaries.services import published_summary

# The next step, by the consultation's status and what has been done: the start page says it in words.
PUBLISH, WAIT_FOR_OPENING, MODERATE, TAKE_COMMENTS, SUMMARISE, MARK_PROCESSED, DONE = (
    "publish", "wait_for_opening", "moderate", "take_comments", "summarise", "mark_processed", "done")


@dataclass(frozen=True)
class Work:
    consultation: Consultation
    status: str
    comments: int
    waiting: int  # comments waiting for a moderator
    next_step: str


def worklist(user) -> list[Work]:
    """The consultations ``user`` manages, latest deadline first, with their next step."""
    consultations = consultations_for(user)
    ids = [consultation.id for consultation in consultations]
    published, pending = counts_by_consultation(ids), counts_by_consultation(ids, PENDING)
    return [Work(c, c.status, published.get(c.id, 0), pending.get(c.id, 0), next_step(c, pending.get(c.id, 0)))
            for c in consultations]


def next_step(consultation: Consultation, waiting: int) -> str:
    status = consultation.status
    if status == DRAFT:
        return PUBLISH
    if status == STATUS_UPCOMING:
        return WAIT_FOR_OPENING
    if waiting:
        return MODERATE
    if status == STATUS_OPEN:
        return TAKE_COMMENTS
    if status == STATUS_CLOSED:
        summary = published_summary(consultation)
        return MARK_PROCESSED if summary is not None and not summary.is_withdrawn else SUMMARISE
    return DONE if status == PROCESSED else TAKE_COMMENTS
