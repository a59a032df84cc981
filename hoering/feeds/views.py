"""Atom feeds (RFC 4287) with absolute links: the consultations (all, or a topic's or an area's), and
each consultation's comments and the municipality's answers. Pages announce them with <link rel="alternate"> (templates/base.html)."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, render_template

from hoering.accounts.access import public
from hoering.clock import utcnow
from hoering.consultations.services import get_public_consultation, unit_citations
from hoering.feeds import entries
from hoering.topics.models import AREA, TOPIC
from hoering.topics.services import get_topic

blueprint = Blueprint("feeds", __name__)
ATOM = "application/atom+xml; charset=utf-8"


@blueprint.get("/hoeringer.atom")
@public
def consultations():
    return _consultations_feed(None)


@blueprint.get("/emner/<slug>.atom", defaults={"kind": TOPIC})
@blueprint.get("/omrader/<slug>.atom", defaults={"kind": AREA})
@public
def topic(kind: str, slug: str):
    """The consultations tagged with a topic or an area, as the consultations' feed."""
    return _consultations_feed(get_topic(kind, slug))


def _consultations_feed(topic):
    opened = entries.opened_consultations(topic_id=topic.id if topic else None)
    updated = max((c.opens_at for c in opened), default=None)
    return _atom("feeds/consultations.xml", consultations=opened, updated=updated, topic=topic)


@blueprint.get("/hoeringer/<slug>/innspill.atom")
@public
def comments(slug: str):
    consultation = get_public_consultation(slug)
    newest = entries.newest_comments(consultation)
    return _atom("feeds/comments.xml", consultation=consultation, comments=newest,
                 citations=unit_citations(consultation), updated=newest[0].created_at if newest else consultation.opens_at)


def _atom(template: str, updated: datetime | None, **context):
    body = render_template(template, updated=rfc3339(updated or utcnow()), rfc3339=rfc3339, **context)
    return body, 200, {"Content-Type": ATOM}


def rfc3339(moment: datetime) -> str:
    """A stored UTC time as Atom writes dates: to the second, with the zone."""
    return moment.replace(microsecond=0).isoformat() + "Z"
