"""Inviting bodies to a consultation: the letter, sending it, reminders, resending, and a later
deadline for one body.

Each letter sent is a ``Mailing`` of an e-mail (hoering.mail) that is queued in the same transaction
as everything it records, and sent in the background after the commit. A body's personal response
link carries a token of 256 random bits (``secrets.token_urlsafe``), made with its first letter and
kept, so that every later letter carries the same link.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _

from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.consultations.models import DRAFT, PROCESSED, Consultation
from hoering.consultations.services import as_utc
from hoering.database import begin_write
from hoering.extensions import db
from hoering.mail import sending
from hoering.mail.models import MAX_SUBJECT_LENGTH
from hoering.markup import clean_text
from hoering.presentation import date_and_time
from hoering.rejections import Missing, Rejected
from hoering.responses import letters
from hoering.responses.models import INVITATION, REMINDER, InvitationLetter, InvitedBody, Mailing

TOKEN_BYTES = 32
MAX_LETTER_LENGTH = 20_000
MAX_REMINDER_DAYS = 60
MAX_REASON_LENGTH = 2_000


class LetterRejected(Rejected):
    """A letter that cannot be saved or sent; ``field`` names the part that is wrong."""


class InvitationNotFound(Missing):
    pass


@dataclass(frozen=True)
class LetterInput:
    subject: str
    text: str
    reminder_subject: str
    reminder_text: str
    reminder_days: int | None


# The letter.

def letter_for(consultation: Consultation) -> InvitationLetter:
    """The consultation's letter, or (not saved) the default one, worded in the draft's language."""
    letter = db.session.scalar(sa.select(InvitationLetter).where(InvitationLetter.consultation_id == consultation.id))
    if letter is not None:
        return letter
    with force_locale(consultation.language):
        return InvitationLetter(
            consultation_id=consultation.id, subject=str(letters.DEFAULT_SUBJECT), text=str(letters.DEFAULT_TEXT),
            reminder_subject=str(letters.DEFAULT_REMINDER_SUBJECT),
            reminder_text=str(letters.DEFAULT_REMINDER_TEXT), reminder_days=letters.DEFAULT_REMINDER_DAYS,
        )


def save_letter(consultation: Consultation, entry: LetterInput, actor) -> InvitationLetter:
    """Save the letter and the reminder; commits and logs. LetterRejected, with nothing saved, for a
    missing part, an unknown placeholder or a letter without the personal link."""
    values = _checked_letter(entry)
    begin_write()
    letter = letter_for(consultation)
    before = _letter_snapshot(letter) if letter.id is not None else None
    for name, value in values.items():
        setattr(letter, name, value)
    db.session.add(letter)
    db.session.flush()
    audit.record(actor, "consultation.letter", "consultation", consultation.id, before=before,
                 after=_letter_snapshot(letter))
    db.session.commit()
    return letter


def _checked_letter(entry: LetterInput) -> dict:
    values = {
        "subject": letters.one_line(clean_text(entry.subject or "")),
        "text": clean_text(entry.text or "").strip(),
        "reminder_subject": letters.one_line(clean_text(entry.reminder_subject or "")),
        "reminder_text": clean_text(entry.reminder_text or "").strip(),
        "reminder_days": entry.reminder_days,
    }
    for field in ("subject", "reminder_subject"):
        _require_text(field, values[field], MAX_SUBJECT_LENGTH)
    for field in ("text", "reminder_text"):
        _require_text(field, values[field], MAX_LETTER_LENGTH)
        missing = letters.missing_placeholders(values[field])
        if missing:
            raise LetterRejected(field, _("Teksten må ha med {%(name)s}: lenken instansen svarer med.", name=missing[0]))
    for field in values:
        if field != "reminder_days":
            _refuse_unknown_placeholders(field, values[field])
    days = values["reminder_days"]
    if days is not None and not 1 <= days <= MAX_REMINDER_DAYS:
        raise LetterRejected("reminder_days", _("Velg mellom 1 og %(max)d dager før fristen.", max=MAX_REMINDER_DAYS))
    return values


def _require_text(field: str, value: str, maximum: int) -> None:
    if not value:
        raise LetterRejected(field, _("Skriv noe her."))
    if len(value) > maximum:
        raise LetterRejected(field, _("Teksten er for lang (høyst %(max)d tegn).", max=maximum))


def _refuse_unknown_placeholders(field: str, text: str) -> None:
    unknown = letters.unknown_placeholders(text)
    if unknown:
        known = ", ".join("{%s}" % name for name in letters.PLACEHOLDERS)
        raise LetterRejected(field, _("{%(name)s} er ikke en av plassholderne. Disse finnes: %(known)s.",
                                      name=unknown[0], known=known))


def _letter_snapshot(letter: InvitationLetter) -> dict:
    return {"subject": letter.subject, "text": letter.text, "reminder_subject": letter.reminder_subject,
            "reminder_text": letter.reminder_text, "reminder_days": letter.reminder_days}


def written(consultation: Consultation, letter: InvitationLetter, invited: InvitedBody, kind: str) -> tuple[str, str]:
    """The subject and text ``invited`` gets: the letter (or the reminder) with its placeholders filled."""
    return _filled(letter, _values(consultation, invited), kind)


def preview(consultation: Consultation, letter: InvitationLetter, invited: InvitedBody | None,
            kind: str = INVITATION) -> tuple[str, str]:
    """The letter as ``invited`` (or, with none picked yet, an example body) would get it, without
    making a token: the link shown is the body's own when it has one, else an example."""
    return _filled(letter, _values(consultation, invited, link=invited is not None and invited.token is not None), kind)


