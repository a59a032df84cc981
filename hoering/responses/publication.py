"""What of a consultation's formal responses is public: the published responses, the invited bodies
that have not answered, how many were received and how many are published, and a moderator's
decision on a held or published response.

Held and hidden responses are never public (neither on the page nor in the API), but they count as
received: the public can see that more came in than is shown.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from flask_babel import lazy_gettext as _

from hoering.audit import services as audit
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.rejections import Missing, Rejected
from hoering.responses.models import HELD, HIDDEN, PUBLISHED, FormalResponse, InvitedBody, ResponseAttachment
from hoering.responses.services import alphabetical

MAX_DECISION_REASON = 500


class ResponseNotFound(Missing):
    pass


class DecisionRejected(Rejected):
    pass


@dataclass(frozen=True)
class ResponseList:
    published: list[FormalResponse]
    not_answered: list[InvitedBody]  # invited, and no response received
    received: int  # every response, held and hidden ones too

    @property
    def held_back(self) -> int:
        return self.received - len(self.published)


def public_list(consultation: Consultation) -> ResponseList:
    """The published responses, invited bodies first (in the register's order), then others by date."""
    responses = list(db.session.scalars(
        sa.select(FormalResponse).where(FormalResponse.consultation_id == consultation.id)
        .options(_attachments_listed()).order_by(FormalResponse.submitted_at, FormalResponse.id)))
    published = sorted((response for response in responses if response.status == PUBLISHED), key=_listed_order)
    answered = {response.invited_body_id for response in responses if response.invited_body_id is not None}
    invited = db.session.scalars(sa.select(InvitedBody).where(
        InvitedBody.consultation_id == consultation.id, InvitedBody.invited_at.is_not(None)))
    not_answered = sorted((row for row in invited if row.id not in answered), key=lambda row: alphabetical(row.body))
    return ResponseList(published, not_answered, len(responses))


def _attachments_listed():
    """The responses' current attachments in one more query, without their extracted text (up to two
    million characters each, which a list never shows)."""
    return selectinload(FormalResponse.attachments).defer(ResponseAttachment.text)


def _listed_order(response: FormalResponse) -> tuple:
    return response.invited_body_id is None, response.body_name.casefold(), response.id


def all_responses(consultation: Consultation) -> list[FormalResponse]:
    """Every response of the consultation, held ones first, for the staff's list."""
    responses = db.session.scalars(sa.select(FormalResponse).where(FormalResponse.consultation_id == consultation.id)
                                   .options(_attachments_listed(), selectinload(FormalResponse.versions))
                                   .order_by(FormalResponse.id))
    return sorted(responses, key=lambda response: (response.status != HELD, response.body_name.casefold()))


def get_response(consultation: Consultation, response_id: int) -> FormalResponse:
    response = db.session.get(FormalResponse, response_id)
    if response is None or response.consultation_id != consultation.id:
        raise ResponseNotFound(response_id)
    return response


def get_published(consultation: Consultation, response_id: int) -> FormalResponse:
    """A published response of the consultation; ResponseNotFound for a held, hidden or unknown one."""
    response = get_response(consultation, response_id)
    if response.status != PUBLISHED:
        raise ResponseNotFound(response_id)
    return response


def publish(response: FormalResponse, actor) -> None:
    """Publish a held or hidden response, as it stands; logged."""
    _decide(response, actor, PUBLISHED, "response.publish", "")


def hide(response: FormalResponse, actor, reason: str) -> None:
    """Take a response off the public list, with the reason (the archive and staff keep it); logged."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DecisionRejected("reason", _("Skriv hvorfor svaret skjules."))
    if len(reason) > MAX_DECISION_REASON:
        raise DecisionRejected("reason", _("Begrunnelsen er for lang (høyst %(max)d tegn).", max=MAX_DECISION_REASON))
    _decide(response, actor, HIDDEN, "response.hide", reason)


def _decide(response: FormalResponse, actor, status: str, action: str, reason: str) -> None:
    begin_write()
    before = {"status": response.status, "held_reason": response.held_reason}
    response.status, response.held_reason = status, None
    audit.record(actor, action, "formal_response", response.id, before=before,
                 after={"status": status, "reason": reason or None})
    db.session.commit()
