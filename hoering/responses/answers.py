"""Formal responses (høringssvar): a body answers through its personal link, with a text or "no
comments" and attachments, may change its answer until the deadline (every version is kept), and
gets a receipt. Anyone else answers once through the open form, as an organisation or a person.

An answer is public at once, unless the personal-data guard holds it for a moderator (or, from the
open form, the consultation is pre-moderated). After the deadline an answer is refused, or accepted
and marked late, as the planner chose for the consultation (``Consultation.late_responses``). The receipt holds everything the body needs to file
its own answer: the reference, the time received and the whole text.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale, format_decimal
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError

from hoering import markup
from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.consultations.deadlines import REFUSE_LATE
from hoering.consultations.models import MODERATION_PRE, PROCESSED, STATUS_CLOSED, STATUS_OPEN, Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.mail import sending
from hoering.markup import clean_text
from hoering.moderation.personal_data import has_personal_data
from hoering.presentation import date_and_time
from hoering.rejections import Rejected
from hoering.responses import attaching, organisation_numbers
from hoering.responses.attaching import Upload
from hoering.responses.invitations import InvitationNotFound, deadline_of, find_by_token
from hoering.responses.models import (
    CATEGORIES,
    CHANNEL_FORM,
    CHANNEL_LINK,
    HELD,
    HELD_PERSONAL_DATA,
    HELD_PREMODERATION,
    HIDDEN,
    MAX_CONTACT_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    MAX_RESPONSE_LENGTH,
    PRIVATE_PERSON,
    PUBLISHED,
    FormalResponse,
    InvitedBody,
    ResponseVersion,
)

RECEIPT = "receipt"


class ResponseRejected(Rejected):
    """An answer that cannot be taken; ``field`` names the part to fix. Nothing is saved."""


@dataclass(frozen=True)
class ResponseInput:
    contact_name: str
    contact_email: str
    text: str
    no_comments: bool


AS_ORGANISATION = "organisasjon"
AS_PERSON = "privatperson"


@dataclass(frozen=True)
class OpenInput:
    """A response through the open form: who answers (an organisation, or a private person who
    chooses whether the name is published), and the response itself."""

    response: ResponseInput
    answering_as: str
    organisation_name: str = ""
    organisation_number: str = ""
    category: str = ""
    publish_name: bool = True


def closed_to(consultation: Consultation, invited: InvitedBody | None) -> bool:
    """Whether answers are no longer taken: the consultation is processed, or its deadline (the body's
    own, if it has one) has passed and the planner refuses late answers."""
    if consultation.phase == PROCESSED:
        return True
    return consultation.late_responses == REFUSE_LATE and utcnow() >= deadline_of(consultation, invited)


def takes_open_responses(consultation: Consultation) -> bool:
    """Whether the open form takes responses: while the consultation is open, and after its deadline
    when the planner accepts late responses (until it is processed)."""
    return consultation.status in (STATUS_OPEN, STATUS_CLOSED) and not closed_to(consultation, None)


def invitation_for_link(consultation: Consultation, token: str) -> InvitedBody:
    """The invited body a personal link names, while it may still answer with it: a guessed link,
    or one that has expired (the deadline passed and late answers are refused), is not found."""
    invited = find_by_token(consultation, token)
    if closed_to(consultation, invited):
        raise InvitationNotFound(token)
    return invited


def is_late(consultation: Consultation, invited: InvitedBody | None) -> bool:
    return utcnow() >= deadline_of(consultation, invited)


def answer(consultation: Consultation, invited: InvitedBody, entry: ResponseInput,
           uploads: list[Upload] = (), keep: set[int] | None = None) -> FormalResponse:
    """Save the body's answer, or a new version of it, with the files ``uploads`` attached and the
    current attachments in ``keep`` kept (None: all of them); commits, then sends the receipt.
    ResponseRejected or AttachmentsRejected, with nothing saved, for a missing or wrong part or file,
    or after a refusing deadline."""
    current = invited.response
    kept = {attachment.id for attachment in (current.attachments if current is not None else [])
            if keep is None or attachment.id in keep}
    prepared = prepare(entry, list(uploads), kept)
    begin_write()
    if closed_to(consultation, invited):
        raise ResponseRejected(None, _("Fristen for å svare har gått ut, og høringen tar ikke imot svar etter fristen."))
    body = invited.body
    submitter = Submitter(body.name, body.organisation_number, body.category, CHANNEL_LINK, invited.id)
    return save(consultation, invited.response, submitter, prepared, is_late(consultation, invited))


def answer_openly(consultation: Consultation, entry: OpenInput, uploads: list[Upload] = ()) -> FormalResponse:
    """Save a formal response from anyone (an organisation or a private person) without a personal
    link; it is moderated as a comment is (held first in a pre-moderated consultation). Commits, then
    sends the receipt."""
    submitter = checked_submitter(entry)
    prepared = prepare(entry.response, list(uploads), set())
    begin_write()
    if not takes_open_responses(consultation):
        raise ResponseRejected(None, _("Høringen tar ikke imot høringssvar nå."))
    return save(consultation, None, submitter, prepared, is_late(consultation, None))


@dataclass(frozen=True)
class Submitter:
    """Whom a new response is from, as it is stored: a body's name, number and category are copied
    when it answers, so the response stays as it was sent when the register changes."""

    name: str
    organisation_number: str | None
    category: str
    channel: str
    invited_body_id: int | None = None
    publish_name: bool = True


@dataclass(frozen=True)
class Prepared:
    """A response's checked values, its HTML and its checked (and scanned) files: all that can be
    done before the write lock is taken."""

    values: dict
    html: str
    uploads: list[Upload]
    files: list
    scanned: bool
    kept: set[int]


def prepare(entry: ResponseInput, uploads: list[Upload], kept: set[int], email_required: bool = True) -> Prepared:
    """Check the response and its files before the write lock: ResponseRejected or AttachmentsRejected."""
    values = _checked(entry, has_attachments=bool(uploads or kept), email_required=email_required)
    html = _rendered(values["text"])
    files, scanned = attaching.checked(uploads, kept=len(kept))
    return Prepared(values, html, uploads, files, scanned, kept)


def save(consultation: Consultation, response: FormalResponse | None, submitter: Submitter, prepared: Prepared,
         late: bool, received_at: datetime | None = None, actor=None) -> FormalResponse:
    """Write the response (a new one, or a new version of ``response``) with its attachments, hold it
    when it must wait for a moderator, queue the receipt (when there is an address), log, commit and
    send the receipt. ``received_at``: when it came, if not now (a letter registered later)."""
    now = received_at or utcnow()
    first = response is None
    if first:
        response = _new_response(consultation, submitter, prepared.values, late, now)
    else:
        for name, value in prepared.values.items():
            setattr(response, name, value)
        response.late, response.updated_at = late, now
    response.html = prepared.html
    try:
        db.session.flush()
    except IntegrityError as error:  # the same body's first answer, sent twice at once
        db.session.rollback()
        raise ResponseRejected(None, _("Svaret ble sendt to ganger samtidig. Se over svaret under, og send igjen om "
                                       "noe mangler.")) from error
    version = ResponseVersion(response_id=response.id, saved_at=now, late=late, **prepared.values)
    db.session.add(version)
    db.session.flush()
    attaching.store(response, version, prepared.files, prepared.uploads, prepared.kept, prepared.scanned)
    _guard(response)
    if first and submitter.channel == CHANNEL_FORM and consultation.moderation_mode == MODERATION_PRE:
        response.status, response.held_reason = HELD, response.held_reason or HELD_PREMODERATION
    receipt_ids = []  # read before the commit expires the rows: no read transaction after it
    if response.contact_email:  # a letter registered by staff may come without one
        receipt_ids.append(sending.queue(response.contact_email, *receipt_for(consultation, response, first)).id)
    audit.record(actor, "response.submit" if first else "response.revise", "formal_response", response.id,
                 after={"consultation": consultation.id, "body": response.body_name, "late": late,
                        "no_comments": response.no_comments, "channel": response.channel})
    db.session.commit()
    sending.send_later(current_app._get_current_object(), receipt_ids)
    return response


def _guard(response: FormalResponse) -> None:
    """Hold a response whose text, or an attachment's text, holds personal data (a national identity number, an account number
    …) for a moderator, as a comment is held; a clean version of a held one is published again. A
    response a moderator hid stays hidden."""
    if response.status == HIDDEN:
        return
    texts = [response.text] + [attachment.text for attachment in response.attachments]
    if any(has_personal_data(text) for text in texts if text):
        response.status, response.held_reason = HELD, HELD_PERSONAL_DATA
    elif response.held_reason == HELD_PERSONAL_DATA:
        response.status, response.held_reason = PUBLISHED, None


def _new_response(consultation: Consultation, submitter: Submitter, values: dict, late: bool, now) -> FormalResponse:
    response = FormalResponse(
        consultation_id=consultation.id, invited_body_id=submitter.invited_body_id, channel=submitter.channel,
        reference=secrets.token_hex(8),  # until the row has its id, below
        body_name=submitter.name, organisation_number=submitter.organisation_number, category=submitter.category,
        publish_name=submitter.publish_name, submitted_at=now, updated_at=now, late=late, **values,
    )
    db.session.add(response)
    db.session.flush()
    response.reference = f"HS-{now.year}-{response.id:05d}"
    return response


def _checked(entry: ResponseInput, has_attachments: bool, email_required: bool = True) -> dict:
    contact_name = " ".join(clean_text(entry.contact_name or "").split())
    if not contact_name:
        raise ResponseRejected("contact_name", _("Skriv navnet på kontaktpersonen."))
    if len(contact_name) > MAX_CONTACT_LENGTH:
        raise ResponseRejected("contact_name", _("Navnet kan være høyst %(n)d tegn.", n=MAX_CONTACT_LENGTH))
    text = clean_text(entry.text or "").strip()
    if entry.no_comments and text:
        raise ResponseRejected("text", _("Du har krysset av for at dere ikke har merknader, men også skrevet en "
                                         "tekst. Fjern krysset for å sende teksten, eller tøm feltet."))
    if entry.no_comments and has_attachments:
        raise ResponseRejected("no_comments", _("Du har krysset av for at dere ikke har merknader, men også lagt ved "
                                                "filer. Fjern krysset, eller ta ut filene."))
    if not entry.no_comments and not text and not has_attachments:
        raise ResponseRejected("text", _("Skriv høringssvaret eller legg det ved som fil, eller kryss av for at dere "
                                         "ikke har merknader."))
    if len(text) > MAX_RESPONSE_LENGTH:
        raise ResponseRejected("text", _("Teksten kan være høyst %(n)d tegn. Legg lengre svar ved som dokument.",
                                         n=MAX_RESPONSE_LENGTH))
    email = _checked_email(entry.contact_email) if email_required or (entry.contact_email or "").strip() else ""
    return {"contact_name": contact_name, "contact_email": email, "text": text, "no_comments": bool(entry.no_comments)}


def checked_submitter(entry: OpenInput, channel: str = CHANNEL_FORM) -> Submitter:
    """Who answers through the open form (or a letter): the organisation (its name, a valid
    organisation number if given, its category) or the private person (the contact's name,
    published or not)."""
    if entry.answering_as == AS_PERSON:
        name = " ".join(clean_text(entry.response.contact_name or "").split())
        return Submitter(name, None, PRIVATE_PERSON, channel, publish_name=bool(entry.publish_name))
    if entry.answering_as != AS_ORGANISATION:
        raise ResponseRejected("answering_as", _("Velg om du svarer på vegne av en organisasjon eller som privatperson."))
    name = " ".join(clean_text(entry.organisation_name or "").split())
    if not name:
        raise ResponseRejected("organisation_name", _("Skriv navnet på organisasjonen."))
    if len(name) > MAX_NAME_LENGTH:
        raise ResponseRejected("organisation_name", _("Navnet kan være høyst %(n)d tegn.", n=MAX_NAME_LENGTH))
    number = organisation_numbers.normalised(clean_text(entry.organisation_number or "")) or None
    if number and not organisation_numbers.is_valid(number):
        raise ResponseRejected("organisation_number", _(
            "Organisasjonsnummeret %(number)s er ikke gyldig. Det skal ha ni sifre, og det siste er et kontrollsiffer.",
            number=number[:20]))
    if entry.category not in CATEGORIES:
        raise ResponseRejected("category", _("Velg hva slags organisasjon dette er."))
    return Submitter(name, number, entry.category, channel)


def _checked_email(value: str) -> str:
    email = clean_text(value or "").strip()
    if not email:
        raise ResponseRejected("contact_email", _("Skriv e-postadressen kvitteringen skal sendes til."))
    if len(email) > MAX_EMAIL_LENGTH:
        raise ResponseRejected("contact_email", _("E-postadressen er for lang."))
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ResponseRejected("contact_email", _("Skriv en gyldig e-postadresse, for eksempel navn@example.no.")) from error


def _rendered(text: str) -> str:
    """The text as sanitised HTML (the Markdown subset of comments), made once when it is saved."""
    try:
        return markup.render(text) if text else ""
    except markup.MarkupRejected as rejection:
        raise ResponseRejected("text", _("Teksten har for mange nivåer eller tegn som ikke kan vises. Bruk færre "
                                         "nivåer i lister og sitater, og send igjen.")) from rejection


def _attachment_lines(response: FormalResponse) -> list[str]:
    """The attachments as the receipt lists them: name, size and SHA-256, so the body can check its copy."""
    if not response.attachments:
        return [str(_("Vedlegg: ingen"))]
    return [str(_("Vedlegg:"))] + [
        str(_("- %(name)s (%(size)s byte), SHA-256 %(sha256)s", name=attachment.name,
              size=format_decimal(attachment.size), sha256=attachment.sha256))
        for attachment in response.attachments]


def receipt_for(consultation: Consultation, response: FormalResponse, first: bool) -> tuple[str, str, str]:
    """The receipt's subject, text and purpose, worded in the consultation's language."""
    with force_locale(consultation.language):
        heading = _("Kvittering for høringssvar") if first else _("Kvittering for endret høringssvar")
        subject = f"{heading} {response.reference}: {consultation.title}"
        lines = [
            str(_("Vi har mottatt høringssvaret fra %(body)s til høringen «%(title)s».", body=response.body_name,
                  title=consultation.title)),
            "",
            str(_("Referanse: %(reference)s", reference=response.reference)),
            str(_("Mottatt: %(moment)s", moment=date_and_time(response.updated_at))),
            str(_("Kontaktperson: %(name)s", name=response.contact_name)),
        ]
        if response.late:
            lines.append(str(_("Svaret kom etter fristen og er merket som for sent.")))
        answer_text = str(_("Vi har ingen merknader.")) if response.no_comments else response.text
        lines += ["", str(_("Svaret:")), "", answer_text, "", *_attachment_lines(response), "",
                  str(_("Høringssvar er offentlige dokumenter etter offentleglova, og de blir arkivert."))]
    return subject, "\n".join(lines), RECEIPT
