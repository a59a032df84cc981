"""The caseworker's review of the analysis: correct themes, quotes and campaigns, then sign off."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import CASEWORKER
from hoering.consultations.planning import get_staff_consultation
from hoering.casework import forms
from hoering.casework import review as services
from hoering.casework import sign_off as sign_offs
from hoering.casework.review import SummaryRejected
from hoering.summaries import presentation as summaries

blueprint = Blueprint("review", __name__, url_prefix="/admin/hoeringer/<slug>")


@blueprint.get("/analyse/temaer/<int:theme_id>")
@requires(CASEWORKER)
def theme(slug: str, theme_id: int):
    return _theme_page(slug, theme_id)


@blueprint.get("/analyse/uten-tema")
@requires(CASEWORKER)
def unthemed(slug: str):
    return _theme_page(slug, None)


# The parts of a theme's page a change returns to (their ids in casework/theme.html).
NAME_AND_ASSESSMENT = "navn-og-vurdering"
QUOTES = "sitater"
COMMENTS = "innspillene"
SECTIONS = (NAME_AND_ASSESSMENT, QUOTES, COMMENTS)


def _theme_page(slug: str, theme_id: int | None, status: int = 200, **bound_forms):
    """The theme's page; ``bound_forms`` are forms sent back with their errors and what was typed."""
    consultation = get_staff_consultation(slug)
    page = services.theme_page(consultation, theme_id, request.args.get("side", 1, type=int))
    if page is None:
        abort(404)
    run_id = page.review.run.id
    theme = page.theme
    blank = {
        "rename_form": forms.RenameForm(formdata=None, run_id=run_id, label=theme["label"] if theme else ""),
        "assessment_form": forms.AssessmentForm(formdata=None, run_id=run_id,
                                                assessment=theme["assessment"] if theme else ""),
        "selection_form": forms.SelectionForm(formdata=None, run_id=run_id, side=page.page),
    }
    changed = request.args.get("endret")
    return render_template("casework/theme.html", consultation=consultation, page=page,
                           themes=page.review.reviewed.themes, changed=changed if changed in SECTIONS else None,
                           last_change=services.last_change(consultation, current_user),
                           **{**blank, **bound_forms}), status


def _correct(slug: str, theme_id: int | None, form, change, form_name: str | None = None,
             section: str | None = None):
    """Validate ``form``, make the change, and go back to where the caseworker was on the theme's page:
    ``section``, and the page of comments the form was sent from. ``change`` may return what to say
    about it. On a refusal show the page again with the form and what was typed (or flash the reason
    when the form has nothing typed)."""
    consultation = get_staff_consultation(slug)
    if form.validate():
        try:
            said = change(consultation, form)
        except SummaryRejected as rejection:
            if form_name is None:
                flash(str(rejection.reason), "error")
            else:
                form.show_rejection(rejection)
                return _theme_page(slug, theme_id, 400, **{form_name: form})
        else:
            flash(said or _("Endringen er lagret."), "info")
    elif form_name is not None:
        return _theme_page(slug, theme_id, 400, **{form_name: form})
    else:
        flash(_("Skjemaet var utløpt eller ufullstendig. Prøv igjen."), "error")
    return _back_to_theme(slug, request.form.get("tilbake_til_tema", type=int) or theme_id, section)


def _back_to_theme(slug: str, theme_id: int | None, section: str | None):
    where = {"side": request.form.get("side", type=int), "endret": section, "_anchor": section}
    if theme_id is None:
        return redirect(url_for("review.unthemed", slug=slug, **where))
    return redirect(url_for("review.theme", slug=slug, theme_id=theme_id, **where))


