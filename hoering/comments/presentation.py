"""How a comment's values are shown: the stances a citizen can take."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

STANCE_LABELS = {
    "support": _l("Støtter"),
    "against": _l("Er imot"),
    "neutral": _l("Nøytral"),
    "suggestion": _l("Har forslag"),
}


def init_app(app: Flask) -> None:
    app.add_template_filter(lambda s: STANCE_LABELS.get(s, ""), "stance")
