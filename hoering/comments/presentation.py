"""How a comment's values are shown: the stances a citizen can take, the role an answer is signed with."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from hoering.accounts.models import ROLE_LABELS
from hoering.comments.urls import discussion_url

STANCE_LABELS = {
    "support": _l("Støtter"),
    "against": _l("Er imot"),
    "neutral": _l("Nøytral"),
    "suggestion": _l("Har forslag"),
}


def init_app(app: Flask) -> None:
    app.add_template_filter(lambda s: STANCE_LABELS.get(s, ""), "stance")
    app.add_template_global(STANCE_LABELS, "stance_labels")
    app.add_template_filter(lambda role: ROLE_LABELS.get(role, ""), "role")
    app.add_template_global(discussion_url, "discussion_url")
