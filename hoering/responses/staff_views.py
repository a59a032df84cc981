"""The planner's pages for the register of invited bodies (the register, a body, an import, the bodies
picked for a consultation) and for inviting them (the letter, sending and tracking, one body's letters
and deadline)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN, CASEWORKER, MODERATOR, PLANNER, SEES_EMAIL
from hoering.consultations import planning
from hoering.clock import utcnow
from hoering.database import writes_later
from hoering.exports.services import may_export
from hoering.presentation import local_date
from hoering.rejections import Rejected
from hoering.responses import archive, attaching, invitations, publication, registering, services, tracking
from hoering.responses.attaching import MAX_RESPONSE_REQUEST_BYTES
from hoering.responses.downloads import download
from hoering.responses.forms import (
    BodyForm,
    DeadlineForm,
    DecisionForm,
    ImportForm,
    LetterForm,
    PickForm,
    RegisteredResponseForm,
    SendForm,
    posted,
)
from hoering.responses.letters import PLACEHOLDERS
from hoering.responses.scanning import scanning_configured
from hoering.responses.models import CATEGORY_LABELS, REMINDER

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


@blueprint.route("/hoeringer/<slug>/hoeringsbrev", methods=["GET", "POST"])
@requires(PLANNER)
def letter(slug: str):
    consultation = _managed(slug)
    saved, form = invitations.letter_for(consultation), LetterForm()
    if request.method == "GET":
        form.fill_from(saved)
    elif form.validate() and form.carried_out(
            lambda: invitations.save_letter(consultation, form.to_input(), current_user)):
        flash(_("Høringsbrevet er lagret."), "success")
        return redirect(url_for(".letter", slug=slug) + "#forhandsvisning")
    first = next(iter(tracking.tracking(consultation).states), None)
    example = first.invited if first is not None else None
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "responses/staff/letter.html", consultation=consultation, form=form, placeholders=PLACEHOLDERS,
        letter=saved, example=example, preview=invitations.preview(consultation, saved, example),
        reminder=invitations.preview(consultation, saved, example, REMINDER),
    ), status


@blueprint.route("/hoeringer/<slug>/invitasjoner")
@requires(PLANNER)
def invitations_page(slug: str):
    consultation = _managed(slug)
    return _tracking_page(consultation, SendForm())


@blueprint.route("/hoeringer/<slug>/invitasjoner", methods=["POST"])
@requires(PLANNER)
def send(slug: str):
    consultation = _managed(slug)
    form = SendForm()
    if not form.validate():
        return _tracking_page(consultation, form, 400)
    action = request.form.get("action")
    try:
        if action == "invite":
            sent = invitations.send_invitations(consultation, current_user)
        elif action == "remind":
            sent = invitations.send_reminders(consultation, current_user)
        elif action == "resend":
            sent = invitations.resend(consultation, form.chosen(request.form), current_user)
        else:
            abort(400)
    except invitations.LetterRejected as rejection:
        form.show_rejection(rejection)
        return _tracking_page(consultation, form, 400)
    _flash_sent(action, sent)
    return redirect(url_for(".invitations_page", slug=slug))


@blueprint.route("/hoeringer/<slug>/invitasjoner/<int:invited_id>", methods=["GET", "POST"])
@requires(PLANNER)
def invited_body(slug: str, invited_id: int):
    consultation = _managed(slug)
    invited = invitations.get_invited(consultation, invited_id)
    form = DeadlineForm()
    if request.method == "GET":
        form.fill_from(_local_day(invited.deadline), invited.deadline_reason)
    elif form.validate() and form.carried_out(lambda: invitations.grant_deadline(
            consultation, invited, form.moment(), form.reason.data or "", current_user)):
        flash(_("Fristen for %(name)s er lagret.", name=invited.body.name), "success")
        return redirect(url_for(".invited_body", slug=slug, invited_id=invited_id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("responses/staff/invited_body.html", consultation=consultation, invited=invited,
                           form=form, deadline=invitations.deadline_of(consultation, invited)), status


@blueprint.post("/hoeringer/<slug>/invitasjoner/<int:invited_id>/ny-lenke")
@requires(PLANNER)
def renew_link(slug: str, invited_id: int):
    consultation = _managed(slug)
    invited = invitations.get_invited(consultation, invited_id)
    form = SendForm()
    if form.validate() and form.carried_out(lambda: invitations.renew_link(consultation, invited, current_user)):
        flash(_("%(name)s har fått en ny lenke, og det siste brevet sendes på nytt med den. Den gamle lenken "
                "virker ikke lenger.", name=invited.body.name), "success")
    else:
        for message in form.form_errors:
            flash(message, "error")
    return redirect(url_for(".invited_body", slug=slug, invited_id=invited_id) + "#lenke")


@blueprint.get("/hoeringer/<slug>/hoeringssvar")
@requires(PLANNER, MODERATOR, CASEWORKER)
def responses(slug: str):
    consultation = _consultation_for_staff(slug)
    return _responses_page(consultation)


@blueprint.route("/hoeringer/<slug>/hoeringssvar/registrer", methods=["GET", "POST"])
@requires(PLANNER, CASEWORKER)
@writes_later  # registering.register takes the write lock once the form and the files are checked
def register_response(slug: str):
    """A response that came by letter, e-mail or in a meeting, registered by staff."""
    request.max_content_length = MAX_RESPONSE_REQUEST_BYTES
    consultation = _consultation_for_registering(slug)
    form = posted(RegisteredResponseForm)
    form.offer(registering.invited_without_response(consultation))
    if request.method == "GET":
        form.received_on.data = local_date(utcnow())  # most letters are registered the day they come
    if request.method == "POST" and not form.form_errors and form.validate():
        try:
            response = registering.register(consultation, form.to_registered_input(), form.uploads(), current_user)
        except Rejected as rejection:
            form.show_rejection(rejection)
        else:
            flash(_("Høringssvaret fra %(name)s er registrert med referanse %(reference)s.",
                    name=response.body_name, reference=response.reference), "success")
            return redirect(url_for(".responses", slug=slug) + f"#svar-{response.id}")
    status = 400 if form.errors or form.form_errors else 200
    return render_template("responses/staff/register_response.html", consultation=consultation, form=form,
                           scanned=scanning_configured(current_app.config)), status


@blueprint.post("/hoeringer/<slug>/hoeringssvar/<int:response_id>/publiser")
@requires(MODERATOR)
def publish_response(slug: str, response_id: int):
    consultation = _consultation_for_staff(slug)
    response = publication.get_response(consultation, response_id)
    if not DecisionForm().validate():
        abort(400)
    publication.publish(response, current_user)
    flash(_("Høringssvaret fra %(name)s er publisert.", name=response.body_name), "success")
    return redirect(url_for(".responses", slug=slug) + f"#svar-{response_id}")


@blueprint.post("/hoeringer/<slug>/hoeringssvar/<int:response_id>/skjul")
@requires(MODERATOR)
def hide_response(slug: str, response_id: int):
    consultation = _consultation_for_staff(slug)
    response = publication.get_response(consultation, response_id)
    form = DecisionForm()
    try:
        if not form.validate():
            abort(400)
        publication.hide(response, current_user, form.reason.data or "")
    except publication.DecisionRejected as rejection:
        return _responses_page(consultation, {response_id: str(rejection.reason)}, 400)
    flash(_("Høringssvaret fra %(name)s er skjult.", name=response.body_name), "success")
    return redirect(url_for(".responses", slug=slug) + f"#svar-{response_id}")


@blueprint.get("/hoeringer/<slug>/hoeringssvar/<int:response_id>/vedlegg/<int:attachment_id>")
@requires(PLANNER, MODERATOR, CASEWORKER)
def response_attachment(slug: str, response_id: int, attachment_id: int):
    consultation = _consultation_for_staff(slug)
    response = publication.get_response(consultation, response_id)
    return download(attaching.get_attachment(response, attachment_id))


def _responses_page(consultation, errors: dict | None = None, status: int = 200):
    responses = publication.all_responses(consultation)
    return render_template(
        "responses/staff/responses.html", consultation=consultation, responses=responses, errors=errors or {},
        sees_email=current_user.has_any_role(SEES_EMAIL), decides=current_user.has_any_role({MODERATOR, ADMIN}),
        scanned=scanning_configured(current_app.config),
    ), status


def _consultation_for_registering(slug: str):
    """The consultation for a caseworker (any), or for a planner who manages it: 404, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not (current_user.has_any_role({CASEWORKER, ADMIN}) or planning.may_manage(current_user, consultation)):
        abort(403)
    return consultation


