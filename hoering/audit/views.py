"""The audit log page: read-only, for admins."""
from flask import Blueprint, render_template, request

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN
from hoering.audit.services import audit_page

blueprint = Blueprint("audit", __name__)


@blueprint.get("/admin/logg")
@requires(ADMIN)
def log():
    return render_template("audit/log.html", log=audit_page(request.args.get("side", 1, type=int)))
