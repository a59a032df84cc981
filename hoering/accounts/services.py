"""Rules for staff accounts: creating users, checking passwords, giving and taking roles."""
from __future__ import annotations

import hmac

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from hoering.accounts.models import ADMIN, ROLES, User, UserRole, new_session_token
from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.rejections import Rejected

MIN_PASSWORD_LENGTH = 12
# Werkzeug's scrypt: memory-hard, so a stolen table of hashes is slow to crack on GPUs.
PASSWORD_METHOD = "scrypt"
# Checked when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_UNKNOWN_USER_HASH = generate_password_hash("not a real password", method=PASSWORD_METHOD)


class AccountRejected(Rejected):
    """Input a staff account cannot take."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, name: str, password: str, roles, actor=None) -> User:
    """Create a staff user with the given roles and log it; commits. Raises AccountRejected on bad input."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountRejected("email", _("Skriv en gyldig e-postadresse."))
    if find_user(email) is not None:
        raise AccountRejected("email", _("Det finnes allerede en bruker med denne e-postadressen."))
    _check_password(password)
    user = User(email=email, name=name.strip() or email, password_hash=hash_password(password))
    db.session.add(user)
    set_roles(user, roles)
    db.session.flush()
    audit.record(actor, "user.create", "user", user.id, after=_snapshot(user))
    db.session.commit()
    return user


def update_user(user: User, roles, active: bool, actor) -> None:
    """Change a user's roles and whether the account may log in; logged with before and after.

    Taking a role away or closing the account ends the user's sessions: a browser left logged in
    must not keep a right the user no longer has.
    """
    if actor is not None and actor.id == user.id and (ADMIN not in roles or not active):
        raise AccountRejected("roles", _("Du kan ikke ta fra deg selv administratortilgangen."))
    before = _snapshot(user)
    lost_rights = bool(user.roles - set(roles)) or (user.active and not active)
    set_roles(user, roles)
    user.active = active
    if lost_rights:
        end_sessions(user)
    audit.record(actor, "user.update", "user", user.id, before=before, after=_snapshot(user))
    db.session.commit()


def set_password(user: User, password: str, actor=None) -> None:
    """Give ``user`` a new password and end all their sessions; logged, without the password."""
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(user)
    audit.record(actor, "user.password", "user", user.id)
    db.session.commit()


def end_sessions(user: User) -> None:
    """Make every session of ``user`` invalid, wherever its cookie is; does not commit."""
    user.session_token = new_session_token()


def log_out(user: User) -> None:
    """End every session of ``user``, so a copy of the session cookie is worth nothing afterwards."""
    end_sessions(user)
    db.session.commit()


def load_user(session_id: str) -> User | None:
    """The user a login session belongs to, or None when the session has been ended or the account closed.

    ``session_id`` is ``User.get_id()`` as it was at login: "<id>:<session token>".
    """
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def _snapshot(user: User) -> dict:
    return {"email": user.email, "name": user.name, "roles": sorted(user.roles), "active": user.active}


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountRejected(
            "password", _("Passordet må ha minst %(n)d tegn.", n=MIN_PASSWORD_LENGTH)
        )


def set_roles(user: User, roles) -> None:
    """Give ``user`` exactly these roles (unknown role names are refused); does not commit."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise AccountRejected("roles", _("Ukjent rolle: %(roles)s", roles=", ".join(sorted(unknown))))
    user.role_rows = [UserRole(role=role) for role in sorted(set(roles))]


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None; takes the same time either way."""
    user = find_user(email)
    valid = check_password_hash(user.password_hash if user else _UNKNOWN_USER_HASH, password)
    if user is None or not valid or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def all_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.name)))
