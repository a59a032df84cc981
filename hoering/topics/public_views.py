"""The page of each topic and each area: the consultations tagged with it."""
from __future__ import annotations

from flask import Blueprint, render_template

from hoering.accounts.access import public
from hoering.comments.services import counts_by_consultation
from hoering.topics import services
from hoering.topics.models import AREA, TOPIC

blueprint = Blueprint("topics", __name__)


@blueprint.get("/emner/<slug>", defaults={"kind": TOPIC})
@blueprint.get("/omrader/<slug>", defaults={"kind": AREA})
@public
def topic(kind: str, slug: str):
    topic = services.get_topic(kind, slug)
    page = services.page_of(topic)
    shown = [c.id for group in (page.open, page.upcoming, page.closed) for c in group]
    return render_template("topics/topic.html", topic=topic, page=page, comment_counts=counts_by_consultation(shown))
