"""Writing to and reading the audit log."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.extensions import db

SYSTEM_ACTOR = "system"


def record(actor, action: str, target_type: str, target_id, before: dict | None = None,
           after: dict | None = None) -> AuditEntry:
    """Add an entry for ``actor`` (a User, or None for the command line); committed with the change."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor=getattr(actor, "email", None) or SYSTEM_ACTOR,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    pages: int


def audit_page(page: int, per_page: int = 100) -> AuditPage:
    """Newest entries first, a page at a time."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    entries = db.session.scalars(
        sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(per_page).offset((page - 1) * per_page)
    )
    return AuditPage(list(entries), page, pages)
