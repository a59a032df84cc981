"""Formal responses as the analysis reads them, beside the comments.

A published response with something to say (its text, its attachments' text) takes part in the
analysis as one more contribution: in themes, campaigns, summaries and quotes. It speaks for the
body, under the body's name, so it counts as an organisation's; a private person's response through
the open form counts as an individual's. A response has no paragraph of the draft: it is about the
whole document, and it states no stance.

**The ids.** The analysis, the caseworker's corrections and the summaries name what they are about by
an integer id, the comment's. A response enters under the *negative* of its own id (response 12 is
-12), so comments and responses share one id space without clashing, and everything that stores or
posts such an id (corrections, review forms, signed-off summaries) takes either. Only this module
knows the rule: the rest asks ``source_of``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

import sqlalchemy as sa

from hoering.analysis import CommentIn
from hoering.extensions import db
from hoering.responses.models import PRIVATE_PERSON, PUBLISHED, FormalResponse, ResponseAttachment

# A very long attachment (a report of hundreds of pages) adds little to the themes beyond this many
# characters of text, and would make every run slower.
ANALYSED_TEXT_MAX = 200_000
COMMENT = "comment"
RESPONSE = "response"


class Source(NamedTuple):
    """What an analysis id stands for: a comment or a formal response, and that row's own id."""

    kind: str
    number: int

    @property
    def is_response(self) -> bool:
        return self.kind == RESPONSE


def source_of(analysis_id: int) -> Source:
    return Source(RESPONSE, -analysis_id) if analysis_id < 0 else Source(COMMENT, analysis_id)


def analysis_id(response_id: int) -> int:
    return -response_id


def response_ids(analysis_ids: Iterable) -> list[int]:
    """The responses' own ids among analysis ids (which may hold comments' too)."""
    return sorted({-i for i in analysis_ids if isinstance(i, int) and not isinstance(i, bool) and i < 0})


@dataclass(frozen=True)
class AnalysedResponse:
    """A published response as the analysis and the review see it, with the attributes a comment
    shows on the review pages (``id`` is the analysis id)."""

    id: int
    response_id: int
    text: str
    author_name: str  # the name as published ("Privatperson" for a person who asked not to be named)
    organisation: str  # the body's name; "" for a private person
    real_name: str
    status: str
    stance: str = ""
    anchor: None = None


def analysed_responses(consultation_id: int, ids: Iterable | None = None,
                       published_only: bool = True) -> list[AnalysedResponse]:
    """The consultation's responses that have something to analyse (all, or those among the analysis
    ``ids``), in id order, with their attachments' text; two queries."""
    query = sa.select(FormalResponse).where(FormalResponse.consultation_id == consultation_id)
    if published_only:
        query = query.where(FormalResponse.status == PUBLISHED)
    if ids is not None:
        wanted = response_ids(ids)
        if not wanted:
            return []
        query = query.where(FormalResponse.id.in_(wanted))
    responses = list(db.session.scalars(query.order_by(FormalResponse.id)))
    texts = _attachment_texts([response.id for response in responses])
    analysed = [_analysed(response, texts.get(response.id, [])) for response in responses]
    return [response for response in analysed if response.text]


def _attachment_texts(ids: list[int]) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = {}
    if not ids:
        return texts
    rows = db.session.execute(
        sa.select(ResponseAttachment.response_id, ResponseAttachment.text)
        .where(ResponseAttachment.response_id.in_(ids), ResponseAttachment.removed_version_id.is_(None))
        .order_by(ResponseAttachment.id))
    for response_id, text in rows:
        if text and text.strip():
            texts.setdefault(response_id, []).append(text.strip())
    return texts


def _analysed(response: FormalResponse, attachment_texts: list[str]) -> AnalysedResponse:
    parts = [] if response.no_comments else [part for part in [response.text.strip(), *attachment_texts] if part]
    person = response.category == PRIVATE_PERSON
    return AnalysedResponse(
        id=analysis_id(response.id), response_id=response.id, text="\n\n".join(parts)[:ANALYSED_TEXT_MAX],
        author_name=response.public_name, organisation="" if person else response.body_name,
        real_name=response.body_name, status=response.status)


def analysed_count(consultation_id: int) -> int:
    """How many published responses the analysis reads: those with text, or an attachment's."""
    with_text = sa.exists().where(ResponseAttachment.response_id == FormalResponse.id,
                                  ResponseAttachment.removed_version_id.is_(None), ResponseAttachment.text != "")
    return db.session.scalar(sa.select(sa.func.count()).where(
        *_published_with_something(consultation_id), sa.or_(FormalResponse.text != "", with_text)))


def published_response_count(consultation_id: int, ids: Iterable) -> int:
    """How many of the responses among analysis ``ids`` are published now."""
    wanted = response_ids(ids)
    if not wanted:
        return 0
    return db.session.scalar(sa.select(sa.func.count()).where(
        *_published_with_something(consultation_id), FormalResponse.id.in_(wanted)))


def _published_with_something(consultation_id: int) -> tuple:
    return (FormalResponse.consultation_id == consultation_id, FormalResponse.status == PUBLISHED,
            FormalResponse.no_comments.is_(False))


def response_inputs(consultation_id: int) -> list[CommentIn]:
    """The published responses as the analysis library takes them."""
    return [CommentIn(id=response.id, text=response.text, name=response.real_name, organisation=response.organisation)
            for response in analysed_responses(consultation_id)]


def responses_read(consultation_id: int) -> str:
    """A fingerprint of the published responses (how many, which, when last changed): an analysis is
    stale when it differs from the one taken when it read them. "" when there are none, as runs from
    before responses were analysed recorded."""
    count, id_sum, changed = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(FormalResponse.id), 0),
                  sa.func.max(FormalResponse.updated_at))
        .where(FormalResponse.consultation_id == consultation_id, FormalResponse.status == PUBLISHED)
    ).one()
    return f"{count}:{id_sum}:{changed.isoformat()}" if count else ""