def _filled(letter: InvitationLetter, values: letters.LetterValues, kind: str) -> tuple[str, str]:
    if kind == REMINDER:
        subject, text = letter.reminder_subject, letter.reminder_text
    else:
        subject, text = letter.subject, letter.text
    return letters.one_line(letters.fill(subject, values)), letters.fill(text, values)


def _values(consultation: Consultation, invited: InvitedBody | None, link: bool = True) -> letters.LetterValues:
    with force_locale(consultation.language):
        deadline = date_and_time(deadline_of(consultation, invited))
        name = invited.body.name if invited is not None else str(_("Eksempel-instansen"))
    return letters.LetterValues(
        body=name, title=consultation.title, deadline=deadline,
        response_link=response_link(consultation, invited) if link else _example_link(consultation),
        consultation_link=url_for("consultations.consultation", slug=consultation.slug, _external=True),
        sender=consultation.organisation,
    )


def _example_link(consultation: Consultation) -> str:
    return url_for("responses.respond", slug=consultation.slug, token="EKSEMPEL", _external=True)


def response_link(consultation: Consultation, invited: InvitedBody) -> str:
    """The body's personal link to the response form (the token is made when first needed)."""
    if invited.token is None:
        invited.token = secrets.token_urlsafe(TOKEN_BYTES)
    return url_for("responses.respond", slug=consultation.slug, token=invited.token, _external=True)


def deadline_of(consultation: Consultation, invited: InvitedBody | None) -> datetime:
    """The body's deadline: a later one it was granted, else the consultation's."""
    if invited is not None and invited.deadline is not None:
        return invited.deadline
    return consultation.closes_at


# Sending.

@dataclass(frozen=True)
class Sent:
    """What a send did: the bodies written to, and the bodies left out with why (by body name)."""

    bodies: list[str]
    message_ids: list[int]


def may_invite(consultation: Consultation) -> str | None:
    """Why letters cannot go out for ``consultation`` now, or None when they can."""
    if consultation.phase == DRAFT:
        return str(_("Høringen er ikke publisert ennå. Publiser den før invitasjonene sendes."))
    if consultation.phase == PROCESSED or consultation.closes_at <= utcnow():
        return str(_("Høringsfristen er ute."))
    return None


def send_invitations(consultation: Consultation, actor) -> Sent:
    """Write the invitation to every picked body that has not had one, queue the e-mails, commit,
    and send them in the background. LetterRejected when the consultation cannot invite now."""
    _refuse_unless_open(consultation)
    begin_write()
    waiting = [invited for invited in _invited(consultation) if invited.invited_at is None]
    return _send(consultation, waiting, INVITATION, actor, "consultation.invite")


def send_reminders(consultation: Consultation, actor, only_due: bool = False) -> Sent:
    """Remind every invited body that has not answered (and not been reminded, with ``only_due``:
    the daily run for reminders that have come due); commits and sends in the background."""
    _refuse_unless_open(consultation)
    begin_write()
    now = utcnow()
    letter = letter_for(consultation)
    waiting = [invited for invited in _invited(consultation) if _awaits_answer(invited)
               and (not only_due or _reminder_due(consultation, letter, invited, now))]
    return _send(consultation, waiting, REMINDER, actor, "consultation.remind")


def resend(consultation: Consultation, invited_ids: set[int], actor) -> Sent:
    """Write the latest letter again to the given bodies (a failed or lost one), as a new e-mail."""
    _refuse_unless_open(consultation)
    begin_write()
    chosen = [invited for invited in _invited(consultation) if invited.id in invited_ids and invited.mailings]
    by_kind: dict[str, list[InvitedBody]] = {}
    for invited in chosen:
        by_kind.setdefault(invited.mailings[-1].kind, []).append(invited)
    bodies, message_ids = [], []
    for kind, group in by_kind.items():
        sent = _queue(consultation, group, kind)
        bodies += sent.bodies
        message_ids += sent.message_ids
    return _commit_and_send(consultation, Sent(bodies, message_ids), actor, "consultation.resend")


def renew_link(consultation: Consultation, invited: InvitedBody, actor) -> Sent:
    """Give the body a new personal link (the old one answers 404 from now on: one that was forwarded
    too widely, or leaked) and send it the latest letter again with the new link. Its answer, if
    any, stays."""
    _refuse_unless_open(consultation)
    if not invited.mailings:
        raise LetterRejected(None, _("Instansen har ikke fått noe brev ennå. Send høringsbrevet først."))
    begin_write()
    invited.token = secrets.token_urlsafe(TOKEN_BYTES)
    sent = _queue(consultation, [invited], invited.mailings[-1].kind)
    return _commit_and_send(consultation, sent, actor, "consultation.renew_link")


