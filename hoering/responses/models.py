"""The register of bodies invited to consultations (høringsinstanser), and who is invited to which.

A body is kept once and reused across consultations. Its organisation number is optional (a person,
or a body without one) but unique when given; it is stored as nine digits, without spaces.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.clock import utcnow
from hoering.extensions import db
from hoering.mail.models import MAX_SUBJECT_LENGTH, MailMessage
from hoering.responses.organisation_numbers import formatted

# The categories, as stored, and their names; a file may give "næringsliv" for NAERINGSLIV.
STATLIG = "statlig"
FYLKESKOMMUNE = "fylkeskommune"
KOMMUNE = "kommune"
ORGANISASJON = "organisasjon"
NAERINGSLIV = "naeringsliv"
ANNET = "annet"
CATEGORY_LABELS = {
    STATLIG: _l("Statlig"),
    FYLKESKOMMUNE: _l("Fylkeskommune"),
    KOMMUNE: _l("Kommune"),
    ORGANISASJON: _l("Organisasjon"),
    NAERINGSLIV: _l("Næringsliv"),
    ANNET: _l("Annet"),
}
CATEGORIES = tuple(CATEGORY_LABELS)
# A response's category beside the bodies': a private person answering through the open form.
PRIVATE_PERSON = "privatperson"
RESPONSE_CATEGORY_LABELS = {**CATEGORY_LABELS, PRIVATE_PERSON: _l("Privatperson")}

MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254


class BodyFacts:
    """How a body's category and organisation number read, for a body and for a response sent in its name."""

    category: str
    organisation_number: str | None

    @property
    def category_label(self) -> str:
        return str(RESPONSE_CATEGORY_LABELS.get(self.category, self.category))

    @property
    def organisation_number_text(self) -> str:
        """The number in groups of three ("974 760 673"), or "" when there is none."""
        return formatted(self.organisation_number) if self.organisation_number else ""


