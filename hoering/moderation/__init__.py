"""Moderation: the queue, flags, the personal-data guard and the audit log."""
