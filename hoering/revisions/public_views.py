"""What citizens see of revised drafts: every version readable, and what changed between them, and why."""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for

from hoering.accounts.access import public
from hoering.consultations.navigation import table_of_contents
from hoering.consultations.reading import Reading, ReadingPage, version_page_units, version_reading
from hoering.consultations.services import get_public_consultation
from hoering.revisions import history

blueprint = Blueprint("versions", __name__, url_prefix="/hoeringer/<slug>")


@blueprint.get("/versjoner/<int:number>")
@public
def version(slug: str, number: int):
    """A version of the draft; a long one's first reading part (consultations.reading)."""
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    reading = version_reading(version.id)
    return _version_page(consultation, version, reading, reading.pages[0] if reading.pages else None)


@blueprint.get("/versjoner/<int:number>/dokument/<anchor>")
@public
def version_part(slug: str, number: int, anchor: str):
    """A later reading part of a long version, by its first unit's anchor; any other unit's anchor of
    the version leads to the part it is on."""
    consultation = get_public_consultation(slug)
    version = history.version_numbered(consultation, number)
    reading = version_reading(version.id)
    page = reading.page_named(anchor)
    if page is None or page.index == 0:
        if (page or reading.page_of(anchor)) is None:
            raise history.VersionNotFound(anchor)
        return redirect(version_text_url(consultation.slug, number, reading, anchor))
    return _version_page(consultation, version, reading, page)


def _version_page(consultation, version, reading: Reading, page: ReadingPage | None):
    """A version's text, or a long one's part with the contents (sections only, without comment
    counts: those are the current draft's) to find the other parts by."""
    paged = reading.paged
    units = version_page_units(version.id, page) if paged else history.units_of(version)
    return render_template("revisions/version.html", consultation=consultation, version=version,
                           versions=history.versions(consultation), reading=reading, page=page, units=units,
                           contents=table_of_contents(reading.outline, {}) if paged else [],
                           comment_counts=history.comment_counts(version))


@blueprint.app_template_global()
def version_text_url(slug: str, number: int, reading: Reading, anchor: str) -> str:
    """Where a unit of version ``number`` is read in the version's text: its first part, or the part
    it is on."""
    page = reading.page_of(anchor) if reading.paged else None
    if page is None or page.index == 0:
        return url_for("versions.version", slug=slug, number=number, _anchor=anchor)
    return url_for("versions.version_part", slug=slug, number=number, anchor=page.anchor, _anchor=anchor)


@blueprint.get("/versjoner/<int:number>/endringer")
@public
def changes(slug: str, number: int):
    """What changed in a version, ``CHANGES_PER_PAGE`` changes a page (``?side=N``); ``?endring=<anchor>``
    leads to the page that lists that unit's change."""
    consultation = get_public_consultation(slug)
    shown = history.changes_page(consultation, number, request.args.get("side", 1, type=int))
    anchor = request.args.get("endring")
    if anchor is not None:
        page = shown.page_with(anchor)
        if page is None:
            raise history.VersionNotFound(anchor)
        return redirect(url_for(".changes", slug=consultation.slug, number=number, side=page if page > 1 else None,
                                _anchor=f"endring-{anchor}"))
    return render_template("revisions/changes.html", consultation=consultation, changes=shown.changes,
                           shown=shown)


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
