"""Open data, read only: consultations, their units and their published comments as JSON.

The field names are a promise to outside users (see the README); extend, never rename.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from hoering.accounts.access import public
from hoering.comments.services import comments_after, counts_by_anchor, counts_by_consultation
from hoering.comments.urls import discussion_url
from hoering.consultations.navigation import heading_paths
from hoering.consultations.services import current_units, get_public_consultation, public_consultations
from hoering.errors import render_error
from hoering.revisions.places import comment_places
from hoering.summaries.urls import summary_url

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


class BadParameter(ValueError):
    pass


@blueprint.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    return render_error(400, str(error))


@blueprint.get("/consultations")
@public
def consultations():
    items = public_consultations()
    counts = counts_by_consultation([c.id for c in items])
    return jsonify(consultations=[_consultation(c, counts.get(c.id, 0)) for c in items])


@blueprint.get("/consultations/<slug>")
@public
def consultation(slug: str):
    consultation = get_public_consultation(slug)
    counts = counts_by_anchor(consultation)
    body = _consultation(consultation, sum(counts.values()))
    body["summary"] = consultation.summary
    body["language"] = consultation.language  # the draft's: nb, nn or en
    body["version"] = consultation.current_version.number
    units = current_units(consultation)
    paths = {position: [heading.headline for heading in path] for position, path in heading_paths(units).items()}
    body["units"] = [
        {
            "number": unit.number,
            "label": unit.citation,
            "path": paths[unit.position],
            "anchor": unit.anchor,
            "kind": unit.kind,
            "text": unit.text,
            "html": unit.html,
            "comment_count": counts.get(unit.anchor, 0),
            "url": discussion_url(consultation.slug, unit.anchor, _external=True),
        }
        for unit in units
    ]
    body["whole_document"] = {
        "comment_count": counts.get(None, 0),
        "url": discussion_url(consultation.slug, None, _external=True),
    }
    body["summary_url"] = summary_url(consultation, _external=True)  # None until a summary is signed off
    return jsonify(body)


@blueprint.get("/consultations/<slug>/comments")
@public
def comments(slug: str):
    consultation = get_public_consultation(slug)
    after = _int_parameter("after", default=0, minimum=0, maximum=2**62)
    limit = _int_parameter(
        "limit", default=current_app.config["API_DEFAULT_LIMIT"], minimum=1, maximum=current_app.config["API_MAX_LIMIT"]
    )
    page = comments_after(consultation, after, limit + 1)
    more = len(page) > limit
    page = page[:limit]
    places = comment_places(consultation, page)
    next_url = (
        url_for("api.comments", slug=slug, after=page[-1].id, limit=limit, _external=True) if more else None
    )
    return jsonify(comments=[_comment(c, places[c.id]) for c in page], next=next_url)


def _consultation(consultation, comment_count: int) -> dict:
    return {
        "slug": consultation.slug,
        "title": consultation.title,
        "organisation": consultation.organisation,
        "status": consultation.status,
        "opens_at": _iso(consultation.opens_at),
        "closes_at": _iso(consultation.closes_at),
        "comment_count": comment_count,
        "url": url_for("consultations.consultation", slug=consultation.slug, _external=True),
    }


def _comment(comment, place) -> dict:
    """A comment; ``unit`` is where it sits in the current version (None: the whole document, or a
    paragraph a revision removed, then named by ``removed_unit``), ``version`` the one it was written on."""
    return {
        "id": comment.id,
        "unit": place.unit,
        "removed_unit": place.removed_unit,
        "version": place.version,
        "parent": comment.parent_id,
        "author_name": comment.author_name,
        "organisation": comment.organisation or "",
        "stance": comment.stance or "",
        "text": comment.text,
        "html": comment.html,
        "agree_count": comment.agree_count,
        "created_at": _iso(comment.created_at),
    }


def _iso(moment) -> str:
    """ISO 8601 in UTC with an explicit zone, so no client has to guess."""
    return moment.replace(microsecond=0).isoformat() + "Z"


def _int_parameter(name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise BadParameter(_("Parameteren %(name)s må være et heltall.", name=name))
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadParameter(
            _("Parameteren %(name)s må være mellom %(min)d og %(max)d.", name=name, min=minimum, max=maximum)
        )
    return value
