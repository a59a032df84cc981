"""Where each invited body of a consultation stands: picked, invited, how sending its last letter
went, its deadline, its answer; and the figures by category, for the planner's tracking page."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.mail.models import FAILED, QUEUED, SENT
from hoering.responses.invitations import deadline_of
from hoering.responses.models import CATEGORY_LABELS, InvitedBody, Mailing
from hoering.responses.services import alphabetical

NOT_SENT = "not_sent"


@dataclass(frozen=True)
class InvitedState:
    invited: InvitedBody
    sending: str  # NOT_SENT, or the last letter's e-mail status: QUEUED, SENT, FAILED
    last: Mailing | None
    deadline: datetime

    @property
    def error(self) -> str | None:
        return self.last.message.error if self.last is not None and self.sending == FAILED else None


@dataclass
class Figures:
    """How many bodies of a category (or of all) are picked, invited, and where their letters stand."""

    key: str
    label: str
    picked: int = 0
    invited: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    answered: int = 0  # with comments
    no_comments: int = 0
    late: int = 0  # answered after the deadline (either way)
    not_answered: int = 0  # invited, no answer yet

    def count(self, state: InvitedState) -> None:
        response = state.invited.response
        self.picked += 1
        self.invited += state.invited.invited_at is not None
        self.queued += state.sending == QUEUED
        self.sent += state.sending == SENT
        self.failed += state.sending == FAILED
        self.answered += response is not None and not response.no_comments
        self.no_comments += response is not None and response.no_comments
        self.late += response is not None and response.late
        self.not_answered += state.invited.invited_at is not None and response is None


@dataclass
class Tracking:
    states: list[InvitedState] = field(default_factory=list)
    categories: list[Figures] = field(default_factory=list)
    total: Figures = field(default_factory=lambda: Figures("", ""))

    @property
    def not_sent(self) -> int:
        return self.total.picked - self.total.invited


def tracking(consultation: Consultation) -> Tracking:
    """Every picked body's state, in the register's order (category, then name), and the figures."""
    rows = db.session.scalars(
        sa.select(InvitedBody).where(InvitedBody.consultation_id == consultation.id)
        .options(selectinload(InvitedBody.mailings), selectinload(InvitedBody.response))
    ).unique()
    states = sorted((_state(consultation, invited) for invited in rows), key=_order)
    result = Tracking(states=states)
    by_key = {key: Figures(key, str(label)) for key, label in CATEGORY_LABELS.items()}
    for state in states:
        category = state.invited.body.category
        by_key.setdefault(category, Figures(category, category)).count(state)
        result.total.count(state)
    result.categories = [figures for figures in by_key.values() if figures.picked]
    return result


def _state(consultation: Consultation, invited: InvitedBody) -> InvitedState:
    last = invited.mailings[-1] if invited.mailings else None
    sending = last.message.status if last is not None else NOT_SENT
    return InvitedState(invited, sending, last, deadline_of(consultation, invited))


_CATEGORY_ORDER = {key: index for index, key in enumerate(CATEGORY_LABELS)}


def _order(state: InvitedState) -> tuple:
    body = state.invited.body
    return _CATEGORY_ORDER.get(body.category, len(_CATEGORY_ORDER)), alphabetical(body)
