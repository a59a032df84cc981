"""The caseworker's analysis page: start a run, follow its progress, read themes, campaigns and the heat map."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import CASEWORKER
from hoering.casework import services
from hoering.casework.forms import AssessmentsRequiredForm, ReviewForm, RunForm, WithdrawForm
from hoering.casework.review import current_review, last_change
from hoering.casework.sign_off import versions
from hoering.casework.jobs import dispatch
from hoering.consultations.planning import get_staff_consultation
from hoering.responses.analysed import source_of

blueprint = Blueprint("casework", __name__, url_prefix="/admin")
# Whether an id of the analysis names a comment or a formal response (casework/macros.html).
blueprint.add_app_template_global(source_of, "analysed_source")

# The senders of a campaign the analysis page links to; the rest are counted (all are in the exports).
# A campaign may have tens of thousands.
CAMPAIGN_SENDERS_SHOWN = 5

# The analysis library's stages (hoering.analysis.STAGES), as the progress line names them.
STAGE_LABELS = {
    "prepare": _l("forbereder"),
    "campaigns": _l("finner kampanjer"),
    "themes": _l("finner temaer"),
    "summary": _l("lager sammendrag"),
    "participation": _l("teller deltakelse"),
}


@blueprint.get("/analyse")
@requires(CASEWORKER)
def index():
    """Every consultation past the draft stage, with the state of its latest analysis."""
    return render_template("casework/index.html", rows=services.consultations_with_runs())


@blueprint.get("/hoeringer/<slug>/analyse")
@requires(CASEWORKER)
def analysis(slug: str):
    consultation = get_staff_consultation(slug)
    review = current_review(consultation)
    return render_template("casework/analysis.html", consultation=consultation,
                           page=services.analysis_page(consultation, review.inputs if review else None),
                           form=RunForm(formdata=None),
                           stage_labels=STAGE_LABELS, senders_shown=CAMPAIGN_SENDERS_SHOWN, review=review,
                           versions=versions(consultation),
                           review_form=ReviewForm(formdata=None, run_id=review.run.id if review else None),
                           withdraw_form=WithdrawForm(formdata=None),
                           assessments_form=AssessmentsRequiredForm(formdata=None, required=consultation.assessments_required),
                           last_change=last_change(consultation, current_user))


@blueprint.post("/hoeringer/<slug>/analyse")
@requires(CASEWORKER)
def run(slug: str):
    consultation = get_staff_consultation(slug)
    form = RunForm()
    if form.validate():
        run, started = services.request_run(consultation, current_user, recluster=form.recluster.data)
        if started:
            dispatch(current_app._get_current_object(), run.id)
            flash(_("Analysen er startet. Siden viser hvor langt den har kommet."), "info")
        else:
            flash(_("Analysen kjører allerede."), "info")
    return redirect(url_for("casework.analysis", slug=slug))


@blueprint.get("/hoeringer/<slug>/analyse/status")
@requires(CASEWORKER)
def status(slug: str):
    """The newest run's state as JSON, for the page's script to follow without reloading."""
    run = services.latest_run(get_staff_consultation(slug))
    if run is None:
        return jsonify(status=None)
    return jsonify(status=run.status, stage=run.stage, progress=run.progress)
