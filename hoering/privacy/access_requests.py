"""A person's access request under the GDPR (art. 15): everything hoering stores about one e-mail address.

Not the same as innsyn under offentleglova: that is the public's right to the municipality's documents;
this is a person's right to their own data. Citizens have no account, so the address is what ties rows
to a person. ``collect`` finds every row holding it, matched trimmed and case-insensitively (a comment
keeps the address as typed, a subscription or staff account in lower case, a formal response with its
domain in lower case), with what belongs to it, as plain dicts an admin can hand over as JSON.

What is deliberately left out: secrets (a staff member's password hash and session token, the tokens of
a receipt, follow or response link, and the text and headers of an e-mail, which carry those links),
attachments' bytes (their names and sizes are given), and other people's data (the replies to a
comment, the rest of a thread, whoever else appears in an audit entry). Where the address only appears
inside someone else's text, the row is pointed to (``mentions``), not copied.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from hoering.audit import services as audit
from hoering.accounts.models import User
from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.mail.models import MailMessage
from hoering.notifications.models import Subscription
from hoering.rejections import Rejected
from hoering.responses.models import Body, FormalResponse, InvitedBody, ResponseAttachment, ResponseVersion
from hoering.topics.models import Topic

MAX_ADDRESS_LENGTH = 254
# The categories of an answer, in the order the page and the JSON show them.
CATEGORIES = ("comments", "subscriptions", "formal_responses", "invitations", "staff_account", "mail",
              "outbox_files", "audit_entries", "mentions")
AUDIT_ACTION = "privacy.access_request"


class AddressRejected(Rejected):
    """What was given is not an e-mail address."""


@dataclass
class AccessReport:
    """Every row found for ``address``, per category; each row a dict of plain values."""

    address: str
    made_at: datetime
    comments: list[dict] = field(default_factory=list)
    subscriptions: list[dict] = field(default_factory=list)
    formal_responses: list[dict] = field(default_factory=list)
    invitations: list[dict] = field(default_factory=list)
    staff_account: list[dict] = field(default_factory=list)
    mail: list[dict] = field(default_factory=list)
    outbox_files: list[dict] = field(default_factory=list)
    audit_entries: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in CATEGORIES}

    @property
    def total(self) -> int:
        return sum(self.counts().values())

    def as_data(self) -> dict:
        return {"address": self.address, "made_at": self.made_at, "counts": self.counts(),
                **{name: getattr(self, name) for name in CATEGORIES}}

    def as_json(self) -> str:
        """Pretty UTF-8 JSON: letters such as æøå as they are, times in ISO 8601 (UTC)."""
        return _pretty(self.as_data()) + "\n"

    def category_json(self, name: str) -> str:
        """One category's rows as the JSON file has them, for the page."""
        return _pretty(getattr(self, name))


def checked_address(text: str | None) -> str:
    """The address to look for, trimmed and in lower case; AddressRejected unless it is one."""
    address = (text or "").strip()
    if not address:
        raise AddressRejected("email", _l("Skriv e-postadressen innsynet gjelder."))
    if len(address) > MAX_ADDRESS_LENGTH:
        raise AddressRejected("email", _l("E-postadressen er for lang."))
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise AddressRejected("email", _l("Skriv en gyldig e-postadresse, for eksempel navn@example.no.")) from None
    return address.lower()


def collect(text: str, outbox: str | Path | None = None) -> AccessReport:
    """Everything stored about the address ``text`` (checked with checked_address). ``outbox``: the
    folder of .eml files written when no mail server is set (MAIL_OUTBOX), to look through too."""
    address = checked_address(text)
    return AccessReport(
        address=address,
        made_at=utcnow(),
        comments=_comments(address),
        subscriptions=_subscriptions(address),
        formal_responses=_formal_responses(address),
        invitations=_invitations(address),
        staff_account=_staff_account(address),
        mail=_mail(address),
        outbox_files=_outbox_files(address, Path(outbox)) if outbox else [],
        audit_entries=_audit_entries(address),
        mentions=_mentions(address),
    )


def record_access_request(actor, report: AccessReport, secret: str, delivered_as: str) -> AuditEntry:
    """Log that ``actor`` read ``report`` (``delivered_as``: "page", "json" or "command"), and commit.

    The entry never holds the address: only its HMAC under ``secret`` (the app's SECRET_KEY), so the
    one who holds the key can tell whether a given address was asked about, and no one can read it off
    the log. A plain SHA-256 would not do: anyone can hash a list of likely addresses and compare.
    """
    digest = address_digest(report.address, secret)
    begin_write()  # the rows were read in a read transaction; a writer starts afresh
    entry = audit.record(actor, AUDIT_ACTION, "access_request", digest[:16],
                         after={"address_hmac": digest, "delivered_as": delivered_as, "rows": report.total,
                                "counts": report.counts()})
    db.session.commit()
    return entry


