"""The discussion of one unit (or the whole document): its threads, the comment form, agreeing; the
sender's receipt page and private link."""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import public
from hoering.comments import answers, receipts, services
from hoering.notifications import services as notifications
from hoering.comments.forms import AgreeForm, CommentForm, EditForm, FlagForm, WithdrawForm
from hoering.comments.models import HELD_PERSONAL_DATA, PUBLISHED, STANCES
from hoering.comments.urls import discussion_url
from hoering.consultations.navigation import heading_path
from hoering.consultations.reading import reading_of
from hoering.consultations.services import (
    ConsultationNotFound,
    get_public_consultation,
    unit_citations,
    unit_in_context,
)
from hoering.database import writes_later
from hoering.extensions import csrf, limiter
from hoering.languages import current_language
from hoering.mail import sending
from hoering.moderation.presentation import PERSONAL_DATA_LABELS
from hoering.revisions.history import where_anchor_went

blueprint = Blueprint("comments", __name__)
csrf.exempt(blueprint)  # the forms here check their own CSRF token, see CitizenForm

VOTER_KEY = "voter"
SENT_KEY = "sent"  # the ids of the comments this browser sent, newest last
SENT_KEPT = 50


@blueprint.route("/hoeringer/<slug>/hele-dokumentet", methods=["GET", "POST"], defaults={"anchor": None})
@blueprint.route("/hoeringer/<slug>/<anchor>", methods=["GET", "POST"])
@public
@writes_later  # post_comment takes the write lock after rendering the comment
@limiter.limit(lambda: current_app.config["COMMENT_RATE_LIMIT"], methods=["POST"])
def discussion(slug: str, anchor: str | None):
    consultation = get_public_consultation(slug)
    try:
        context = unit_in_context(consultation, anchor) if anchor else None
    except ConsultationNotFound:
        return _where_it_went(consultation, anchor)
    unit = context.unit if context else None
    form = CommentForm()
    answering = answers.may_answer(current_user, consultation)
    status, rejected_text = 200, None
    if request.method == "POST":
        if form.validate():
            try:
                posted = _post(consultation, unit, form, answering)
            except services.CommentRejected as rejection:
                form.show_rejection(rejection)
            else:
                return _after_posting(consultation, posted)
        status = 400 if consultation.is_open else 403
        rejected_text = None if consultation.is_open else form.text.data
        form.ensure_submission_key()
    else:
        form.prepare(_reply_target_id(consultation, anchor))
        if answering:
            form.author_name.data = current_user.name
    if answering and form.parent() is not None:
        form.text.label.text = _("Svaret")
    per_page = current_app.config["THREADS_PER_PAGE"]
    order = request.args.get("sortering", services.OLDEST)
    order = order if order in services.THREAD_ORDERS else services.OLDEST
    stance = request.args.get("standpunkt") if request.args.get("standpunkt") in STANCES else None
    threads = services.thread_page(consultation, anchor, request.args.get("side", 1, type=int), per_page,
                                   order=order, stance=stance)
    parent_id = form.parent()
    return (
        render_template(
            "comments/discussion.html",
            consultation=consultation,
            context=context,
            path=heading_path(unit) if unit else [],
            reading=reading_of(consultation) if unit else None,
            form=form,
            threads=threads,
            agreed=services.agreed_among(session.get(VOTER_KEY), _ids(threads.threads)),
            own=_sent_ids(),
            order=order,
            stance=stance,
            agree_form=AgreeForm(formdata=None),
            replying_to=services.get_public_comment(consultation, parent_id) if parent_id else None,
            answering=answering,
            rejected_text=rejected_text,
        ),
        status,
    )


def _where_it_went(consultation, anchor: str):
    """An anchor only an earlier version of the draft has: to the unit it lives on in now (it was
    merged into another), or to the page of the last version that had it (it was removed). A comment
    sent to it gets the 404 page, which shows its text again."""
    place = where_anchor_went(consultation, anchor) if request.method == "GET" else None
    if place is None:
        raise ConsultationNotFound(anchor)
    if place.fate.current is not None:
        return redirect(discussion_url(consultation.slug, place.fate.current.anchor))
    return redirect(url_for("versions.unit", slug=consultation.slug, number=place.version.number, anchor=anchor))


