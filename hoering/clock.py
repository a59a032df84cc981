"""The time every stored moment is in: naive UTC. Below every feature, so that each can stamp its rows."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp is stored in (SQLite keeps no zone)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