def address_digest(address: str, secret: str) -> str:
    return hmac.new(secret.encode(), address.strip().lower().encode(), hashlib.sha256).hexdigest()


def _matches(column):
    return sa.func.lower(sa.func.trim(column))


def _titles(consultation_ids) -> dict[int, Consultation]:
    ids = {i for i in consultation_ids if i is not None}
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(sa.select(Consultation).where(Consultation.id.in_(ids)))}


def _consultation(consultations: dict, consultation_id: int | None) -> dict | None:
    consultation = consultations.get(consultation_id)
    return {"slug": consultation.slug, "title": consultation.title} if consultation else None


def _comments(address: str) -> list[dict]:
    comments = list(db.session.scalars(
        sa.select(Comment).where(_matches(Comment.email) == address).order_by(Comment.id)))
    consultations = _titles(c.consultation_id for c in comments)
    return [{
        "id": c.id,
        "consultation": _consultation(consultations, c.consultation_id),
        "paragraph": c.anchor,
        "reply_to": c.parent_id,
        "name": c.author_name,
        "email": c.email,
        "organisation": c.organisation,
        "stance": c.stance,
        "text": c.text,
        "status": c.status,
        "held_reason": c.held_reason,
        "moderation_note": c.moderation_note,
        "agreements": c.agree_count,
        "created_at": c.created_at,
        "edited_at": c.edited_at,
        "withdrawn_at": c.withdrawn_at,
        "moderated_at": c.moderated_at,
    } for c in comments]


def _subscriptions(address: str) -> list[dict]:
    rows = list(db.session.scalars(
        sa.select(Subscription).where(_matches(Subscription.email) == address).order_by(Subscription.id)))
    consultations = _titles(s.consultation_id for s in rows)
    topic_ids = {s.topic_id for s in rows if s.topic_id is not None}
    topics = {t.id: t for t in db.session.scalars(sa.select(Topic).where(Topic.id.in_(topic_ids)))} if topic_ids else {}
    return [{
        "id": s.id,
        "email": s.email,
        "follows": s.kind,
        "comment_id": s.comment_id,
        "consultation": _consultation(consultations, s.consultation_id),
        "paragraph": s.anchor,
        "topic": {"kind": topics[s.topic_id].kind, "name": topics[s.topic_id].name} if s.topic_id in topics else None,
        "frequency": s.frequency,
        "language": s.language,
        "confirmed": s.confirmed_at is not None,
        "confirmed_at": s.confirmed_at,
        "created_at": s.created_at,
    } for s in rows]


def _formal_responses(address: str) -> list[dict]:
    """The responses with the address as contact now or in an earlier version, each with the versions
    sent under it and the current attachments' names and sizes."""
    versions = list(db.session.scalars(
        sa.select(ResponseVersion).where(_matches(ResponseVersion.contact_email) == address)
        .order_by(ResponseVersion.id)))
    responses = list(db.session.scalars(sa.select(FormalResponse).where(
        (_matches(FormalResponse.contact_email) == address)
        | FormalResponse.id.in_({v.response_id for v in versions})).order_by(FormalResponse.id)))
    ids = [r.id for r in responses]
    attachments = list(db.session.scalars(sa.select(ResponseAttachment).where(
        ResponseAttachment.response_id.in_(ids), ResponseAttachment.removed_version_id.is_(None))
        .order_by(ResponseAttachment.id))) if ids else []
    consultations = _titles(r.consultation_id for r in responses)
    return [{
        "reference": r.reference,
        "consultation": _consultation(consultations, r.consultation_id),
        "body": r.body_name,
        "organisation_number": r.organisation_number,
        "category": r.category,
        "channel": r.channel,
        "contact_name": r.contact_name,
        "contact_email": r.contact_email,
        "contact_now": r.contact_email.strip().lower() == address,
        "text": r.text,
        "no_comments": r.no_comments,
        "late": r.late,
        "name_published": r.publish_name,
        "status": r.status,
        "held_reason": r.held_reason,
        "submitted_at": r.submitted_at,
        "updated_at": r.updated_at,
        "attachments": [{"name": a.name, "content_type": a.content_type, "size": a.size, "pages": a.pages}
                        for a in attachments if a.response_id == r.id],
        "versions_with_this_contact": [
            {"saved_at": v.saved_at, "contact_name": v.contact_name, "contact_email": v.contact_email,
             "text": v.text, "no_comments": v.no_comments, "late": v.late}
            for v in versions if v.response_id == r.id],
    } for r in responses]


def _invitations(address: str) -> list[dict]:
    """The bodies registered with the address (høringsinstanser), and the consultations each is invited to."""
    bodies = list(db.session.scalars(sa.select(Body).where(_matches(Body.email) == address).order_by(Body.id)))
    invited = list(db.session.scalars(sa.select(InvitedBody).where(
        InvitedBody.body_id.in_([b.id for b in bodies])).order_by(InvitedBody.id))) if bodies else []
    consultations = _titles(i.consultation_id for i in invited)
    return [{
        "body": b.name,
        "organisation_number": b.organisation_number,
        "email": b.email,
        "category": b.category,
        "registered_at": b.created_at,
        "invited_to": [{"consultation": _consultation(consultations, i.consultation_id), "invited_at": i.invited_at,
                        "reminded_at": i.reminded_at, "own_deadline": i.deadline}
                       for i in invited if i.body_id == b.id],
    } for b in bodies]


