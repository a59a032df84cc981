"""The organisation's brand as an admin saved it: one row, or none while the settings' defaults hold."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column

from hoering.clock import utcnow
from hoering.extensions import db

THE_ROW = 1
MAX_NAME_LENGTH = 120
MAX_URL_LENGTH = 500
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40
MAX_ADDRESS_LENGTH = 200


class Branding(db.Model):
    """Once saved, the row is the whole brand: an empty field is empty, not the default again."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH), default="")
    main_colour: Mapped[str] = mapped_column(sa.String(7), default="")
    # Read only when the logo itself is asked for, not on every page that shows the brand.
    logo: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    logo_media_type: Mapped[str] = mapped_column(sa.String(20), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(MAX_PHONE_LENGTH), default="")
    contact_address: Mapped[str] = mapped_column(sa.String(MAX_ADDRESS_LENGTH), default="")
    privacy_url: Mapped[str] = mapped_column(sa.String(MAX_URL_LENGTH), default="")
    accessibility_url: Mapped[str] = mapped_column(sa.String(MAX_URL_LENGTH), default="")
    website_url: Mapped[str] = mapped_column(sa.String(MAX_URL_LENGTH), default="")
    # The data protection officer (personvernombud), named on the privacy page /personvern.
    dpo_name: Mapped[str] = mapped_column(sa.String(MAX_NAME_LENGTH), default="", server_default="")
    dpo_email: Mapped[str] = mapped_column(sa.String(MAX_EMAIL_LENGTH), default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
