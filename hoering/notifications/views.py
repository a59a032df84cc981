"""Following a consultation, a unit, a topic or an area by e-mail (the form, and the confirmation page
its e-mail links to), and unsubscribing: the link in every e-mail, and the one-click POST a mail program makes."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address

from hoering.accounts.access import public
from hoering.accounts.services import normalise_email
from hoering.comments.urls import discussion_url
from hoering.consultations.services import get_public_consultation, unit_in_context
from hoering.extensions import csrf, limiter
from hoering.languages import current_language
from hoering.notifications import following, services
from hoering.notifications.following import Followed
from hoering.notifications.forms import FollowForm
from hoering.topics.models import AREA, TOPIC
from hoering.topics.services import get_topic
from hoering.topics.urls import topic_url

blueprint = Blueprint("notifications", __name__)


def _follow_limit() -> str:
    return current_app.config["FOLLOW_RATE_LIMIT"]


def _address_limit() -> str:
    return current_app.config["FOLLOW_ADDRESS_RATE_LIMIT"]


def _address() -> str:
    """The limit per address holds whoever asks, from wherever: the form must not flood one inbox."""
    return "follow " + normalise_email(request.form.get("email", ""))


@blueprint.route("/hoeringer/<slug>/folg", methods=["GET", "POST"], defaults={"anchor": None})
@blueprint.route("/hoeringer/<slug>/<anchor>/folg", methods=["GET", "POST"])
@public
@csrf.exempt  # FollowForm checks its own token, and brings the form back when it has expired
@limiter.shared_limit(_follow_limit, "follow-ip", key_func=get_remote_address, methods=["POST"])
@limiter.shared_limit(_address_limit, "follow-address", key_func=_address, methods=["POST"])
def follow(slug: str, anchor: str | None):
    consultation = get_public_consultation(slug)
    unit = unit_in_context(consultation, anchor).unit if anchor else None
    return _follow_page(Followed(consultation=consultation, unit=unit),
                        url_for(".follow", slug=slug, anchor=anchor),
                        discussion_url(slug, anchor) if anchor else url_for("consultations.consultation", slug=slug))


@blueprint.route("/emner/<slug>/folg", methods=["GET", "POST"], defaults={"kind": TOPIC})
@blueprint.route("/omrader/<slug>/folg", methods=["GET", "POST"], defaults={"kind": AREA})
@public
@csrf.exempt  # as follow; the limits are shared with it
@limiter.shared_limit(_follow_limit, "follow-ip", key_func=get_remote_address, methods=["POST"])
@limiter.shared_limit(_address_limit, "follow-address", key_func=_address, methods=["POST"])
def follow_topic(kind: str, slug: str):
    topic = get_topic(kind, slug)
    return _follow_page(Followed(topic=topic), url_for(".follow_topic", kind=kind, slug=slug), topic_url(topic))


def _follow_page(followed: Followed, here: str, back: str):
    form = FollowForm()
    if request.method == "POST" and form.validate():
        services.send_later(following.follow(followed, form.email.data, form.frequency.data, current_language()))
        return redirect(f"{here}?sendt=1")
    return render_template("notifications/follow.html", followed=followed, described=followed.described(), form=form,
                           here=here, back=back, requested=request.method == "GET" and "sendt" in request.args,
                           ), 400 if request.method == "POST" else 200


@blueprint.get("/varsler/bekreft/<token>")
@public
def confirmation(token: str):
    """A page with a button, never a confirmation on GET: mail scanners open every link."""
    return _confirmation_page(services.find(token), token)


@blueprint.post("/varsler/bekreft/<token>")
@public
def confirm(token: str):
    """The button's POST (the CSRF token checked as on every staff form: a page, not a mail program)."""
    subscription = services.find(token)
    if subscription is not None:
        following.confirm(subscription)
    return _confirmation_page(subscription, token)


def _confirmation_page(subscription, token: str):
    followed = following.followed_by(subscription)
    return render_template("notifications/confirm.html", subscription=subscription, token=token, followed=followed,
                           described=followed.described() if followed else ""), 200 if subscription else 404


@blueprint.get("/varsler/avmeld/<token>")
@public
def unsubscribe(token: str):
    """A page with a button, never an unsubscribe on GET: mail scanners open every link."""
    subscription = services.find(token)
    followed = following.followed_by(subscription)
    return render_template("notifications/unsubscribe.html", subscription=subscription, token=token,
                           described=followed.described() if followed else "", done=False), 200 if subscription else 404


@blueprint.post("/varsler/avmeld/<token>")
@public
@csrf.exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" with no page and no token
def unsubscribe_now(token: str):
    removed = services.unsubscribe(token)
    return render_template("notifications/unsubscribe.html", subscription=None, token=token, done=True,
                           removed=removed)
