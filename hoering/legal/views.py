"""/personvern: how this service processes personal data, written from the brand (the controller, its
contact, its data protection officer) and RETENTION_MONTHS. /tilgjengelighet: where the organisation
publishes its accessibility statement, and how to report a problem.

Both are ours even when the brand links the footer to the organisation's own statements: those cover
the whole organisation, these say what this service does with what a citizen types into it."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from hoering.accounts.access import public
from hoering.security import safe_local_path

blueprint = Blueprint("legal", __name__)


@blueprint.get("/personvern")
@public
def privacy():
    return render_template("legal/privacy.html", retention_months=current_app.config["RETENTION_MONTHS"])


@blueprint.get("/tilgjengelighet")
@public
def accessibility():
    # The footer's link names the page the reader came from (?side=/hoeringer/…), so a report can say
    # where the problem is. Only a path on this site: the address is shown and goes into the e-mail.
    page = safe_local_path(request.args.get("side"))
    return render_template("legal/accessibility.html",
                           reported_page=request.host_url.rstrip("/") + page if page else "")
