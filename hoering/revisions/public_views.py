"""What citizens see of revised drafts: every version readable, and what changed between them, and why."""
from __future__ import annotations

from flask import Blueprint

from hoering.revisions import models  # noqa: F401  (the lineage tables, for the pages and migrations)

blueprint = Blueprint("versions", __name__, url_prefix="/hoeringer/<slug>")
