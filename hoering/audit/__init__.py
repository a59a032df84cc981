"""The audit log: every staff action, who did it, when, and what changed. Append-only."""
