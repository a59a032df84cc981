"""Formal responses that arrive outside hoering (a letter, an e-mail to the post box, a meeting),
registered by staff so that nothing of the old process is left outside: the channel, the date
received (lateness is judged by it, not by the day of registering), the scan or file, and a
transcript. They then go through the same guard, moderation, public list and archive as any other
response, marked with how they came.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _

from hoering.clock import utcnow
from hoering.consultations.models import Consultation
from hoering.consultations.services import as_utc
from hoering.database import begin_write
from hoering.responses import answers
from hoering.responses.attaching import Upload
from hoering.responses.invitations import deadline_of, get_invited
from hoering.responses.models import REGISTERED_CHANNELS, FormalResponse, InvitedBody
from hoering.responses.publication import public_list

FROM_INVITED = "invitert"


@dataclass(frozen=True)
class RegisteredInput:
    """What staff type in: how and when it came, and from whom: an invited body (``invited_id``, when
    ``answering_as`` is FROM_INVITED), or an organisation or a person as on the open form."""

    who: answers.OpenInput
    channel: str
    received_at: datetime | None
    invited_id: int | None = None


def invited_without_response(consultation: Consultation) -> list[InvitedBody]:
    """The invited bodies that have not answered: the ones a letter may be registered for."""
    return public_list(consultation).not_answered


def register(consultation: Consultation, entry: RegisteredInput, uploads: list[Upload], actor) -> FormalResponse:
    """Save a response received outside hoering; commits, logs it as the actor's, and sends a receipt
    when an e-mail address is given. ResponseRejected (or AttachmentsRejected) with nothing saved."""
    if entry.channel not in REGISTERED_CHANNELS:
        raise answers.ResponseRejected("channel", _("Velg hvordan svaret kom inn."))
    received_at = _checked_moment(entry.received_at)
    invited = _invited(consultation, entry)
    if invited is not None:
        body = invited.body
        submitter = answers.Submitter(body.name, body.organisation_number, body.category, entry.channel, invited.id)
    else:
        submitter = answers.checked_submitter(entry.who, channel=entry.channel)
    prepared = answers.prepare(entry.who.response, uploads, set(), email_required=False)
    begin_write()
    late = received_at >= deadline_of(consultation, invited)
    return answers.save(consultation, None, submitter, prepared, late, received_at=received_at, actor=actor)


def _checked_moment(moment: datetime | None) -> datetime:
    if moment is None:
        raise answers.ResponseRejected("received_on", _("Skriv datoen svaret kom inn."))
    moment = as_utc(moment)
    if moment > utcnow():
        raise answers.ResponseRejected("received_on", _("Datoen svaret kom inn kan ikke være fram i tid."))
    return moment


def _invited(consultation: Consultation, entry: RegisteredInput) -> InvitedBody | None:
    if entry.who.answering_as != FROM_INVITED:
        return None
    if entry.invited_id is None:
        raise answers.ResponseRejected("invited_id", _("Velg instansen svaret kom fra."))
    invited = get_invited(consultation, entry.invited_id)
    if invited.response is not None:
        raise answers.ResponseRejected("invited_id", _("%(name)s har allerede svart (referanse %(reference)s).",
                                                       name=invited.body.name, reference=invited.response.reference))
    return invited
