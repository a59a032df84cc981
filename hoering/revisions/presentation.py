"""How a change between two versions of a draft is named, wherever it is shown: the planner's preview,
the public pages and the memo."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from hoering.revisions.alignment import EDITED, MERGED, MOVED, NEW, REMOVED, SPLIT, UNCHANGED

STATUS_LABELS = {
    UNCHANGED: _l("Uendret"),
    EDITED: _l("Endret"),
    MOVED: _l("Flyttet"),
    SPLIT: _l("Delt"),
    MERGED: _l("Slått sammen"),
    NEW: _l("Nytt"),
    REMOVED: _l("Fjernet"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, STATUS_LABELS[UNCHANGED]))


def init_app(app: Flask) -> None:
    app.add_template_filter(status_label, "revision_status")