@blueprint.post("/analyse/temaer/<int:theme_id>/gjennomgatt")
@requires(CASEWORKER)
def mark_reviewed(slug: str, theme_id: int):
    """Mark the theme as gone through, or take the mark back ("gjennomgatt=0"); back to the theme's
    page, or to the analysis page's overview when the mark was made there."""
    reviewed = request.form.get("gjennomgatt", "1") != "0"
    if request.form.get("tilbake") == "oversikt":
        form = forms.ReviewForm()
        _change_on_analysis_page(slug, form, lambda c: services.mark_reviewed(
            c, current_user, form.run_id.data, theme_id, reviewed), _("Endringen er lagret."))
        return redirect(url_for("casework.analysis", slug=slug, _anchor="temaoversikt"))
    return _correct(slug, theme_id, forms.ReviewForm(), lambda c, f: services.mark_reviewed(
        c, current_user, f.run_id.data, theme_id, reviewed))


@blueprint.post("/analyse/temaer/<int:theme_id>/navn")
@requires(CASEWORKER)
def rename(slug: str, theme_id: int):
    return _correct(slug, theme_id, forms.RenameForm(), lambda c, f: services.rename_theme(
        c, current_user, f.run_id.data, theme_id, f.label.data), "rename_form", NAME_AND_ASSESSMENT)


@blueprint.post("/analyse/temaer/<int:theme_id>/vurdering")
@requires(CASEWORKER)
def assess(slug: str, theme_id: int):
    return _correct(slug, theme_id, forms.AssessmentForm(), lambda c, f: services.assess_theme(
        c, current_user, f.run_id.data, theme_id, f.assessment.data or ""), "assessment_form",
                    NAME_AND_ASSESSMENT)


@blueprint.post("/analyse/temaer/<int:theme_id>/slaa-sammen")
@requires(CASEWORKER)
def merge(slug: str, theme_id: int):
    return _correct(slug, theme_id, forms.MergeForm(), lambda c, f: services.merge_themes(
        c, current_user, f.run_id.data, theme_id, f.other.data), section=NAME_AND_ASSESSMENT)


@blueprint.post("/analyse/temaer/<int:theme_id>/sitater/fjern")
@requires(CASEWORKER)
def drop_quote(slug: str, theme_id: int):
    return _correct(slug, theme_id, forms.DropQuoteForm(), lambda c, f: services.drop_quote(
        c, current_user, f.run_id.data, theme_id, f.comment_id.data, f.text.data), section=QUOTES)


@blueprint.post("/analyse/temaer/<int:theme_id>/utvalg")
@requires(CASEWORKER)
def act_on_selection(slug: str, theme_id: int):
    return _act_on_selection(slug, theme_id)


@blueprint.post("/analyse/uten-tema/utvalg")
@requires(CASEWORKER)
def act_on_unthemed_selection(slug: str):
    return _act_on_selection(slug, None)


def _act_on_selection(slug: str, theme_id: int | None):
    """The selected comments are moved to a theme, or (on a theme's page, "action=quote") quoted."""
    if request.form.get("action") == "quote" and theme_id is not None:
        def change(consultation, form):
            return _quote_selected(consultation, form, theme_id)
    else:
        change = _move_selected
    return _correct(slug, theme_id, forms.SelectionForm(), change, "selection_form", COMMENTS)


def _move_selected(consultation, form) -> str:
    theme, moved = services.move_comments(consultation, current_user, form.run_id.data, form.selected.data,
                                          form.theme.data)
    return ngettext("%(num)d innspill er flyttet til «%(theme)s».", "%(num)d innspill er flyttet til «%(theme)s».",
                    moved, theme=theme["label"])


def _quote_selected(consultation, form, theme_id: int) -> str:
    added = services.add_quotes(consultation, current_user, form.run_id.data, theme_id,
                                form.selected.data, form.text.data or "")
    return ngettext("%(num)d sitat er lagt til temaet.", "%(num)d sitater er lagt til temaet.", added)


@blueprint.post("/analyse/kampanjer/<int:campaign_id>/ikke-kampanje")
@requires(CASEWORKER)
def not_a_campaign(slug: str, campaign_id: int):
    form = forms.ReviewForm()
    _change_on_analysis_page(slug, form, lambda c: services.not_a_campaign(
        c, current_user, form.run_id.data, campaign_id), _("Innspillene telles ikke lenger som en kampanje."))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="kampanjer"))


