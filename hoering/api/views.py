"""Open data, read only: consultations, their units and their published comments as JSON.

The field names are a promise to outside users (see the README); extend, never rename.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from hoering.accounts.access import public
from hoering.api import caching
from hoering.api.description import description
from hoering.api.records import (
    comment_record, consultation_record, response_record, source_url, unit_records, version_record,
)
from hoering.comments.services import comments_after, counts_by_anchor, counts_by_consultation
from hoering.comments.urls import discussion_url
from hoering.consultations.services import current_units, get_public_consultation, public_consultations
from hoering.errors import render_error
from hoering.responses import publication
from hoering.revisions import history
from hoering.revisions.places import comment_places
from hoering.security import MAX_ID
from hoering.search.query import MAX_QUERY_LENGTH
from hoering.search.services import published_comments_after
from hoering.summaries.urls import summary_url

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
caching.init_blueprint(blueprint)


class BadParameter(ValueError):
    pass


@blueprint.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    return render_error(400, str(error))


@blueprint.get("/openapi.json")
@public
def openapi():
    return jsonify(description())


@blueprint.get("/consultations")
@public
def consultations():
    items = public_consultations()
    counts = counts_by_consultation([c.id for c in items])
    return jsonify(consultations=[consultation_record(c, counts.get(c.id, 0)) for c in items])


@blueprint.get("/consultations/<slug>")
@public
def consultation(slug: str):
    consultation = get_public_consultation(slug)
    counts = counts_by_anchor(consultation)
    body = consultation_record(consultation, sum(counts.values()))
    body["summary"] = consultation.summary
    body["language"] = consultation.language  # the draft's: nb, nn or en
    body["kind"] = consultation.kind  # whose deadline rules apply: state, plan or other
    body["short_deadline_reason"] = consultation.short_deadline_reason  # empty unless a state one has < 3 months
    body["late_responses"] = consultation.late_responses  # a formal response after the deadline: refuse or accept
    versions = history.versions(consultation)
    current = consultation.current_version  # among the versions just read: no query of its own
    body["version"] = current.number
    body["versions"] = [version_record(consultation, version) for version in versions]
    body["source_url"] = source_url(consultation, current)
    units = current_units(consultation)
    body["units"] = unit_records(
        current, units,
        comment_count=lambda unit: counts.get(unit.anchor, 0),
        url=lambda unit: discussion_url(consultation.slug, unit.anchor, _external=True),
    )
    body["whole_document"] = {
        "comment_count": counts.get(None, 0),
        "url": discussion_url(consultation.slug, None, _external=True),
    }
    body["summary_url"] = summary_url(consultation, _external=True)  # None until a summary is signed off
    return jsonify(body)


@blueprint.get("/consultations/<slug>/versions/<int:number>")
@public
def version(slug: str, number: int):
    """One version of the draft, readable after later ones replace it; ``comment_count`` counts the
    published comments that sat on a unit while this version was current."""
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    units = history.units_of(version)
    counts = history.comment_counts(version)
    body = version_record(consultation, version)
    body["source_url"] = source_url(consultation, version)
    body["units"] = unit_records(
        version, units,
        comment_count=lambda unit: counts.get(unit.id, 0),
        url=lambda unit: url_for("versions.unit", slug=consultation.slug, number=version.number, anchor=unit.anchor,
                                 _external=True),
    )
    return jsonify(body)


@blueprint.get("/consultations/<slug>/comments")
@public
def comments(slug: str):
    consultation = get_public_consultation(slug)
    # No id is above MAX_ID (PostgreSQL's integer): a cursor beyond it is an empty page, not a query the
    # database refuses.
    after = min(_int_parameter("after", default=0, minimum=0, maximum=2**62), MAX_ID)
    limit = _int_parameter(
        "limit", default=current_app.config["API_DEFAULT_LIMIT"], minimum=1, maximum=current_app.config["API_MAX_LIMIT"]
    )
    q = request.args.get("q", "")  # with q: only the comments a search for it finds
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(_("Parameteren q kan ha høyst %(max)d tegn.", max=MAX_QUERY_LENGTH))
    q = q.strip() or None
    if q:
        page = published_comments_after(consultation, after, limit + 1, q)
    else:
        page = comments_after(consultation, after, limit + 1)
    more = len(page) > limit
    page = page[:limit]
    places = comment_places(consultation, page)
    next_url = (
        url_for("api.comments", slug=slug, after=page[-1].id, limit=limit, q=q, _external=True) if more else None
    )
    return jsonify(comments=[comment_record(c, places[c.id]) for c in page], next=next_url)


@blueprint.get("/consultations/<slug>/responses")
@public
def responses(slug: str):
    """The published formal responses, and the invited bodies that have not answered. Held or hidden
    responses never appear."""
    consultation = get_public_consultation(slug)
    listing = publication.public_list(consultation)
    return jsonify(
        responses=[response_record(slug, response) for response in listing.published],
        invited_without_response=[{"body": invited.body.name, "category": invited.body.category}
                                  for invited in listing.not_answered],
        received=listing.received,
    )


def _int_parameter(name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:  # given empty, it is as wrong as any other word: the description says a whole number
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise BadParameter(_("Parameteren %(name)s må være et heltall.", name=name))
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadParameter(
            _("Parameteren %(name)s må være mellom %(min)d og %(max)d.", name=name, min=minimum, max=maximum)
        )
    return value