def _staff_account(address: str) -> list[dict]:
    """The staff account with the address, if any: never its password hash or session token."""
    users = db.session.scalars(sa.select(User).where(_matches(User.email) == address))
    return [{"name": u.name, "email": u.email, "roles": sorted(u.roles), "active": u.active,
             "created_at": u.created_at, "last_login_at": u.last_login_at} for u in users]


def _mail(address: str) -> list[dict]:
    """The e-mails sent or queued to the address: what and when, not the text (it carries secret links)."""
    messages = db.session.scalars(
        sa.select(MailMessage).where(_matches(MailMessage.recipient) == address).order_by(MailMessage.id))
    return [{"subject": m.subject, "purpose": m.purpose, "status": m.status, "attempts": m.attempts,
             "created_at": m.created_at, "sent_at": m.sent_at} for m in messages]


def _outbox_files(address: str, folder: Path) -> list[dict]:
    """The .eml files in the outbox folder addressed to the address (their headers only are read)."""
    if not folder.is_dir():
        return []
    found = []
    parser = BytesHeaderParser()
    for path in sorted(folder.glob("*.eml")):
        with path.open("rb") as file:
            headers = parser.parse(file)
        recipients = {a.strip().lower() for _, a in getaddresses(headers.get_all("To", []))}
        if address in recipients:
            found.append({"file": path.name, "subject": str(headers.get("Subject", "")),
                          "date": str(headers.get("Date", ""))})
    return found


def _audit_entries(address: str) -> list[dict]:
    """Entries whose actor is the address (a staff member's own actions) or whose details name it.

    The details themselves are not copied (they hold others' data: a comment's text, a body's name);
    ``named_in`` says where the address appears. The database narrows by text, then each candidate
    is checked value by value, since JSON may write letters beyond ASCII as escapes.
    """
    spelled = {address, json.dumps(address)[1:-1].lower()}
    named = sa.or_(*(sa.func.lower(sa.cast(column, sa.Text)).contains(form, autoescape=True)
                     for column in (AuditEntry.before, AuditEntry.after) for form in spelled))
    candidates = db.session.scalars(
        sa.select(AuditEntry).where((_matches(AuditEntry.actor) == address) | named).order_by(AuditEntry.id))
    entries = []
    for entry in candidates:
        as_actor = entry.actor.strip().lower() == address
        named_in = [*_paths(entry.before, "before", address), *_paths(entry.after, "after", address)]
        if as_actor or named_in:
            entries.append({"at": entry.at, "action": entry.action, "target_type": entry.target_type,
                            "target_id": entry.target_id, "as_actor": as_actor, "named_in": named_in})
    return entries


def _paths(value, path: str, address: str) -> list[str]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _paths(item, f"{path}.{key}", address)]
    if isinstance(value, list):
        return [p for n, item in enumerate(value) for p in _paths(item, f"{path}[{n}]", address)]
    return [path] if isinstance(value, str) and address in value.lower() else []


def _mentions(address: str) -> list[dict]:
    """Rows where the address is only written in someone's text: pointed to, not copied, for the admin
    to judge (the text is another person's)."""
    def written_in(column):
        return sa.func.lower(column).contains(address, autoescape=True)

    comments = list(db.session.execute(sa.select(Comment.id, Comment.consultation_id, Comment.status).where(
        written_in(Comment.text), sa.func.coalesce(_matches(Comment.email), "") != address).order_by(Comment.id)))
    responses = list(db.session.execute(sa.select(FormalResponse.reference, FormalResponse.consultation_id).where(
        written_in(FormalResponse.text), _matches(FormalResponse.contact_email) != address)
        .order_by(FormalResponse.id)))
    contacts = list(db.session.scalars(sa.select(Consultation).where(written_in(Consultation.contact))))
    consultations = _titles([*(c.consultation_id for c in comments), *(r.consultation_id for r in responses)])
    return [
        *({"kind": "comment", "id": c.id, "status": c.status,
           "consultation": _consultation(consultations, c.consultation_id)} for c in comments),
        *({"kind": "formal_response", "reference": r.reference,
           "consultation": _consultation(consultations, r.consultation_id)} for r in responses),
        *({"kind": "consultation_contact", "consultation": {"slug": c.slug, "title": c.title}} for c in contacts),
    ]


def _pretty(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso)


def _iso(value):
    if isinstance(value, datetime):
        return value.isoformat() + ("Z" if value.tzinfo is None else "")
    raise TypeError(f"{type(value).__name__} is not JSON")
