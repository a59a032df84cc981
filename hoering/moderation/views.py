"""The moderation queue and a staff view of one comment (with the e-mail address for those who need it)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN, CASEWORKER, MODERATOR
from hoering.moderation import services
from hoering.moderation.forms import DecisionForm, EraseForm, HideForm, RedactForm
from hoering.presentation import PERSONAL_DATA_LABELS as LABELS
from hoering.security import safe_local_path

blueprint = Blueprint("moderation", __name__)


@blueprint.get("/admin/moderering")
@requires(MODERATOR)
def queue():
    show = "hidden" if request.args.get("vis") == "skjulte" else "waiting"
    return render_template(
        "moderation/queue.html", items=services.queue(show), show=show, labels=LABELS,
        decision_form=DecisionForm(formdata=None), hide_form=HideForm(formdata=None),
        redact_form=RedactForm(formdata=None),
    )


def _comment_or_404(comment_id: int):
    comment = services.get_comment(comment_id)
    if comment is None:
        abort(404)
    return comment


def _back() -> str:
    return safe_local_path(request.form.get("tilbake")) or url_for("moderation.queue")


def _act(comment_id: int, form_class, action, success: str):
    """Run one moderation decision from a posted form and return to where the moderator was."""
    comment = _comment_or_404(comment_id)
    form = form_class()
    if not form.validate():
        flash(_("Skjemaet var utløpt. Prøv igjen."), "error")
        return redirect(_back())
    try:
        action(comment, form)
    except services.ModerationRejected as rejection:
        flash(str(rejection.reason), "error")
    else:
        flash(success, "success")
    return redirect(_back())


@blueprint.post("/admin/moderering/<int:comment_id>/godkjenn")
@requires(MODERATOR)
def approve(comment_id: int):
    return _act(comment_id, DecisionForm, lambda c, f: services.approve(c, current_user),
                _("Innspillet er godkjent og publisert."))


@blueprint.post("/admin/moderering/<int:comment_id>/skjul")
@requires(MODERATOR)
def hide(comment_id: int):
    return _act(comment_id, HideForm, lambda c, f: services.hide(c, current_user, f.reason.data or ""),
                _("Innspillet er skjult. Begrunnelsen vises i stedet."))


@blueprint.post("/admin/moderering/<int:comment_id>/gjenopprett")
@requires(MODERATOR)
def restore(comment_id: int):
    return _act(comment_id, DecisionForm, lambda c, f: services.restore(c, current_user),
                _("Innspillet er publisert igjen."))


@blueprint.post("/admin/moderering/<int:comment_id>/sladd")
@requires(MODERATOR)
def redact(comment_id: int):
    return _act(comment_id, RedactForm, lambda c, f: services.redact(c, current_user, f.span.data or ""),
                _("Teksten er fjernet fra innspillet."))


@blueprint.post("/admin/moderering/<int:comment_id>/sladd-personopplysninger")
@requires(MODERATOR)
def redact_personal_data(comment_id: int):
    return _act(comment_id, DecisionForm, lambda c, f: services.redact_personal_data(c, current_user),
                _("Personopplysningene er fjernet fra innspillet."))


@blueprint.get("/admin/innspill/<int:comment_id>")
@requires(MODERATOR, CASEWORKER)
def comment(comment_id: int):
    comment = _comment_or_404(comment_id)
    findings = services.find_personal_data(comment.text)
    return render_template(
        "moderation/comment.html", comment=comment, consultation=services.consultation_of(comment),
        segments=services.highlight_segments(comment.text, findings), labels=LABELS,
        show_email=current_user.sees_email,
    )


@blueprint.post("/admin/innspill/<int:comment_id>/slett-personopplysninger")
@requires(ADMIN)
def erase(comment_id: int):
    return _act(comment_id, EraseForm,
                lambda c, f: services.erase_personal_data(c, current_user, bool(f.remove_text.data)),
                _("Navn og e-postadresse er slettet fra innspillet."))
