"""The planner's side of a revised draft: upload it, check how it lines up, correct, publish, explain."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import PLANNER
from hoering.consultations import planning
from hoering.consultations.docx_report import Notice
from hoering.database import writes_later
from hoering.revisions import explanations, forms, pending
from hoering.revisions.services import RevisionRejected

blueprint = Blueprint("revisions", __name__, url_prefix="/admin/hoeringer/<slug>")

# The Word conversion's notices, kept from the upload to the preview it redirects to.
NOTICES = "revision_notices"


@blueprint.route("/ny-versjon", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later  # reading a Word file and lining the draft up come first; pending.start then locks
def upload(slug: str):
    consultation = _managed(slug)
    form = forms.UploadForm()
    if request.method == "GET":
        return _upload_page(consultation, form)
    if form.validate() and (upload := form.upload()) is not None:
        try:
            draft = pending.start(consultation, *upload, current_user)[1]
        except RevisionRejected as rejection:
            form.show_rejection(rejection)
        else:
            session[NOTICES] = [[notice.code, notice.count] for notice in draft.notices]
            return redirect(url_for(".preview", slug=slug))
    form.form_errors.append(_("Filen ble ikke lastet opp. Ingenting er endret."))
    return _upload_page(consultation, form), 400


@blueprint.post("/ny-versjon/forkast")
@requires(PLANNER)
def discard(slug: str):
    consultation = _managed(slug)
    if forms.PlainForm().validate():
        _attempt(pending.discard, consultation, current_user, said=_("Det reviderte utkastet er forkastet."))
    return redirect(url_for(".upload", slug=slug))


@blueprint.get("/ny-versjon/forhandsvis")
@requires(PLANNER)
def preview(slug: str):
    consultation = _managed(slug)
    shown = pending.preview(consultation, request.args.get("alle"))
    if shown is None:  # nothing uploaded (or published meanwhile): the upload form, here
        flash(str(pending.NO_PENDING), "info")
        return _upload_page(consultation, forms.UploadForm(formdata=None))
    notices = [Notice(code, count) for code, count in session.pop(NOTICES, [])]
    return render_template("revisions/staff/preview.html", consultation=consultation, preview=shown,
                           notices=notices, removed=forms.REMOVED_CHOICE,
                           publish_form=forms.PublishForm(formdata=None), plain_form=forms.PlainForm(formdata=None))


@blueprint.post("/ny-versjon/rett")
@requires(PLANNER)
@writes_later  # the draft is lined up again before the correction is stored
def correct(slug: str):
    consultation = _managed(slug)
    form = forms.CorrectionForm()
    if not form.validate():
        flash(_("Skjemaet var utløpt eller ufullstendig. Prøv igjen."), "error")
        return redirect(url_for(".preview", slug=slug))
    try:
        target = form.target_index()
    except ValueError:
        flash(_("Velg et punkt i det nye utkastet, eller «Fjernet»."), "error")
    else:
        _attempt(pending.correct, consultation, form.old.data, target, current_user,
                 said=_("Koblingen er endret. Innspillene går dit du valgte når versjonen publiseres."))
    return redirect(url_for(".preview", slug=slug, _anchor=f"kobling-{form.old.data}"))


@blueprint.post("/ny-versjon/publiser")
@requires(PLANNER)
@writes_later  # the draft is lined up again before the write lock is taken
def publish(slug: str):
    consultation = _managed(slug)
    form = forms.PublishForm()
    if not form.validate():
        flash(_("Kryss av for å bekrefte at den nye versjonen skal publiseres."), "error")
        return redirect(url_for(".preview", slug=slug, _anchor="publiser"))
    try:
        version = pending.publish(consultation, current_user)
    except RevisionRejected as rejection:
        flash(str(rejection.reason), "error")
        return redirect(url_for(".preview", slug=slug, _anchor="publiser"))
    flash(_("Versjon %(n)d er publisert. Skriv hva dere endret og hvorfor, punkt for punkt.", n=version.number),
          "success")
    return redirect(url_for(".explain", slug=slug, number=version.number))


@blueprint.route("/versjoner/<int:number>/begrunnelser", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later  # explanations.explain takes the write lock once it has checked everything
def explain(slug: str, number: int):
    consultation = _managed(slug)
    changes = explanations.version_changes(consultation, number)
    form = forms.ExplanationsForm()
    if request.method == "GET":
        return _explanations_page(consultation, changes, form)
    if not form.validate():
        flash(_("Skjemaet var utløpt eller ufullstendig. Prøv igjen."), "error")
        return redirect(url_for(".explain", slug=slug, number=number))
    keys = [unit.key for unit in changes.units]
    try:
        saved = explanations.explain(consultation, number, form.entries(request.form, keys), current_user)
    except explanations.ExplanationsRejected as rejection:
        return _explanations_page(consultation, changes, form, form.typed(request.form, keys), rejection.errors), 400
    flash(ngettext("%(num)d begrunnelse er lagret.", "%(num)d begrunnelser er lagret.", saved) if saved
          else _("Ingenting var endret."), "success")
    pressed = request.form.get("lagre", forms.SAVE_ALL)
    return redirect(url_for(".explain", slug=slug, number=number,
                            _anchor=f"endring-{pressed}" if pressed in keys else None))


def _managed(slug: str):
    """The consultation, if the current user may manage it: 404 if there is none, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not planning.may_manage(current_user, consultation):
        abort(403)
    return consultation


def _attempt(step, consultation, *args, said: str) -> bool:
    """Take a step; a refusal is flashed as an error, success as ``said``."""
    try:
        step(consultation, *args)
    except RevisionRejected as rejection:
        flash(str(rejection.reason), "error")
        return False
    flash(said, "success")
    return True


def _upload_page(consultation, form):
    return render_template("revisions/staff/upload.html", consultation=consultation, form=form,
                           pending=pending.pending_for(consultation), refusal=pending.refusal(consultation),
                           plain_form=forms.PlainForm(formdata=None))


def _explanations_page(consultation, changes, form, typed=None, errors=None):
    return render_template("revisions/staff/explanations.html", consultation=consultation, changes=changes,
                           form=form, typed=typed or {}, errors=errors or {},
                           save_all=forms.SAVE_ALL)
