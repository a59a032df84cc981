"""What happened to a followed consultation, or to one unit of its draft, in a time window: the words
of the comments and the municipality's answers published in it, a revised draft, formal responses,
the signed-off summary, the opening, and "three days left". Plain records for a notice or a digest.

A window is ``(start, end]``, open at the start: a follower's windows follow each other with no gap
and no overlap (models.py). A comment counts when it became public: when a moderator let it through
(``moderated_at``) or else when it was sent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import DRAFT, Consultation, DraftVersion
from hoering.extensions import db
from hoering.responses.models import PUBLISHED as RESPONSE_PUBLISHED, FormalResponse
from hoering.summaries.models import SummaryVersion

# A digest quotes this many comments in full; the rest it counts and links to.
QUOTED_COMMENTS = 30
# "Three days left": told once, in the window the moment three days before the deadline falls in.
DEADLINE_WARNING = timedelta(days=3)


@dataclass(frozen=True)
class NewComment:
    id: int
    anchor: str | None
    author_name: str
    organisation: str
    text: str
    official: bool
    answered_as: str | None
    replies_to: str | None  # the name of the comment's author a reply answers


@dataclass(frozen=True)
class News:
    comments: list[NewComment] = field(default_factory=list)  # the first QUOTED_COMMENTS, oldest first
    unquoted: int = 0  # how many more were published in the window
    revision: int | None = None  # the number of the newest draft version published in the window
    responses: int = 0  # formal responses made public (only for the whole consultation)
    summary: bool = False  # a summary was signed off
    opened: bool = False
    closing_soon: bool = False

    def __bool__(self) -> bool:
        return bool(self.comments or self.unquoted or self.revision or self.responses or self.summary
                    or self.opened or self.closing_soon)


@dataclass(frozen=True)
class Latest:
    """The last moment something happened to a consultation up to a run's end: to the whole of it, to
    each unit (its comments), and what a unit's follower hears of as well (a revision, the summary,
    the opening, the deadline near). A follower whose window starts after it has nothing to hear of,
    and costs a run no more: the run reads this once per consultation."""

    whole: datetime | None = None
    units: dict[str, datetime] = field(default_factory=dict)
    shared: datetime | None = None

    def after(self, anchor: str | None, moment: datetime) -> bool:
        latest = self.whole if anchor is None else _latest_of(self.units.get(anchor), self.shared)
        return latest is not None and latest > moment


def latest_news(consultation: Consultation, end: datetime) -> Latest:
    if consultation.phase == DRAFT:
        return Latest()
    moment = published_moment()
    units = dict(db.session.execute(
        sa.select(sa.func.coalesce(Comment.anchor, ""), sa.func.max(moment))
        .where(Comment.consultation_id == consultation.id, Comment.status == PUBLISHED, moment <= end)
        .group_by(Comment.anchor)).all())
    milestones = [consultation.opens_at, consultation.closes_at - DEADLINE_WARNING]
    shared = _latest_of(
        db.session.scalar(sa.select(sa.func.max(DraftVersion.created_at)).where(
            DraftVersion.consultation_id == consultation.id, DraftVersion.number > 1, DraftVersion.created_at <= end)),
        db.session.scalar(sa.select(sa.func.max(SummaryVersion.signed_off_at)).where(
            SummaryVersion.consultation_id == consultation.id, SummaryVersion.signed_off_at <= end)),
        *(milestone for milestone in milestones if milestone <= end))
    responses = db.session.scalar(sa.select(sa.func.max(FormalResponse.published_at)).where(
        FormalResponse.consultation_id == consultation.id, FormalResponse.published_at <= end))
    return Latest(whole=_latest_of(shared, responses, *units.values()), units=units, shared=shared)


def _latest_of(*moments: datetime | None) -> datetime | None:
    return max((moment for moment in moments if moment is not None), default=None)


def published_moment():
    """When a comment became public: its moderation, or its sending when none was needed."""
    return sa.func.coalesce(Comment.moderated_at, Comment.created_at)


def news_of(consultation: Consultation, anchor: str | None, start: datetime, end: datetime) -> News:
    """What happened in ``(start, end]`` to the consultation, or to its unit ``anchor``. Nothing
    while the consultation is a draft (taken back before it opened)."""
    if consultation.phase == DRAFT:
        return News()
    comments, unquoted = _comments(consultation.id, anchor, start, end)
    return News(
        comments=comments, unquoted=unquoted,
        revision=_revision(consultation.id, start, end),
        responses=0 if anchor else _responses(consultation.id, start, end),
        summary=_summary_signed_off(consultation.id, start, end),
        opened=start < consultation.opens_at <= end,
        closing_soon=start < consultation.closes_at - DEADLINE_WARNING <= end < consultation.closes_at,
    )


def _comments(consultation_id: int, anchor: str | None, start: datetime, end: datetime) -> tuple[list[NewComment], int]:
    moment = published_moment()
    where = [Comment.consultation_id == consultation_id, Comment.status == PUBLISHED, moment > start, moment <= end]
    if anchor is not None:
        where.append(Comment.anchor == anchor)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(*where))
    if not total:
        return [], 0
    parent = sa.orm.aliased(Comment)
    rows = db.session.execute(
        sa.select(Comment.id, Comment.anchor, Comment.author_name, Comment.organisation, Comment.text,
                  Comment.official, Comment.answered_as, parent.author_name.label("replies_to"))
        .outerjoin(parent, parent.id == Comment.parent_id)
        .where(*where).order_by(moment, Comment.id).limit(QUOTED_COMMENTS))
    comments = [NewComment(row.id, row.anchor, row.author_name, row.organisation or "", row.text, row.official,
                           row.answered_as, row.replies_to) for row in rows]
    return comments, total - len(comments)


def _revision(consultation_id: int, start: datetime, end: datetime) -> int | None:
    """The newest revised version (never the first) published in the window."""
    return db.session.scalar(sa.select(sa.func.max(DraftVersion.number)).where(
        DraftVersion.consultation_id == consultation_id, DraftVersion.number > 1,
        DraftVersion.created_at > start, DraftVersion.created_at <= end))


def _responses(consultation_id: int, start: datetime, end: datetime) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(FormalResponse).where(
        FormalResponse.consultation_id == consultation_id, FormalResponse.status == RESPONSE_PUBLISHED,
        FormalResponse.published_at > start, FormalResponse.published_at <= end))


def _summary_signed_off(consultation_id: int, start: datetime, end: datetime) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SummaryVersion).where(
        SummaryVersion.consultation_id == consultation_id, SummaryVersion.withdrawn_at.is_(None),
        SummaryVersion.signed_off_at > start, SummaryVersion.signed_off_at <= end)) > 0
