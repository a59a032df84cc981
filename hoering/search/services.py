"""Searching consultations, comments and formal responses: what citizens may find, and what staff may.

Citizens find consultations the public may see, and published comments in them: citizens' comments
and the municipality's answers (``Comment.official``, public in the threads as well). Never a held,
hidden or withdrawn comment, nor anything of a consultation still in draft; never an e-mail address
(no result carries one). Staff (moderators and caseworkers) find every comment whatever its status,
and every formal response, held and hidden ones too.

Best first, paged. Counting every match of a common word over 100,000 comments is what would make a
search slow, so matches are counted up to MAX_COUNTED; beyond that the page says "more than".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from markupsafe import Markup

from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import DRAFT, Consultation
from hoering.extensions import db
from hoering.responses.models import FormalResponse
from hoering.search import backends
from hoering.search.highlight import highlighted
from hoering.search.query import SearchQuery, parse

PER_PAGE = 20
MAX_COUNTED = 1000
CONSULTATION_HITS = 10  # the best consultations, above the comments on the first page
RESPONSE_HITS = 20  # the best formal responses, on the staff page's first page
# SQLite's bm25: a word in the first column (a title, a body's name) counts ten times one in the text.
FIRST_COLUMN_WEIGHTS = (10.0, 1.0)


@dataclass(frozen=True)
class ConsultationHit:
    consultation: Consultation
    title: Markup
    snippet: Markup


@dataclass(frozen=True)
class CommentHit:
    id: int
    consultation: Consultation
    author_name: str
    organisation: str
    official: bool
    status: str
    created_at: datetime
    snippet: Markup


@dataclass(frozen=True)
class ResponseHit:
    id: int
    consultation: Consultation
    name: Markup
    status: str
    no_comments: bool
    submitted_at: datetime
    snippet: Markup


@dataclass(frozen=True)
class Page:
    hits: list
    number: int
    pages: int
    total: int  # at most MAX_COUNTED
    more: bool  # more matches than MAX_COUNTED

    @property
    def first(self) -> int:
        return (self.number - 1) * PER_PAGE + 1


@dataclass(frozen=True)
class Results:
    query: SearchQuery
    consultation: Consultation | None
    comments: Page
    consultations: list[ConsultationHit]
    responses: list[ResponseHit]


EMPTY_PAGE = Page([], 1, 1, 0, False)


def search_public(q: str | None, consultation: Consultation | None = None, page: int = 1) -> Results:
    """What citizens find for ``q``: consultations (unless searching within ``consultation``) and published
    comments, best first; ``page`` pages the comments."""
    query = parse(q)
    if not query:
        return Results(query, consultation, EMPTY_PAGE, [], [])
    public = (Comment.status == PUBLISHED) & (Consultation.phase != DRAFT)
    comments = _comment_page(query, public, consultation, page)
    consultations = [] if consultation is not None or comments.number > 1 else _consultations(query)
    return Results(query, consultation, comments, consultations, [])


def search_staff(q: str | None, consultation: Consultation | None = None, page: int = 1) -> Results:
    """What moderators and caseworkers find for ``q``: comments of any status, paged, and formal
    responses of any status (the best RESPONSE_HITS, on the first page)."""
    query = parse(q)
    if not query:
        return Results(query, consultation, EMPTY_PAGE, [], [])
    comments = _comment_page(query, sa.true(), consultation, page)
    responses = _responses(query, consultation) if comments.number == 1 else []
    return Results(query, consultation, comments, [], responses)


def published_comments_after(consultation: Consultation, after: int, limit: int, q: str | None) -> list[Comment]:
    """The open-data feed filtered by ``q``: published comments with an id above ``after`` that ``q``
    finds, oldest first (hoering.comments.services.comments_after, searched)."""
    query = parse(q)
    if not query:
        return []
    return list(db.session.scalars(
        sa.select(Comment)
        .where(Comment.consultation_id == consultation.id, Comment.status == PUBLISHED, Comment.id > after,
               backends.condition(Comment, query))
        .order_by(Comment.id)
        .limit(limit)
    ))


def _comment_page(query: SearchQuery, allowed, consultation: Consultation | None, page: int) -> Page:
    if consultation is not None:
        allowed = allowed & (Comment.consultation_id == consultation.id)
    counted = (sa.select(Comment.id).join(Consultation, Consultation.id == Comment.consultation_id)
               .where(allowed, backends.condition(Comment, query)).limit(MAX_COUNTED + 1))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(counted.subquery()))
    ranked = backends.ranked(Comment, query)
    matching = ranked.select.join(Consultation, Consultation.id == Comment.consultation_id).where(allowed)
    pages = max(1, math.ceil(min(total, MAX_COUNTED) / PER_PAGE))
    number = min(max(page, 1), pages)
    ids = list(db.session.scalars(
        matching.order_by(ranked.rank, Comment.id.desc()).limit(PER_PAGE).offset((number - 1) * PER_PAGE)))
    rows = {comment.id: (comment, found_in) for comment, found_in in db.session.execute(
        sa.select(Comment, Consultation).join(Consultation, Consultation.id == Comment.consultation_id)
        .where(Comment.id.in_(ids)))}
    hits = [_comment_hit(*rows[id_], query) for id_ in ids]
    return Page(hits, number, pages, min(total, MAX_COUNTED), total > MAX_COUNTED)


def _comment_hit(comment: Comment, consultation: Consultation, query: SearchQuery) -> CommentHit:
    return CommentHit(
        id=comment.id, consultation=consultation, author_name=comment.author_name,
        organisation=comment.organisation or "", official=comment.official, status=comment.status,
        created_at=comment.created_at, snippet=highlighted(comment.text, query))


def _consultations(query: SearchQuery) -> list[ConsultationHit]:
    ranked = backends.ranked(Consultation, query, FIRST_COLUMN_WEIGHTS)
    ids = list(db.session.scalars(
        ranked.select.where(Consultation.phase != DRAFT).order_by(ranked.rank, Consultation.id.desc())
        .limit(CONSULTATION_HITS)))
    found = {c.id: c for c in db.session.scalars(sa.select(Consultation).where(Consultation.id.in_(ids)))}
    return [ConsultationHit(found[id_], highlighted(found[id_].title, query, None),
                            highlighted(found[id_].summary, query)) for id_ in ids]


def _responses(query: SearchQuery, consultation: Consultation | None) -> list[ResponseHit]:
    ranked = backends.ranked(FormalResponse, query, FIRST_COLUMN_WEIGHTS)
    matching = ranked.select
    if consultation is not None:
        matching = matching.where(FormalResponse.consultation_id == consultation.id)
    ids = list(db.session.scalars(
        matching.order_by(ranked.rank, FormalResponse.id.desc()).limit(RESPONSE_HITS)))
    rows = {response.id: (response, found_in) for response, found_in in db.session.execute(
        sa.select(FormalResponse, Consultation).join(Consultation, Consultation.id == FormalResponse.consultation_id)
        .where(FormalResponse.id.in_(ids)))}
    return [_response_hit(*rows[id_], query) for id_ in ids]


def _response_hit(response: FormalResponse, consultation: Consultation, query: SearchQuery) -> ResponseHit:
    return ResponseHit(
        id=response.id, consultation=consultation, name=highlighted(response.body_name, query, None),
        status=response.status, no_comments=response.no_comments, submitted_at=response.submitted_at,
        snippet=highlighted(response.text, query))