def _post(consultation, unit, form: CommentForm, answering: bool):
    """The municipality's answer when a staff member who may give one ticks the box; else a comment,
    and the citizen follows its answers when they asked to."""
    if answering and form.official.data and form.parent() is not None:
        return answers.answer(consultation, unit, form.to_input(), current_user)
    posted = services.post_comment(consultation, unit, form.to_input())
    if not posted.duplicate:
        sending.send_later(current_app._get_current_object(),
                           receipts.send_receipt(posted.comment, current_language()))
    if form.notify.data and not posted.duplicate:
        notifications.follow_answers(posted.comment, posted.comment.email, current_language())
    return posted


def _after_posting(consultation, posted):
    """The municipality's answer goes to its thread; a citizen goes to the page that says what happens
    to their comment now (sent twice, the first one's)."""
    comment = posted.comment
    if comment.official:
        flash(_("Svaret fra kommunen er publisert."), "success")
        return redirect(_comment_url(consultation, comment))
    _remember_sent(comment.id)
    return redirect(url_for(".sent", slug=consultation.slug, comment_id=comment.id))


@blueprint.get("/hoeringer/<slug>/kommentarer/<int:comment_id>/sendt")
@public
def sent(slug: str, comment_id: int):
    """The sender's receipt page: their comment, marked, and whether it is public or waits for a
    moderator, and why. Only the browser that sent it sees it (a held comment is nobody else's)."""
    consultation = get_public_consultation(slug)
    comment = services.get_comment(consultation, comment_id) if comment_id in _sent_ids() else None
    if comment is None:
        raise ConsultationNotFound(comment_id)
    held_for = services.personal_data_of(comment) if comment.held_reason == HELD_PERSONAL_DATA else ()
    page = render_template(
        "comments/sent.html", consultation=consultation, comment=comment,
        citation=unit_citations(consultation).get(comment.anchor) if comment.anchor else None,
        personal_data=[str(PERSONAL_DATA_LABELS[kind]) for kind in held_for],
        thread_url=_comment_url(consultation, comment) if comment.status == PUBLISHED else None,
        notified=notifications.follows_answers(comment))
    return page, 200, {"Cache-Control": "no-store"}  # a held comment's words, for this browser only


@blueprint.route("/innspill/<token>", methods=["GET", "POST"])
@public
@writes_later  # receipts.edit takes the write lock after rendering and checking the new words
@limiter.limit(lambda: current_app.config["COMMENT_RATE_LIMIT"], methods=["POST"])
def private(token: str):
    """The sender's private page, from the link in their receipt: the comment's state, an edit form
    while it may be edited, and withdrawing. Never cached, and 404 for a token that opens nothing."""
    comment = receipts.by_token(token)
    if comment is None:
        raise ConsultationNotFound(token)
    consultation = receipts.consultation_of(comment)
    form = EditForm(data={"text": comment.text, "stance": comment.stance or ""}) if request.method == "GET" \
        else EditForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                found = receipts.edit(comment, consultation, form.text.data, form.stance.data)
            except services.CommentRejected as rejection:
                form.show_rejection(rejection)
            else:
                flash(_("Endringen er lagret. En moderator ser på innspillet før det blir vist igjen.")
                      if found or comment.status != PUBLISHED else _("Endringen er lagret og publisert."), "success")
                return redirect(url_for(".private", token=token))
        status = 400
    held_for = services.personal_data_of(comment) if comment.held_reason == HELD_PERSONAL_DATA else ()
    page = render_template(
        "comments/private.html", consultation=consultation, comment=comment, token=token, form=form,
        citation=unit_citations(consultation).get(comment.anchor) if comment.anchor else None,
        personal_data=[str(PERSONAL_DATA_LABELS[kind]) for kind in held_for],
        thread_url=_comment_url(consultation, comment) if comment.status == PUBLISHED else None,
        edit_refusal=receipts.why_not_editable(comment, consultation),
        withdraw_refusal=receipts.why_not_withdrawable(comment, consultation))
    return page, status, {"Cache-Control": "no-store"}


