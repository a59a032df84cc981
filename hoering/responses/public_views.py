"""The public pages of formal responses: the list of published responses, and the form a body
reaches with its personal link."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from hoering.accounts.access import public
from hoering.consultations import services as consultations
from hoering.database import writes_later
from hoering.extensions import csrf, limiter
from hoering.rejections import Rejected
from hoering.responses import answers, attaching, invitations, publication
from hoering.responses.attaching import MAX_RESPONSE_REQUEST_BYTES
from hoering.responses.downloads import download
from hoering.responses.forms import OpenResponseForm, ResponseForm, posted
from hoering.responses.models import HELD

blueprint = Blueprint("responses", __name__, url_prefix="/hoeringer/<slug>")
csrf.exempt(blueprint)  # the forms check their own CSRF token, and keep the text typed when it fails


@blueprint.get("/hoeringssvar")
@public
def responses(slug: str):
    consultation = consultations.get_public_consultation(slug)
    listing = publication.public_list(consultation)
    return render_template("responses/responses.html", consultation=consultation, listing=listing)


@blueprint.route("/hoeringssvar/ny", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["COMMENT_RATE_LIMIT"], methods=["POST"])
@writes_later  # answers.answer_openly takes the write lock once the form and the files are checked
def new_response(slug: str):
    """A formal response from any organisation or person, without a personal link."""
    request.max_content_length = MAX_RESPONSE_REQUEST_BYTES
    consultation = consultations.get_public_consultation(slug)
    form = posted(OpenResponseForm)
    if request.method == "POST" and not form.form_errors and form.validate():
        try:
            response = answers.answer_openly(consultation, form.to_open_input(), form.uploads())
        except Rejected as rejection:
            form.show_rejection(rejection)
        else:
            _flash_received(response)
            return redirect(url_for(".responses", slug=slug))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("responses/new.html", consultation=consultation, form=form,
                           open_=answers.takes_open_responses(consultation)), status


@blueprint.get("/hoeringssvar/<int:response_id>/vedlegg/<int:attachment_id>")
@public
def attachment(slug: str, response_id: int, attachment_id: int):
    """An attachment of a published response, as a download."""
    consultation = consultations.get_public_consultation(slug)
    response = publication.get_published(consultation, response_id)
    return download(attaching.get_attachment(response, attachment_id))


@blueprint.get("/svar/<token>/vedlegg/<int:attachment_id>")
@public
def own_attachment(slug: str, token: str, attachment_id: int):
    """An attachment of the body's own response, through its personal link (published or not)."""
    consultation = consultations.get_public_consultation(slug)
    invited = answers.invitation_for_link(consultation, token)
    if invited.response is None:
        abort(404)
    return download(attaching.get_attachment(invited.response, attachment_id))


@blueprint.route("/svar/<token>", methods=["GET", "POST"])
@public
@writes_later  # answers.answer takes the write lock once the form is checked
def respond(slug: str, token: str):
    request.max_content_length = MAX_RESPONSE_REQUEST_BYTES  # attachments: far above the site's limit
    consultation = consultations.get_public_consultation(slug)
    invited = answers.invitation_for_link(consultation, token)
    response = invited.response
    form = posted(ResponseForm)
    if request.method == "GET":
        form.fill_from(response, invited)
    elif not form.form_errors and form.validate() and form.carried_out(lambda: answers.answer(
            consultation, invited, form.to_input(), form.uploads(), form.kept(request.form))):
        _flash_received(invited.response)
        return redirect(url_for(".respond", slug=slug, token=token) + "#svaret")
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "responses/respond.html", consultation=consultation, invited=invited, response=response, form=form,
        deadline=invitations.deadline_of(consultation, invited), late=answers.is_late(consultation, invited),
    ), status


def _flash_received(response) -> None:
    flash(_("Høringssvaret er mottatt med referanse %(reference)s. En kvittering er sendt til %(email)s.",
            reference=response.reference, email=response.contact_email), "success")
    if response.status == HELD:
        flash(_("Svaret blir publisert når en moderator har sett over det."), "info")
