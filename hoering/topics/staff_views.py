"""The admin's lists of topics and areas, and the page where a planner tags a consultation."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import requires
from hoering.accounts.models import ADMIN, PLANNER
from hoering.consultations.planning import get_staff_consultation, may_manage
from hoering.notifications import following
from hoering.topics import services
from hoering.topics.forms import RenameForm, TopicForm
from hoering.topics.models import KIND_LABELS

blueprint = Blueprint("staff_topics", __name__, url_prefix="/admin")


@blueprint.route("/emner", methods=["GET", "POST"])
@requires(ADMIN)
def index():
    form = TopicForm()
    if form.validate_on_submit() and form.carried_out(
            lambda: services.create_topic(form.kind.data, form.name.data, current_user)):
        flash(_("«%(name)s» er lagt til.", name=" ".join(form.name.data.split())), "success")
        return redirect(url_for(".index"))
    return render_template("topics/admin.html", lists=services.lists(), form=form, rename_form=RenameForm(),
                           kind_labels=KIND_LABELS), 400 if form.errors or form.form_errors else 200


@blueprint.post("/emner/<int:topic_id>/navn")
@requires(ADMIN)
def rename(topic_id: int):
    topic = services.get_topic_by_id(topic_id)
    form = RenameForm()
    if form.validate_on_submit() and form.carried_out(
            lambda: services.rename_topic(topic, form.name.data, current_user)):
        flash(_("Navnet er endret til «%(name)s».", name=topic.name), "success")
    else:
        flash(" ".join(str(error) for errors in form.errors.values() for error in errors), "error")
    return redirect(url_for(".index"))


@blueprint.get("/emner/<int:topic_id>/slett")
@requires(ADMIN)
def confirm_delete(topic_id: int):
    """Deleting cannot be undone, and it deletes the followers' addresses: a page says so first."""
    topic = services.get_topic_by_id(topic_id)
    return render_template("topics/delete.html", topic=topic, consultations=len(services.tagged_ids(topic)),
                           followers=following.follower_count(topic))


@blueprint.post("/emner/<int:topic_id>/slett")
@requires(ADMIN)
def delete(topic_id: int):
    topic = services.get_topic_by_id(topic_id)
    name = topic.name
    services.delete_topic(topic, current_user)
    flash(_("«%(name)s» er slettet.", name=name), "success")
    return redirect(url_for(".index"))


@blueprint.route("/hoeringer/<slug>/emner", methods=["GET", "POST"])
@requires(PLANNER)
def tag(slug: str):
    consultation = get_staff_consultation(slug)
    if not may_manage(current_user, consultation):
        abort(403)
    if request.method == "POST":
        chosen = [int(value) for value in request.form.getlist("emne") if value.isdigit()]
        services.set_topics(consultation, chosen, current_user)
        flash(_("Emner og områder er lagret."), "success")
        return redirect(url_for("staff_consultations.overview", slug=slug))
    return render_template("topics/tagging.html", consultation=consultation, lists=services.lists(),
                           chosen={topic.id for topic in services.topics_of(consultation)})