class Body(BodyFacts, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH))
    organisation_number: Mapped[str | None] = mapped_column(sa.String(9), unique=True)
    email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH))
    category: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InvitedBody(db.Model):
    """A body picked for a consultation. ``invited_at`` stays empty until the invitation is sent.

    ``token`` is the secret in the body's personal response link: made when the first invitation is
    written, 256 random bits, and kept, so that a reminder or a resent letter carries the same link.
    ``deadline`` is a later deadline granted to this body alone, with its reason; None: the
    consultation's own.
    """

    __table_args__ = (sa.UniqueConstraint("consultation_id", "body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("body.id", ondelete="CASCADE"), index=True)
    invited_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    deadline: Mapped[datetime | None]
    deadline_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    body: Mapped[Body] = relationship(lazy="joined")
    response: Mapped[FormalResponse | None] = relationship(viewonly=True)
    mailings: Mapped[list[Mailing]] = relationship(order_by="Mailing.id", back_populates="invited_body",
                                                   cascade="all, delete-orphan", passive_deletes=True)


INVITATION = "invitation"
REMINDER = "reminder"


class Mailing(db.Model):
    """One letter to an invited body (the invitation, a reminder, or either sent again) and its e-mail,
    whose status tells how sending went."""

    id: Mapped[int] = mapped_column(primary_key=True)
    invited_body_id: Mapped[int] = mapped_column(sa.ForeignKey("invited_body.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("mail_message.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    invited_body: Mapped[InvitedBody] = relationship(back_populates="mailings")
    message: Mapped[MailMessage] = relationship(lazy="joined")


class InvitationLetter(db.Model):
    """The invitation (høringsbrev) of a consultation, as the planner wrote it, with placeholders
    (letters.PLACEHOLDERS) filled in per body when it is sent. ``reminder_days``: how many days
    before the deadline a reminder goes to those who have not answered; None for no reminder."""

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), unique=True)
    subject: Mapped[str] = mapped_column(sa.String(MAX_SUBJECT_LENGTH))
    text: Mapped[str] = mapped_column(sa.Text)
    reminder_subject: Mapped[str] = mapped_column(sa.String(MAX_SUBJECT_LENGTH))
    reminder_text: Mapped[str] = mapped_column(sa.Text)
    reminder_days: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# How a formal response came in: through hoering, or outside it and registered by staff.
CHANNEL_LINK = "link"  # the body's personal link
CHANNEL_FORM = "form"  # the open form, by anyone
CHANNEL_POST = "post"  # a letter
CHANNEL_EMAIL = "email"  # an e-mail to the post box
CHANNEL_MEETING = "meeting"  # said in a meeting, written down
REGISTERED_CHANNELS = {
    CHANNEL_POST: _l("mottatt per post"),
    CHANNEL_EMAIL: _l("mottatt per e-post"),
    CHANNEL_MEETING: _l("mottatt i møte"),
}
CHANNELS = (CHANNEL_LINK, CHANNEL_FORM, *REGISTERED_CHANNELS)

MAX_CONTACT_LENGTH = 200
MAX_RESPONSE_LENGTH = 100_000

# Whether a response is public: published at once, unless the personal-data guard holds it for a
# moderator; a moderator may hide a published one (with a reason in the audit log).
PUBLISHED = "published"
HELD = "held"
HIDDEN = "hidden"
HELD_PERSONAL_DATA = "personal_data"
HELD_PREMODERATION = "premoderation"  # the consultation is pre-moderated: every open-form response waits


class FormalResponse(BodyFacts, db.Model):
    """A formal response (høringssvar): a body's answer to a consultation (or, through the open form,
    any organisation's or person's), with its text or "no comments". The body's name, number and category are copied at the time of answering, so the
    response stays as it was sent when the register changes. Every saved version is kept
    (``ResponseVersion``); the row holds the latest."""

    __table_args__ = (sa.UniqueConstraint("invited_body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    invited_body_id: Mapped[int | None] = mapped_column(sa.ForeignKey("invited_body.id", ondelete="SET NULL"))
    reference: Mapped[str] = mapped_column(sa.String(30), unique=True)
    channel: Mapped[str] = mapped_column(sa.String(10))
    body_name: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH))
    organisation_number: Mapped[str | None] = mapped_column(sa.String(9))
    category: Mapped[str] = mapped_column(sa.String(20))
    contact_name: Mapped[str] = mapped_column(sa.String(MAX_CONTACT_LENGTH))
    contact_email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # The text rendered and sanitised once, when saved (markup.render, the comments' profile).
    html: Mapped[str] = mapped_column(sa.Text, default="")
    no_comments: Mapped[bool] = mapped_column(default=False)
    late: Mapped[bool] = mapped_column(default=False)
    # A private person may answer without the name published: shown as "Privatperson" (public_name).
    publish_name: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    status: Mapped[str] = mapped_column(sa.String(10), default=PUBLISHED)
    held_reason: Mapped[str | None] = mapped_column(sa.String(20))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the response last became public (kept by _stamp_publication): followers hear of it then.
    published_at: Mapped[datetime | None]

    versions: Mapped[list[ResponseVersion]] = relationship(order_by="ResponseVersion.id", back_populates="response",
                                                            cascade="all, delete-orphan", passive_deletes=True)
    attachments: Mapped[list[ResponseAttachment]] = relationship(
        order_by="ResponseAttachment.id", viewonly=True,
        primaryjoin="and_(ResponseAttachment.response_id == FormalResponse.id, "
                    "ResponseAttachment.removed_version_id.is_(None))")

    @property
    def channel_label(self) -> str:
        """"mottatt per post" and the like for a response registered by staff; "" for one sent in hoering."""
        label = REGISTERED_CHANNELS.get(self.channel)
        return str(label) if label else ""

    @property
    def public_name(self) -> str:
        """The name the public sees: a private person's who chose not to be named is "Privatperson"."""
        return self.body_name if self.publish_name else str(RESPONSE_CATEGORY_LABELS[PRIVATE_PERSON])


@sa.event.listens_for(FormalResponse, "before_insert")
@sa.event.listens_for(FormalResponse, "before_update")
def _stamp_publication(_mapper, _connection, response: FormalResponse) -> None:
    """``published_at`` follows the status wherever it is set: stamped when the response becomes
    public (a new one is, unless held), cleared when it is held or hidden."""
    published = response.status in (None, PUBLISHED)
    if published and response.published_at is None:
        response.published_at = utcnow()
    elif not published:
        response.published_at = None


class ResponseVersion(db.Model):
    """One saved version of a formal response, as the body sent it: its history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("formal_response.id", ondelete="CASCADE"), index=True)
    contact_name: Mapped[str] = mapped_column(sa.String(MAX_CONTACT_LENGTH))
    contact_email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    no_comments: Mapped[bool] = mapped_column(default=False)
    late: Mapped[bool] = mapped_column(default=False)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[FormalResponse] = relationship(back_populates="versions")


class ResponseAttachment(db.Model):
    """A file attached to a formal response: checked by its content (attachment_files), its text
    extracted for the guard and the analysis, its bytes stored once per SHA-256 (AttachmentBlob).

    An attachment belongs to the response from the version it came with (``version_id``) until a
    version leaves it out (``removed_version_id``): the current attachments are those not removed.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("formal_response.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("response_version.id", ondelete="CASCADE"))
    removed_version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("response_version.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(10))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.ForeignKey("attachment_blob.sha256"))
    pages: Mapped[int | None]
    text: Mapped[str] = mapped_column(sa.Text, default="")
    scanned: Mapped[bool] = mapped_column(default=False)


class AttachmentBlob(db.Model):
    """The bytes of an attachment, once per SHA-256 however many responses attach the same file."""

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