def _consultation_for_staff(slug: str):
    """The consultation for a moderator or a caseworker (any), or for a planner who manages it: 404, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not (current_user.has_any_role({MODERATOR, CASEWORKER, ADMIN}) or planning.may_manage(current_user, consultation)):
        abort(403)
    return consultation


def _tracking_page(consultation, form: SendForm, status: int = 200):
    return render_template(
        "responses/staff/invitations.html", consultation=consultation, form=form,
        tracking=tracking.tracking(consultation), letter=invitations.letter_for(consultation),
        refused=invitations.may_invite(consultation),
    ), status


def _local_day(moment):
    return local_date(moment) if moment is not None else None


def _flash_sent(action: str, sent: invitations.Sent) -> None:
    count = len(sent.bodies)
    if not count:
        flash(_("Ingen å sende til."), "info")
    elif action == "remind":
        flash(ngettext("Påminnelse sendes til %(num)d instans.", "Påminnelse sendes til %(num)d instanser.", count),
              "success")
    else:
        flash(ngettext("Høringsbrevet sendes til %(num)d instans.", "Høringsbrevet sendes til %(num)d instanser.",
                       count), "success")


def _managed(slug: str):
    """The consultation, if the current user may manage it: 404 if there is none, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not planning.may_manage(current_user, consultation):
        abort(403)
    return consultation


def _saved(form: BodyForm, body) -> bool:
    return form.validate() and form.carried_out(lambda: services.save_body(body, form.to_input(), current_user))


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


@blueprint.get("/hoeringer/<slug>/arkiv.zip")
@requires(CASEWORKER, PLANNER)
def archive_package(slug: str):
    """The archive package for the records office (hoering.responses.archive), with e-mail addresses for
    those who see them; who may take it out is the exports' rule. Written to a temporary file first: a
    ZIP is not finished until its last file is in."""
    consultation = planning.get_staff_consultation(slug)
    if not may_export(current_user, consultation):
        abort(403)
    with_email = current_user.sees_email
    name = archive.download_name(consultation)
    file, package = archive.archive_file(consultation, with_email=with_email)
    archive.record_archive(current_user, consultation, package, with_email)
    return send_file(file, mimetype="application/zip", as_attachment=True, download_name=name)
