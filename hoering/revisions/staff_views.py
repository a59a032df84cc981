"""The planner's side of a revised draft: upload it, check how it lines up, correct, publish, explain."""
from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("revisions", __name__, url_prefix="/admin/hoeringer/<slug>")
