"""Staff downloads of a consultation's comments as CSV (streamed) or XLSX (a temporary file)."""
from __future__ import annotations

import tempfile

from flask import Blueprint, Response, abort, send_file, stream_with_context
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import CASEWORKER, PLANNER
from hoering.consultations.planning import get_staff_consultation
from hoering.exports import services
from hoering.exports.comments import comment_rows, header
from hoering.exports.writers import XLSX_MIMETYPE, csv_chunks, write_xlsx

blueprint = Blueprint("exports", __name__, url_prefix="/admin")

SHEET_TITLE = _l("Innspill")


@blueprint.get("/hoeringer/<slug>/eksport.csv")
@requires(CASEWORKER, PLANNER)
def comments_csv(slug: str):
    """Streamed a batch at a time, so 100,000 comments neither wait for the whole file nor fill memory."""
    consultation, with_email = _start_export(slug, "csv")
    rows = comment_rows(consultation, with_email=with_email, tz=get_timezone())
    return Response(
        stream_with_context(csv_chunks(header(with_email), rows)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}-innspill.csv"'},
    )


@blueprint.get("/hoeringer/<slug>/eksport.xlsx")
@requires(CASEWORKER, PLANNER)
def comments_xlsx(slug: str):
    """Written row by row to a temporary file (deleted when sent); 100,000 comments take ~18 s (bench/exports.py).

    A ZIP cannot be streamed before it is finished; a background job is the next step for larger sizes.
    """
    consultation, with_email = _start_export(slug, "xlsx")
    rows = comment_rows(consultation, with_email=with_email, tz=get_timezone())
    target = tempfile.TemporaryFile(suffix=".xlsx")
    write_xlsx(header(with_email), rows, target, sheet_title=str(SHEET_TITLE))
    target.seek(0)
    return send_file(target, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=f"{slug}-innspill.xlsx")


def _start_export(slug: str, file_format: str):
    """The consultation (404 if none, 403 if this user may not export it), whether e-mail is included,
    and the audit entry."""
    consultation = get_staff_consultation(slug)
    if not services.may_export(current_user, consultation):
        abort(403)
    with_email = services.sees_email(current_user)
    services.record_export(current_user, consultation, file_format, with_email)
    return consultation, with_email
