"""The moderation queue and a staff view of one comment (with the e-mail address for those who need it)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN, CASEWORKER, MODERATOR
from hoering.moderation import services
from hoering.moderation.forms import DecisionForm, EraseForm, HideForm, PublishForm, RedactForm, RedactMarkedForm
from hoering.moderation.presentation import PERSONAL_DATA_LABELS as LABELS
from hoering.security import safe_local_path

blueprint = Blueprint("moderation", __name__)


@blueprint.get("/admin/moderering")
@requires(MODERATOR)
def queue():
    show = "hidden" if request.args.get("vis") == "skjulte" else "waiting"
    items = services.queue(show)
    publish_forms = {item.comment.id: _publish_form(item.comment, formdata=None) for item in items if item.findings}
    return render_template("moderation/queue.html", items=items, show=show, labels=LABELS, publish_forms=publish_forms)


def _publish_form(comment, **kwargs) -> PublishForm:
    """Several comments' forms share the queue page: the prefix keeps their fields' ids apart."""
    return PublishForm(prefix=f"publiser-{comment.id}", **kwargs)


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


def _publish(comment_id: int, action, success: str):
    """Approve or restore. A refusal (no reason or confirmation for publishing personal data) shows
    the comment's page with the form as it was filled in, so the reason typed is not lost."""
    comment = _comment_or_404(comment_id)
    form = _publish_form(comment)
    if not form.validate():  # an expired CSRF token never gets here: CSRFProtect answers first
        return _comment_page(comment, publish_form=form), 400
    try:
        action(comment, current_user, form.reason.data or "", bool(form.confirm.data))
    except services.ModerationRejected as rejection:
        form.show_rejection(rejection)
        return _comment_page(comment, publish_form=form), 400
    flash(success, "success")
    return redirect(_back())


@blueprint.post("/admin/moderering/<int:comment_id>/godkjenn")
@requires(MODERATOR)
def approve(comment_id: int):
    return _publish(comment_id, services.approve, _("Innspillet er godkjent og publisert."))


@blueprint.post("/admin/moderering/<int:comment_id>/skjul")
@requires(MODERATOR)
def hide(comment_id: int):
    return _act(comment_id, HideForm, lambda c, f: services.hide(c, current_user, f.reason.data or ""),
                _("Innspillet er skjult. Begrunnelsen vises i stedet."))


@blueprint.post("/admin/moderering/<int:comment_id>/gjenopprett")
@requires(MODERATOR)
def restore(comment_id: int):
    return _publish(comment_id, services.restore, _("Innspillet er publisert igjen."))


@blueprint.post("/admin/moderering/<int:comment_id>/sladd")
@requires(MODERATOR)
def redact(comment_id: int):
    return _act(comment_id, RedactForm, lambda c, f: services.redact(c, current_user, f.span.data or ""),
                _("Teksten er fjernet fra innspillet."))


@blueprint.post("/admin/moderering/<int:comment_id>/sladd-personopplysninger")
@requires(MODERATOR)
def redact_personal_data(comment_id: int):
    return _act(comment_id, RedactMarkedForm,
                lambda c, f: services.redact_personal_data(c, current_user, f.spans.data or []),
                _("Personopplysningene er fjernet fra innspillet."))


@blueprint.get("/admin/innspill/<int:comment_id>")
@requires(MODERATOR, CASEWORKER)
def comment(comment_id: int):
    return _comment_page(_comment_or_404(comment_id))


def _comment_page(comment, publish_form: PublishForm | None = None) -> str:
    return render_template(
        "moderation/comment.html", item=services.review(comment), comment=comment,
        consultation=services.consultation_of(comment), labels=LABELS,
        show_email=current_user.sees_email, moderates=current_user.has_any_role({MODERATOR, ADMIN}),
        publish_form=publish_form or _publish_form(comment, formdata=None), back=_back_to(comment),
    )


def _back_to(comment) -> str:
    """Where the comment page's decisions return to: where the moderator came from, or the page itself."""
    if request.method == "POST":
        return _back()
    return url_for("moderation.comment", comment_id=comment.id)


@blueprint.post("/admin/innspill/<int:comment_id>/slett-personopplysninger")
@requires(ADMIN)
def erase(comment_id: int):
    return _act(comment_id, EraseForm,
                lambda c, f: services.erase_personal_data(c, current_user, bool(f.remove_text.data)),
                _("Navn og e-postadresse er slettet fra innspillet."))
