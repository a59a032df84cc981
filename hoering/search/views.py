"""The search pages: citizens' (/sok, within one consultation with ?horing=<slug>) and staff's (/admin/sok)."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from hoering.accounts.access import public, requires
from hoering.accounts.models import CASEWORKER, MODERATOR
from hoering.consultations.planning import get_staff_consultation
from hoering.consultations.services import get_public_consultation
from hoering.search import services

blueprint = Blueprint("search", __name__)


@blueprint.get("/sok")
@public
def search():
    slug = request.args.get("horing") or None
    consultation = get_public_consultation(slug) if slug else None
    results = services.search_public(request.args.get("q"), consultation, _page())
    return render_template("search/results.html", results=results)


@blueprint.get("/admin/sok")
@requires(MODERATOR, CASEWORKER)
def staff_search():
    slug = request.args.get("horing") or None
    consultation = get_staff_consultation(slug) if slug else None
    results = services.search_staff(request.args.get("q"), consultation, _page())
    return render_template("search/staff.html", results=results)


def _page() -> int:
    """The ``side`` parameter; anything but a page number is the first page (a search never fails on it)."""
    raw = request.args.get("side", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1
