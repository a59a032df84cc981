"""The admin's page for a GDPR access request: an address in, a summary, the whole on the page or as JSON.

Every step is a POST, so the address is never in a URL (nor in a proxy's log or the browser's history),
and every answer is logged (access_requests.record_access_request) without the address.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN
from hoering.privacy import access_requests
from hoering.privacy.forms import AccessRequestForm

blueprint = Blueprint("privacy", __name__, url_prefix="/admin/personvern")

CATEGORY_LABELS = {
    "comments": _l("Innspill"),
    "subscriptions": _l("Abonnementer (følger)"),
    "formal_responses": _l("Høringssvar som kontaktperson"),
    "invitations": _l("Høringsinstanser med adressen"),
    "staff_account": _l("Ansattkonto"),
    "mail": _l("E-poster sendt til adressen"),
    "outbox_files": _l("E-postfiler i utboksen"),
    "audit_entries": _l("Oppføringer i revisjonsloggen"),
    "mentions": _l("Nevnt i andres tekst (bare henvisning)"),
}


@blueprint.get("/innsyn")
@requires(ADMIN)
def access_request():
    return _page(AccessRequestForm())


@blueprint.post("/innsyn")
@requires(ADMIN)
def access_report():
    """The summary per category and every row found, on the page."""
    form = AccessRequestForm()
    report = _recorded_report(form, "page")
    if report is None:
        return _page(form, status=400)
    return _page(form, report)


@blueprint.post("/innsyn.json")
@requires(ADMIN)
def access_download():
    """The same as a JSON file to hand over to the person."""
    form = AccessRequestForm()
    report = _recorded_report(form, "json")
    if report is None:
        return _page(form, status=400)
    filename = f"innsyn-{report.made_at:%Y-%m-%d}.json"
    return Response(report.as_json(), content_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


def _page(form: AccessRequestForm, report=None, status: int = 200):
    return render_template("privacy/access_request.html", form=form, report=report,
                           category_labels=CATEGORY_LABELS), status


def _recorded_report(form: AccessRequestForm, delivered_as: str) -> access_requests.AccessReport | None:
    """The report for the form's address, recorded in the audit log as ``delivered_as``; or None with
    the reason on the form."""
    if not form.validate_on_submit():
        return None
    reports = []
    if not form.carried_out(lambda: reports.append(access_requests.collect(form.email.data, outbox_folder()))):
        return None
    access_requests.record_access_request(current_user, reports[0], current_app.secret_key, delivered_as)
    return reports[0]


def outbox_folder() -> str | None:
    """The folder of .eml files written while no MAIL_SERVER was set; looked through even when one is
    set now, since files written before stay there."""
    return current_app.config.get("MAIL_OUTBOX")
