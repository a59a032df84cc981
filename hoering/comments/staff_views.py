"""The staff's page of questions from citizens that wait for the municipality's answer."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import CASEWORKER, PLANNER
from hoering.comments import answers
from hoering.consultations.planning import get_staff_consultation
from hoering.consultations.services import unit_citations

blueprint = Blueprint("answers", __name__, url_prefix="/admin/hoeringer")


@blueprint.get("/<slug>/ubesvarte-sporsmal")
@requires(PLANNER, CASEWORKER)
def unanswered(slug: str):
    consultation = get_staff_consultation(slug)
    if not answers.may_answer(current_user, consultation):
        abort(403)
    page = answers.unanswered_questions(consultation, request.args.get("side", 1, type=int))
    return render_template("comments/unanswered.html", consultation=consultation, page=page,
                           citations=unit_citations(consultation))
