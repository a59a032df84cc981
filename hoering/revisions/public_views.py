"""What citizens see of revised drafts: every version readable, and what changed between them, and why."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for

from hoering.accounts.access import public
from hoering.consultations.services import get_public_consultation
from hoering.revisions import history

blueprint = Blueprint("versions", __name__, url_prefix="/hoeringer/<slug>")


@blueprint.get("/versjoner/<int:number>")
@public
def version(slug: str, number: int):
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    return render_template("revisions/version.html", consultation=consultation, version=version,
                           versions=history.versions(consultation), units=history.units_of(version),
                           comment_counts=history.comment_counts(version))


@blueprint.get("/versjoner/<int:number>/endringer")
@public
def changes(slug: str, number: int):
    consultation = get_public_consultation(slug)
    return render_template("revisions/changes.html", consultation=consultation,
                           changes=history.changes_in(consultation, number))


@blueprint.get("/versjoner/<int:number>/kilde.md")
@public
def source(slug: str, number: int):
    """The Markdown the version was split into units from (a Word draft's, as converted): the API's ``source_url``."""
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    return Response(version.source, mimetype="text/markdown")


@blueprint.get("/versjoner/<int:number>/<anchor>")
@public
def unit(slug: str, number: int, anchor: str):
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    unit = history.unit_of(version, anchor)
    comments = history.comments_on(unit)
    return render_template("revisions/unit.html", consultation=consultation, version=version, unit=unit,
                           comments=comments, origins=history.written_before(comments, unit),
                           fate=history.fate(consultation, unit))


@blueprint.get("/endringer")
@public
def latest_changes(slug: str):
    consultation = get_public_consultation(slug)
    return redirect(url_for(".changes", slug=consultation.slug, number=history.latest_revision_number(consultation)))


def comment_origins(threads, unit) -> dict:
    """For a unit's discussion page: the comments of ``threads`` (and their replies) written on an
    earlier version, with the version and text they were written on."""
    comments, stack = [], list(threads)
    while stack:
        thread = stack.pop()
        comments.append(thread.comment)
        stack.extend(thread.replies)
    return history.written_before(comments, unit)


# The marks of a revised draft on the consultation's own pages (templates/revisions/*.html).
blueprint.add_app_template_global(history.current_version, "current_draft_version")
blueprint.add_app_template_global(history.last_change, "last_change_of")
blueprint.add_app_template_global(comment_origins, "comment_origins")
