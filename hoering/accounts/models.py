"""Staff users and their roles. Citizens never have an account."""
from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.clock import utcnow
from hoering.extensions import db

ADMIN = "admin"
PLANNER = "planner"
MODERATOR = "moderator"
CASEWORKER = "caseworker"
ROLES = (ADMIN, PLANNER, MODERATOR, CASEWORKER)
ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    PLANNER: _l("Planlegger"),
    MODERATOR: _l("Moderator"),
    CASEWORKER: _l("Saksbehandler"),
}
# Roles that may see a citizen's e-mail address: a caseworker may need to answer, an admin erases.
# A moderator judges what was written, not who wrote it.
SEES_EMAIL = frozenset({ADMIN, CASEWORKER})


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Part of the id kept in every login session: rotating it ends all of the user's sessions at once
    # (accounts.services.end_sessions), even a session cookie someone copied before logging out.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)

    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    def has_any_role(self, roles) -> bool:
        return bool(self.roles & set(roles))

    @property
    def sees_email(self) -> bool:
        return self.has_any_role(SEES_EMAIL)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the current session token."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active


class UserRole(db.Model):
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
