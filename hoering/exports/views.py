"""Staff exports of a consultation's comments: CSV streamed at once; XLSX and the memo (DOCX) made in the
background, listed on the exports page and downloaded from there when ready."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import CASEWORKER, PLANNER
from hoering.background import DONE, FAILED, QUEUED, RUNNING, run_in_background
from hoering.consultations.planning import get_staff_consultation
from hoering.exports import services
from hoering.exports.comments import header, row_plan, streamed_rows
from hoering.exports.forms import ExportForm
from hoering.exports.models import MEMO, XLSX
from hoering.exports.writers import csv_chunks
from hoering.languages import current_language

blueprint = Blueprint("exports", __name__, url_prefix="/admin")

KIND_LABELS = {XLSX: _l("Excel (XLSX)"), MEMO: _l("Høringsnotat (Word)")}
STATUS_LABELS = {QUEUED: _l("I kø"), RUNNING: _l("Lages"), DONE: _l("Ferdig"), FAILED: _l("Feilet")}


@blueprint.get("/hoeringer/<slug>/eksport.csv")
@requires(CASEWORKER, PLANNER)
def comments_csv(slug: str):
    """Streamed a batch at a time, so 100,000 comments neither wait for the whole file nor fill memory.

    The body is read after this view has returned and its database session is closed: everything
    taken from the session is read here as plain values (``row_plan``), and the rows come from a
    session of their own (``streamed_rows``).
    """
    consultation = _exportable(slug)
    with_email = services.sees_email(current_user)
    services.record_export(current_user, consultation, "csv", with_email)
    plan = row_plan(consultation, with_email=with_email, tz=get_timezone())
    rows = streamed_rows(current_app._get_current_object(), plan)
    return Response(
        csv_chunks(header(with_email), rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}-innspill.csv"'},
    )


@blueprint.get("/hoeringer/<slug>/eksport.xlsx")
@requires(CASEWORKER, PLANNER)
def comments_xlsx(slug: str):
    """Kept as an address (bookmarks and old links use it), but it only leads to the exports page:
    a GET must change nothing, or a link prefetcher would start exports. The page's button (a POST)
    starts one. An XLSX is made in the background since a ZIP cannot be streamed before it is
    finished, and 100,000 comments take ~14 s (bench/exports.py)."""
    _exportable(slug)
    return redirect(url_for(".index", slug=slug))


@blueprint.get("/hoeringer/<slug>/eksport")
@requires(CASEWORKER, PLANNER)
def index(slug: str):
    consultation = _exportable(slug)
    jobs = services.recent_exports(consultation, current_user)
    return render_template("exports/index.html", consultation=consultation, jobs=jobs, kind_labels=KIND_LABELS,
                           form=ExportForm(formdata=None),
                           status_labels=STATUS_LABELS, keep_hours=int(services.KEEP_FILES_FOR.total_seconds() // 3600))


@blueprint.post("/hoeringer/<slug>/eksport")
@requires(CASEWORKER, PLANNER)
def start(slug: str):
    consultation = _exportable(slug)
    form = ExportForm()
    if form.validate():
        _start(consultation, form.kind.data, form.open_fields.data)
    else:
        flash(_("Velg hva som skal eksporteres."), "error")
    return redirect(url_for(".index", slug=slug))


@blueprint.get("/hoeringer/<slug>/eksport/<int:job_id>")
@requires(CASEWORKER, PLANNER)
def download(slug: str, job_id: int):
    """Streamed from the database a part at a time (hoering.exports.files): a file of tens of MB never
    sits whole in a web process's memory, and any web process on any machine can hand it out. Never
    stored by a cache: the file may hold citizens' e-mail addresses."""
    consultation = _exportable(slug)
    job = services.finished_export(consultation, job_id)
    if job is None:
        abort(404)
    if not services.may_download(current_user, job):
        abort(403)
    services.record_download(current_user, job)
    mimetype, name = services.download_details(job, slug)
    response = Response(services.file_body(current_app._get_current_object(), job), mimetype=mimetype,
                        headers={"Content-Length": str(job.size), "Cache-Control": "no-store"})
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


def _exportable(slug: str):
    """The consultation (404 if none, 403 if this user may not export it)."""
    consultation = get_staff_consultation(slug)
    if not services.may_export(current_user, consultation):
        abort(403)
    return consultation


def _start(consultation, kind: str, open_fields: bool) -> None:
    """Ask for the export and hand a new one to the background; tell the user which happened."""
    job, started = services.request_export(consultation, current_user, kind, current_language(), open_fields)
    if started:
        run_in_background(current_app._get_current_object(), services.EXECUTE_EXPORT, job.id)
        flash(_("Eksporten er startet. Oppdater siden for å se når filen er klar."), "info")
    else:
        flash(_("Denne eksporten lages allerede."), "info")
