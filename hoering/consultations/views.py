"""Public pages of consultations: the front page and a consultation with its whole draft."""
from flask import Blueprint, render_template

from hoering.accounts.access import public
from hoering.comments.services import counts_by_anchor, counts_by_consultation
from hoering.consultations import services
from hoering.consultations.navigation import table_of_contents
from hoering.summaries.public_views import summary_url

blueprint = Blueprint("consultations", __name__)


@blueprint.get("/")
@public
def front_page():
    page = services.front_page()
    ids = [c.id for c in page.open + page.upcoming + page.closed]
    return render_template("consultations/front_page.html", page=page, comment_counts=counts_by_consultation(ids))


@blueprint.get("/hoeringer/<slug>")
@public
def consultation(slug: str):
    consultation = services.get_public_consultation(slug)
    units, comment_counts = services.current_units(consultation), counts_by_anchor(consultation)
    return render_template(
        "consultations/consultation.html",
        consultation=consultation,
        units=units,
        comment_counts=comment_counts,
        contents=table_of_contents(units, comment_counts),
        summary_url=summary_url(consultation),
    )
