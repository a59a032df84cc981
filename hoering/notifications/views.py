"""Unsubscribing from a notice: the link in every e-mail, and the one-click POST a mail program makes."""
from __future__ import annotations

from flask import Blueprint, render_template

from hoering.accounts.access import public
from hoering.extensions import csrf
from hoering.notifications import services

blueprint = Blueprint("notifications", __name__)


@blueprint.get("/varsler/avmeld/<token>")
@public
def unsubscribe(token: str):
    """A page with a button, never an unsubscribe on GET: mail scanners open every link."""
    subscription = services.find(token)
    return render_template("notifications/unsubscribe.html", subscription=subscription, token=token,
                           done=False), 200 if subscription else 404


@blueprint.post("/varsler/avmeld/<token>")
@public
@csrf.exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" with no page and no token
def unsubscribe_now(token: str):
    removed = services.unsubscribe(token)
    return render_template("notifications/unsubscribe.html", subscription=None, token=token, done=True,
                           removed=removed)