def _send(consultation: Consultation, waiting: list[InvitedBody], kind: str, actor, action: str) -> Sent:
    sent = _queue(consultation, waiting, kind)
    return _commit_and_send(consultation, sent, actor, action)


def _queue(consultation: Consultation, waiting: list[InvitedBody], kind: str) -> Sent:
    letter = letter_for(consultation)
    now = utcnow()
    bodies, message_ids = [], []
    for invited in waiting:
        subject, text = written(consultation, letter, invited, kind)
        message = sending.queue(invited.body.email, subject, text, kind)
        db.session.add(Mailing(invited_body_id=invited.id, message_id=message.id, kind=kind))
        if kind == INVITATION:
            invited.invited_at = invited.invited_at or now
        else:
            invited.reminded_at = now
        bodies.append(invited.body.name)
        message_ids.append(message.id)
    return Sent(bodies, message_ids)


def _commit_and_send(consultation: Consultation, sent: Sent, actor, action: str) -> Sent:
    if sent.message_ids:
        audit.record(actor, action, "consultation", consultation.id,
                     after={"bodies": sent.bodies, "messages": sent.message_ids})
    db.session.commit()
    sending.send_later(current_app._get_current_object(), sent.message_ids)
    return sent


def _refuse_unless_open(consultation: Consultation) -> None:
    reason = may_invite(consultation)
    if reason:
        raise LetterRejected(None, reason)


def _invited(consultation: Consultation) -> list[InvitedBody]:
    """The picked bodies, with their answers and letters in two more queries (not one per body: a
    reminder looks at every body's answer, a resend at its last letter)."""
    rows = db.session.scalars(sa.select(InvitedBody).where(InvitedBody.consultation_id == consultation.id)
                              .options(selectinload(InvitedBody.response), selectinload(InvitedBody.mailings))
                              .order_by(InvitedBody.id))
    return list(rows.unique())


def _awaits_answer(invited: InvitedBody) -> bool:
    return invited.invited_at is not None and invited.response is None


def _reminder_due(consultation: Consultation, letter: InvitationLetter, invited: InvitedBody, now: datetime) -> bool:
    if letter.id is None or letter.reminder_days is None or invited.reminded_at is not None:
        return False
    deadline = deadline_of(consultation, invited)
    return (deadline - now).total_seconds() <= letter.reminder_days * 86_400 and now < deadline


def due_reminders(actor) -> list[tuple[Consultation, Sent]]:
    """Send the reminders that have come due in every open consultation: the daily run
    (``flask invitations remind-due``, from cron)."""
    now = utcnow()
    letters_with_days = db.session.scalars(sa.select(InvitationLetter).where(InvitationLetter.reminder_days.is_not(None)))
    done = []
    for letter in list(letters_with_days):
        consultation = db.session.get(Consultation, letter.consultation_id)
        if may_invite(consultation) is None and consultation.opens_at <= now:
            sent = send_reminders(consultation, actor, only_due=True)
            if sent.bodies:
                done.append((consultation, sent))
    return done


# One body.

def get_invited(consultation: Consultation, invited_id: int) -> InvitedBody:
    invited = db.session.get(InvitedBody, invited_id)
    if invited is None or invited.consultation_id != consultation.id:
        raise InvitationNotFound(invited_id)
    return invited


def find_by_token(consultation: Consultation, token: str) -> InvitedBody:
    """The invited body whose personal link ``token`` is; InvitationNotFound for a guessed one."""
    if not token or len(token) > 64:
        raise InvitationNotFound(token)
    invited = db.session.scalar(sa.select(InvitedBody).where(InvitedBody.token == token))
    if invited is None or invited.consultation_id != consultation.id or invited.invited_at is None:
        raise InvitationNotFound(token)
    return invited


def grant_deadline(consultation: Consultation, invited: InvitedBody, deadline: datetime | None, reason: str,
                   actor) -> None:
    """Give one body a later deadline (None: back to the consultation's), with the reason recorded."""
    reason = clean_text(reason or "").strip()
    deadline = as_utc(deadline) if deadline is not None else None
    if deadline is not None:
        if deadline <= consultation.closes_at:
            raise LetterRejected("deadline", _("Den nye fristen må være etter høringsfristen."))
        if not reason:
            raise LetterRejected("reason", _("Skriv hvorfor instansen får en senere frist."))
        if len(reason) > MAX_REASON_LENGTH:
            raise LetterRejected("reason", _("Begrunnelsen er for lang (høyst %(max)d tegn).", max=MAX_REASON_LENGTH))
    begin_write()
    before = {"deadline": _iso(invited.deadline), "reason": invited.deadline_reason}
    invited.deadline = deadline
    invited.deadline_reason = reason if deadline is not None else ""
    audit.record(actor, "consultation.body_deadline", "consultation", consultation.id, before=before,
                 after={"body": invited.body_id, "deadline": _iso(deadline), "reason": invited.deadline_reason})
    db.session.commit()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
