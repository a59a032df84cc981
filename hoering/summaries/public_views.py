"""The politician's summary page: the newest signed-off summary of a consultation's input, for anyone."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import format_percent, lazy_gettext as _l

from hoering.accounts.access import public
from hoering.consultations.services import get_public_consultation
from hoering.errors import render_error
from hoering.summaries import charts, presentation
from hoering.summaries.services import published_summary

blueprint = Blueprint("summaries", __name__)

NOT_SIGNED_OFF = _l("Oppsummeringen av innspillene er ikke klar ennå. Den blir publisert her når "
                    "saksbehandlerne har gått gjennom innspillene og godkjent den.")

# The chart macros in templates/components/charts.html draw with these, on any page that imports them.
blueprint.add_app_template_global(charts.stacked_bar, "stacked_bar")
blueprint.add_app_template_global(charts.bar_chart, "bar_chart")
blueprint.add_app_template_global(charts.swatch, "chart_swatch")
blueprint.add_app_template_global(presentation.stance_parts, "stance_parts")
blueprint.add_app_template_global(presentation.page_numbering, "page_numbering")
blueprint.add_app_template_filter(format_percent, "percent")  # 0.4 is 40 % in Norwegian, 40% in English


@blueprint.get("/hoeringer/<slug>/oppsummering")
@public
def summary(slug: str):
    consultation = get_public_consultation(slug)
    version = published_summary(consultation)
    if version is None:
        return render_error(404, NOT_SIGNED_OFF)
    if version.is_withdrawn:
        return render_template("summaries/withdrawn.html", consultation=consultation, version=version)
    return render_template("summaries/summary.html", consultation=consultation,
                           page=presentation.summary_page(consultation, version))


