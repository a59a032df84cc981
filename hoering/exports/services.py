"""Who may export a consultation's comments, who sees e-mail addresses, and the audit entry."""
from __future__ import annotations

from hoering.accounts.models import ADMIN, CASEWORKER
from hoering.audit import services as audit
from hoering.consultations.models import Consultation
from hoering.consultations.planning import may_manage
from hoering.database import begin_write
from hoering.extensions import db

# The roles that see citizens' e-mail addresses elsewhere too (the comment page for staff).
SEES_EMAIL = (ADMIN, CASEWORKER)


def may_export(user, consultation: Consultation) -> bool:
    """Caseworkers and admins export any consultation; a planner only one they may manage."""
    return user.has_any_role(SEES_EMAIL) or may_manage(user, consultation)


def sees_email(user) -> bool:
    """Whether the export includes the commenters' e-mail addresses."""
    return user.has_any_role(SEES_EMAIL)


def record_export(actor, consultation: Consultation, file_format: str, with_email: bool) -> None:
    """Log who exported which consultation, in which format, with or without e-mail; commits.

    The export is a GET, whose transaction starts as a reader; on SQLite it could not become a
    writer while an analysis is writing, so the entry gets a write transaction of its own.
    """
    begin_write()
    audit.record(actor, "consultation.export", "consultation", consultation.id,
                 after={"format": file_format, "email": with_email})
    db.session.commit()
