"""The planner's pages: their consultations, the form to create and edit one, and its life cycle."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import PLANNER
from hoering.comments.services import counts_by_consultation
from hoering.consultations import deadline_messages, planning
from hoering.consultations.citations import numbers_itself
from hoering.consultations.docx_import import DocxRejected
from hoering.consultations.forms import (
    KIND_HINTS,
    KIND_LABELS,
    LATE_RESPONSE_LABELS,
    MODERATION_LABELS,
    ConsultationForm,
)
from hoering.consultations.images import save_images
from hoering.consultations.services import current_units
from hoering.database import writes_later
from hoering.presentation import date_and_time

blueprint = Blueprint("staff_consultations", __name__, url_prefix="/admin/hoeringer")


@blueprint.get("")
@requires(PLANNER)
def index():
    consultations = planning.consultations_for(current_user)
    return render_template(
        "staff/consultations/index.html",
        consultations=consultations,
        comment_counts=counts_by_consultation([c.id for c in consultations]),
    )


@blueprint.route("/ny", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later  # converting a Word file and rendering the draft come first; save_consultation then locks
def create():
    return _edit(None)


@blueprint.get("/<slug>")
@requires(PLANNER)
def overview(slug: str):
    consultation = _managed(slug)
    return render_template(
        "staff/consultations/overview.html",
        consultation=consultation,
        units=current_units(consultation),
        comment_count=counts_by_consultation([consultation.id]).get(consultation.id, 0),
        moderation_labels=MODERATION_LABELS,
        kind_labels=KIND_LABELS,
        late_response_labels=LATE_RESPONSE_LABELS,
        deadline_warnings=[str(warning) for warning in deadline_messages.deadline_warnings(consultation)],
    )


@blueprint.route("/<slug>/rediger", methods=["GET", "POST"])
@requires(PLANNER)
@writes_later
def edit(slug: str):
    return _edit(_managed(slug))


@blueprint.get("/<slug>/publiser")
@requires(PLANNER)
def confirm_publish(slug: str):
    """What publishing does, said before it is done: the public address, when it opens, the deadline."""
    consultation = _managed(slug)
    open_now = request.args.get("naar") != "start"
    address = url_for("consultations.consultation", slug=consultation.slug, _external=True)
    opening = (_("Den åpner for innspill med en gang. Høringsfristen er %(deadline)s.",
                 deadline=date_and_time(consultation.closes_at)) if open_now
               else _("Den åpner for innspill %(opens)s. Høringsfristen er %(deadline)s.",
                      opens=date_and_time(consultation.opens_at), deadline=date_and_time(consultation.closes_at)))
    return _confirmation(
        consultation, _("Publisere «%(title)s»?", title=consultation.title),
        [_("Alle kan lese høringen på %(address)s.", address=address), opening,
         _("Adressen kan ikke endres etterpå.")] + [str(w) for w in deadline_messages.deadline_warnings(consultation)],
        planning.publish_refusal(consultation), url_for(".publish", slug=slug),
        _("Publiser nå og åpne for innspill") if open_now else _("Publiser, åpne på startdatoen"),
        fields={"when": "now" if open_now else "start"})


@blueprint.post("/<slug>/publiser")
@requires(PLANNER)
def publish(slug: str):
    consultation = _managed(slug)
    open_now = request.form.get("when") == "now"
    if _attempt(planning.publish, consultation, current_user, open_now=open_now):
        flash(_("Høringen er publisert og åpen for innspill.") if open_now
              else _("Høringen er publisert og åpner på startdatoen."), "success")
    return redirect(url_for(".overview", slug=consultation.slug))


@blueprint.get("/<slug>/ferdigbehandlet")
@requires(PLANNER)
def confirm_processed(slug: str):
    consultation = _managed(slug)
    return _confirmation(
        consultation, _("Merke «%(title)s» som ferdig behandlet?", title=consultation.title),
        [_("Høringen vises som ferdig behandlet for alle."),
         _("Den kan ikke lenger redigeres, og det kan ikke lages nye versjoner av utkastet.")],
        planning.processed_refusal(consultation), url_for(".mark_processed", slug=slug),
        _("Merk som ferdig behandlet"))


@blueprint.post("/<slug>/ferdigbehandlet")
@requires(PLANNER)
def mark_processed(slug: str):
    consultation = _managed(slug)
    if _attempt(planning.mark_processed, consultation, current_user):
        flash(_("Høringen er merket som ferdig behandlet."), "success")
    return redirect(url_for(".overview", slug=consultation.slug))


@blueprint.get("/<slug>/slett")
@requires(PLANNER)
def confirm_delete(slug: str):
    consultation = _managed(slug)
    return _confirmation(
        consultation, _("Slette utkastet «%(title)s»?", title=consultation.title),
        [_("Utkastet slettes for godt, med alle versjonene av dokumentet og bildene i det."),
         _("Dette kan ikke angres.")],
        planning.deletion_refusal(consultation), url_for(".delete", slug=slug), _("Slett utkastet for godt"),
        fields={"confirm": "yes"}, danger=True)


@blueprint.post("/<slug>/slett")
@requires(PLANNER)
def delete(slug: str):
    consultation = _managed(slug)
    title = consultation.title
    if request.form.get("confirm") != "yes":
        flash(_("Kryss av for å bekrefte at utkastet skal slettes."), "error")
        return redirect(url_for(".overview", slug=consultation.slug))
    if not _attempt(planning.delete_draft, consultation, current_user):
        return redirect(url_for(".overview", slug=consultation.slug))
    flash(_("Utkastet «%(title)s» er slettet.", title=title), "success")
    return redirect(url_for(".index"))


def _confirmation(consultation, heading: str, consequences: list[str], refusal, action: str, button: str,
                  fields: dict | None = None, danger: bool = False):
    """A page that says what a step will do, with the button that takes it (or why it cannot be taken)."""
    back = url_for(".overview", slug=consultation.slug)
    return render_template("staff/confirm.html", heading=heading, consequences=consequences,
                           refusal=refusal.reason if refusal else None, action=action, button=button,
                           fields=fields or {}, danger=danger, back=back, back_label=consultation.title)


def _managed(slug: str):
    """The consultation, if the current user may manage it: 404 if there is none, else 403."""
    consultation = planning.get_staff_consultation(slug)
    if not planning.may_manage(current_user, consultation):
        abort(403)
    return consultation


def _attempt(step, consultation, *args, **kwargs) -> bool:
    """Take a life-cycle step; a refusal is flashed as an error."""
    try:
        step(consultation, *args, **kwargs)
    except planning.ConsultationRejected as rejection:
        flash(str(rejection.reason), "error")
        return False
    return True


def _edit(consultation):
    """The create and edit form. "Forhåndsvis" shows the split draft and saves nothing; "Lagre" saves.

    An uploaded Word document is converted into the draft field first, so the planner sees (and can
    correct) the text; a file that cannot be read is refused on its field, with everything else kept.
    A conversion that kept something in another form, changed or left out something (footnotes,
    pictures, tracked changes, comments …) is not saved at once: the planner gets the report and the
    preview, and saves when the text is right. The pictures are stored at once, in a short write of
    their own, so that the preview and the draft field can refer to them.
    """
    form = ConsultationForm()
    preview = notices = None
    if request.method == "GET":
        if consultation is not None:
            form.fill_from(consultation)
        return _form_page(form, consultation, preview)
    try:
        converted = form.take_upload()
    except DocxRejected as rejection:
        form.docx.errors = [rejection.reason]
        form.form_errors.append(_("Dokumentet ble ikke lastet opp. Ingenting er lagret."))
    else:
        notices = converted.notices if converted is not None else None
        if converted is not None:
            save_images(converted.images)  # before the preview, which shows them; a save locks again
        form.offer_title()
        form.offer_language()
        if request.form.get("action") == "preview" or notices:
            preview = _preview(form)
        elif form.validate():
            try:
                saved = planning.save_consultation(consultation, form.to_input(), current_user)
            except planning.ConsultationRejected as rejection:
                form.show_rejection(rejection)
            else:
                flash(_("Høringen er lagret."), "success")
                for warning in deadline_messages.deadline_warnings(saved):
                    flash(str(warning), "warning")
                return redirect(url_for(".overview", slug=saved.slug))
    status = 400 if form.errors or form.form_errors else 200
    return _form_page(form, consultation, preview, notices), status


def _preview(form: ConsultationForm):
    try:
        return planning.preview_units(form.draft.data or "", form.language.data or "nb")
    except planning.ConsultationRejected as rejection:
        form.show_rejection(rejection)
        return None


def _form_page(form: ConsultationForm, consultation, preview, notices=None):
    return render_template(
        "staff/consultations/form.html", form=form, consultation=consultation, preview=preview, notices=notices,
        own_numbers=numbers_itself(preview or []), kind_hints=KIND_HINTS,
    )
