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

MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254


class Body(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH))
    organisation_number: Mapped[str | None] = mapped_column(sa.String(9), unique=True)
    email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH))
    category: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, self.category))

    @property
    def organisation_number_text(self) -> str:
        """The number in groups of three ("974 760 673"), or "" when the body has none."""
        return formatted(self.organisation_number) if self.organisation_number else ""


class InvitedBody(db.Model):
    """A body picked for a consultation. ``invited_at`` stays empty until the invitation is sent."""

    __table_args__ = (sa.UniqueConstraint("consultation_id", "body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"))
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("body.id", ondelete="CASCADE"), index=True)
    invited_at: Mapped[datetime | None]

    body: Mapped[Body] = relationship(lazy="joined")
