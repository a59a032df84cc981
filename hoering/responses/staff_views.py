"""The planner's pages for the register of invited bodies: the register, a body, an import, and the
bodies picked for a consultation."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import PLANNER
from hoering.consultations import planning
from hoering.database import writes_later
from hoering.responses import services
from hoering.responses.forms import BodyForm, ImportForm, PickForm
from hoering.responses.models import CATEGORY_LABELS

blueprint = Blueprint("bodies", __name__, url_prefix="/admin")

MAX_ERRORS_SHOWN = 200


@blueprint.route("/instanser", methods=["GET", "POST"])
@requires(PLANNER)
def register():
    form = BodyForm()
    if request.method == "POST" and _saved(form, None):
        flash(_("Instansen «%(name)s» er lagt til.", name=form.name.data), "success")
        return redirect(url_for(".register"))
    query = request.args.get("q", "").strip()[:200]
    status = 400 if form.errors or form.form_errors else 200
    return render_template("responses/staff/register.html", form=form, query=query,
                           bodies=services.find_bodies(query)), status


@blueprint.route("/instanser/<int:body_id>", methods=["GET", "POST"])
@requires(PLANNER)
def edit(body_id: int):
    body = services.get_body(body_id)
    form = BodyForm()
    if request.method == "GET":
        form.fill_from(body)
    elif _saved(form, body):
        flash(_("Endringene er lagret."), "success")
        return redirect(url_for(".register"))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("responses/staff/body.html", form=form, body=body), status


@blueprint.route("/instanser/import", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later  # the file is read and every row checked before import_bodies takes the write lock
def import_file():
    form = ImportForm()
    result = _imported(form, None) if request.method == "POST" else None
    status = 400 if form.errors or (result and not result.ok) else 200
    return render_template("responses/staff/import.html", form=form, result=result,
                           max_errors=MAX_ERRORS_SHOWN), status


@blueprint.route("/hoeringer/<slug>/instanser", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later  # an import reads its file first; set_picks and import_bodies take the write lock
def pick(slug: str):
    consultation = _managed(slug)
    form, import_form, result = PickForm(), ImportForm(), None
    if request.method == "POST" and request.form.get("action") == "import":
        result = _imported(import_form, consultation)
    elif request.method == "POST" and form.validate():
        change = services.set_picks(consultation, form.shown(request.form), form.chosen(request.form), current_user)
        _flash_picks(change)
        return redirect(url_for(".pick", slug=slug, q=request.args.get("q") or None))
    query = request.args.get("q", "").strip()[:200]
    status = 400 if import_form.errors or form.form_errors or (result and not result.ok) else 200
    return render_template(
        "responses/staff/pick.html", consultation=consultation, form=form, import_form=import_form,
        result=result, query=query, groups=_by_category(services.find_bodies(query)),
        picked=services.picked(consultation), max_errors=MAX_ERRORS_SHOWN,
    ), status


def _managed(slug: str):
    """The consultation, if the current user may manage it: 404 if there is none, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not planning.may_manage(current_user, consultation):
        abort(403)
    return consultation


def _saved(form: BodyForm, body) -> bool:
    if not form.validate():
        return False
    try:
        services.save_body(body, form.to_input(), current_user)
    except services.BodyRejected as rejection:
        form.show_rejection(rejection)
        return False
    return True


def _imported(form: ImportForm, consultation):
    """Import the uploaded file (into ``consultation`` too, when given); None when no file was sent."""
    upload = form.upload() if form.validate() else None
    if upload is None:
        return None
    filename, data = upload
    return services.import_bodies(filename, data, current_user, consultation)


def _flash_picks(change: services.PickChange) -> None:
    if change.added:
        flash(ngettext("%(num)d instans er valgt.", "%(num)d instanser er valgt.", len(change.added)), "success")
    if change.removed:
        flash(ngettext("%(num)d instans er tatt ut.", "%(num)d instanser er tatt ut.", len(change.removed)), "success")
    if change.kept_invited:
        flash(ngettext("%(num)d instans er allerede invitert og står fortsatt på listen.",
                       "%(num)d instanser er allerede invitert og står fortsatt på listen.",
                       len(change.kept_invited)), "info")
    if not (change.added or change.removed or change.kept_invited):
        flash(_("Ingen endringer."), "info")


def _by_category(bodies) -> list[tuple[str, str, list]]:
    """The bodies in the categories' order: (key, label, bodies) for each category that has any."""
    groups = {key: [] for key in CATEGORY_LABELS}
    for body in bodies:
        groups.setdefault(body.category, []).append(body)
    return [(key, str(CATEGORY_LABELS.get(key, key)), members) for key, members in groups.items() if members]