@blueprint.get("/oppsummering/forhandsvis")
@requires(CASEWORKER)
def preview(slug: str):
    """The summary exactly as the public will see it once signed off, with the form that signs it off."""
    consultation = get_staff_consultation(slug)
    version = sign_offs.preview_version(consultation)
    if version is None:
        abort(404)
    form = forms.SignOffForm(run_id=version.run_id)
    return render_template("casework/preview.html", consultation=consultation, form=form,
                           page=summaries.summary_page(consultation, version))


@blueprint.post("/analyse/rettelser/<int:correction_id>/plasser")
@requires(CASEWORKER)
def place_correction(slug: str, correction_id: int):
    form = forms.PlaceCorrectionForm()
    _change_on_analysis_page(slug, form, lambda c: services.place_correction(
        c, current_user, form.run_id.data, correction_id, form.theme.data), _("Rettelsen er lagt på temaet."))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="rettelser"))


@blueprint.post("/analyse/rettelser/<int:correction_id>/forkast")
@requires(CASEWORKER)
def discard_correction(slug: str, correction_id: int):
    form = forms.DiscardCorrectionForm()
    _change_on_analysis_page(slug, form, lambda c: services.discard_correction(
        c, current_user, form.run_id.data, correction_id, form.confirm.data), _("Rettelsen er forkastet."))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="rettelser"))


@blueprint.post("/analyse/rettelser/<int:correction_id>/angre")
@requires(CASEWORKER)
def undo(slug: str, correction_id: int):
    """Take back the last change, and go back to the page it was made on."""
    form = forms.ReviewForm()
    _change_on_analysis_page(slug, form, lambda c: services.undo_correction(c, current_user, correction_id),
                             _("Endringen er angret."))
    back = request.form.get("tilbake_til_tema", type=int)
    if back:
        section = request.form.get("endret")
        return _back_to_theme(slug, back, section if section in SECTIONS else None)
    return redirect(url_for("casework.analysis", slug=slug))


@blueprint.post("/oppsummering/godkjenn")
@requires(CASEWORKER)
def sign_off(slug: str):
    form = forms.SignOffForm()
    signed = _change_on_analysis_page(slug, form, lambda c: sign_offs.sign_off(
        c, current_user, form.run_id.data, form.interim_reason.data or ""), _("Oppsummeringen er godkjent og publisert."))
    if not signed:
        return redirect(url_for(".preview", slug=slug, _anchor="godkjenn"))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="godkjenning"))


@blueprint.post("/oppsummering/krav-om-vurdering")
@requires(CASEWORKER)
def require_assessments(slug: str):
    form = forms.AssessmentsRequiredForm()
    _change_on_analysis_page(slug, form, lambda c: sign_offs.require_assessments(c, current_user, bool(form.required.data)),
                             _("Endringen er lagret."))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="godkjenning"))


@blueprint.post("/oppsummering/trekk-tilbake")
@requires(CASEWORKER)
def withdraw(slug: str):
    form = forms.WithdrawForm()
    _change_on_analysis_page(slug, form, lambda c: sign_offs.withdraw(c, current_user, form.reason.data),
                             _("Oppsummeringen er trukket tilbake. Den offentlige siden sier at en ny versjon er på vei."))
    return redirect(url_for("casework.analysis", slug=slug, _anchor="godkjenning"))


def _change_on_analysis_page(slug: str, form, change, success: str) -> bool:
    """Make the change, flashing what happened; whether it was made."""
    consultation = get_staff_consultation(slug)
    if not form.validate():
        errors = [str(message) for name, messages in form.errors.items() if name != "csrf_token" for message in messages]
        flash(" ".join(errors) if errors and "csrf_token" not in form.errors
              else _("Skjemaet var utløpt eller ufullstendig. Prøv igjen."), "error")
        return False
    try:
        change(consultation)
    except SummaryRejected as rejection:
        flash(str(rejection.reason), "error")
        return False
    flash(success, "info")
    return True
