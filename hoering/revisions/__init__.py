"""Revised drafts: how version N+1 of a draft lines up with version N, where the comments go, and what
the public is told about what changed and why."""