@blueprint.post("/innspill/<token>/trekk-tilbake")
@public
def withdraw(token: str):
    comment = receipts.by_token(token)
    if comment is None:
        raise ConsultationNotFound(token)
    consultation = receipts.consultation_of(comment)
    if not WithdrawForm().validate():
        flash(_("Skjemaet var utløpt. Prøv igjen."), "error")
    else:
        try:
            receipts.withdraw(comment, consultation)
        except services.CommentRejected as rejection:
            flash(str(rejection.reason), "error")
        else:
            flash(_("Innspillet er trukket tilbake. I samtalen står det nå «Trukket av innsenderen»."), "success")
    return redirect(url_for(".private", token=token))


@blueprint.get("/hoeringer/<slug>/kommentarer/<int:comment_id>")
@public
def comment_link(slug: str, comment_id: int):
    """A stable link to one comment: sends the reader to the page of its thread."""
    consultation, comment = _public_comment(slug, comment_id)
    return redirect(_comment_url(consultation, comment))


@blueprint.post("/hoeringer/<slug>/kommentarer/<int:comment_id>/enig")
@public
@limiter.limit(lambda: current_app.config["AGREE_RATE_LIMIT"])
def agree(slug: str, comment_id: int):
    """Agree, or with ``action=withdraw`` take it back: once per browser session, never with a comment
    this browser sent."""
    consultation, comment = _public_comment(slug, comment_id)
    form = AgreeForm()
    if comment.id in _sent_ids():
        flash(_("Du kan ikke si deg enig i ditt eget innspill."), "info")
    elif not form.validate():
        flash(_("Vi kunne ikke registrere at du er enig. Prøv igjen."), "error")
    elif request.form.get("action") == "withdraw":
        if services.withdraw_agreement(comment, _voter()):
            flash(_("Du er ikke lenger registrert som enig."), "success")
    elif services.agree(comment, _voter()):
        flash(_("Takk! Vi har registrert at du er enig."), "success")
    else:
        flash(_("Du har allerede sagt deg enig i dette innspillet."), "info")
    return redirect(_comment_url(consultation, comment))


@blueprint.route("/hoeringer/<slug>/kommentarer/<int:comment_id>/meld-fra", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["AGREE_RATE_LIMIT"], methods=["POST"])
def report(slug: str, comment_id: int):
    """Report a comment to the moderators: a page of its own, so it works without JavaScript."""
    consultation, comment = _public_comment(slug, comment_id)
    form = FlagForm()
    if request.method == "POST" and form.validate():
        try:
            counted = services.flag(comment, _voter(), form.reason.data or "", current_app.config["FLAG_THRESHOLD"])
        except services.CommentRejected as rejection:
            form.show_rejection(rejection)
        else:
            if counted:
                flash(_("Takk! En moderator ser på innspillet."), "success")
            else:
                flash(_("Du har allerede meldt fra om dette innspillet."), "info")
            return redirect(discussion_url(consultation.slug, comment.anchor, _anchor="innspill"))
    status = 400 if request.method == "POST" else 200
    return render_template("comments/report.html", consultation=consultation, comment=comment, form=form), status


def _public_comment(slug: str, comment_id: int):
    consultation = get_public_consultation(slug)
    comment = services.get_public_comment(consultation, comment_id)
    if comment is None:
        raise ConsultationNotFound(comment_id)
    return consultation, comment


def _remember_sent(comment_id: int) -> None:
    sent_ids = [i for i in session.get(SENT_KEY, []) if i != comment_id]
    session[SENT_KEY] = (sent_ids + [comment_id])[-SENT_KEPT:]


def _sent_ids() -> set[int]:
    return set(session.get(SENT_KEY, []))


def _voter() -> str:
    """The anonymous key of this browser session, made on first use."""
    if VOTER_KEY not in session:
        session[VOTER_KEY] = secrets.token_hex(16)
    return session[VOTER_KEY]


def _reply_target_id(consultation, anchor: str | None) -> int | None:
    target = request.args.get("svar", type=int)
    if target is None:
        return None
    comment = services.get_public_comment(consultation, target)
    return comment.id if comment is not None and comment.anchor == anchor else None


def _comment_url(consultation, comment) -> str:
    page = services.page_of_thread(consultation, comment, current_app.config["THREADS_PER_PAGE"])
    return discussion_url(consultation.slug, comment.anchor, page=page if page > 1 else None,
                          _anchor=f"kommentar-{comment.id}")


def _ids(threads) -> list[int]:
    ids, stack = [], list(threads)
    while stack:
        thread = stack.pop()
        ids.append(thread.comment.id)
        stack.extend(thread.replies)
    return ids
