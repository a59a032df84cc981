"""Logging in and out, the staff start page, and the admin's page of users."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from hoering.accounts import services
from hoering.accounts.access import public, requires
from hoering.accounts.forms import LoginForm, NewUserForm, UserRolesForm
from hoering.accounts.models import ADMIN, PLANNER, ROLE_LABELS, User
from hoering.consultations.worklist import worklist
from hoering.extensions import db, limiter
from hoering.security import safe_local_path

blueprint = Blueprint("accounts", __name__)


def _account_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _address_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def _account_and_address() -> str:
    return f"{get_remote_address()} {services.normalise_email(request.form.get('email', ''))}"


def _failed(response) -> bool:
    """Only a failed attempt counts (a success is the only redirect): colleagues behind one office
    address must not use up each other's attempts, and the right password is let through."""
    return response.status_code != 302


@blueprint.route("/logg-inn", methods=["GET", "POST"])
@public
@limiter.limit(_account_limit, key_func=_account_and_address, methods=["POST"], deduct_when=_failed)
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_local_path(form.next.data) or url_for("accounts.start"))
        form.form_errors.append(_("Feil e-post eller passord."))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form), status


@blueprint.post("/logg-ut")
@requires()
def logout():
    """End the session here and on the server: a copy of the cookie (and its CSRF token) dies with it."""
    services.log_out(current_user)
    logout_user()
    session.clear()
    flash(_("Du er logget ut."), "info")
    return redirect(url_for("consultations.front_page"))


@blueprint.get("/admin")
@requires()
def start():
    """The staff start page; a planner's (and an admin's) lists their consultations and the next step."""
    plans = current_user.has_any_role([ADMIN, PLANNER])
    return render_template("staff/start.html", work=worklist(current_user) if plans else [])


@blueprint.route("/admin/brukere", methods=["GET", "POST"])
@requires(ADMIN)
def users():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(form.email.data, form.name.data, form.password.data, form.roles.data or [],
                                        actor=current_user)
        except services.AccountRejected as rejection:
            form.show_rejection(rejection)
        else:
            flash(_("Brukeren %(email)s er opprettet.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "accounts/users.html", form=form, users=services.all_users(), role_labels=ROLE_LABELS
    ), status


@blueprint.post("/admin/brukere/<int:user_id>")
@requires(ADMIN)
def update_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserRolesForm()
    if form.validate_on_submit():
        try:
            services.update_user(user, form.roles.data or [], form.active.data, actor=current_user)
        except services.AccountRejected as rejection:
            flash(str(rejection.reason), "error")
        else:
            if user.id == current_user.id:
                login_user(user)  # a role given up ends the admin's own sessions too, but not this one
            flash(_("Endringene for %(email)s er lagret.", email=user.email), "success")
    return redirect(url_for("accounts.users"))
