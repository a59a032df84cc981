"""The admin's lists of topics and areas, and the page where a planner tags a consultation."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
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


@blueprint.route("/emner/<int:topic_id>/slett", methods=["GET", "POST"])
@requires(ADMIN)
def delete(topic_id: int):
    """GET: deleting cannot be undone and deletes the followers' addresses, so a page says so first;
    its button POSTs. (One rule for both: an impossible id is then a 404 for either method.)"""
    topic = services.get_topic_by_id(topic_id)
    if request.method == "POST":
        name = topic.name
        services.delete_topic(topic, current_user)
        flash(_("«%(name)s» er slettet.", name=name), "success")
        return redirect(url_for(".index"))
    consultations, followers = len(services.tagged_ids(topic)), following.follower_count(topic)
    consequences = [
        ngettext("%(num)d høring er merket med det. Merket fjernes.",
                 "%(num)d høringer er merket med det. Merket fjernes.", consultations),
        ngettext("%(num)d adresse følger det. Den slettes, uten at personen får beskjed.",
                 "%(num)d adresser følger det. De slettes, uten at personene får beskjed.", followers),
        _("Dette kan ikke angres. Vil du bare endre navnet, kan du gjøre det på listen: adressen og de som følger, "
          "beholdes."),
    ]
    return render_template("staff/confirm.html", heading=_("Slett «%(name)s»?", name=topic.name),
                           consequences=consequences, refusal=None, fields={}, danger=True,
                           action=url_for(".delete", topic_id=topic.id), button=_("Slett «%(name)s»", name=topic.name),
                           back=url_for(".index"), back_label=_("Emner og områder"))


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
