"""Public pages of consultations: the front page, and a consultation with its draft, a long draft
a reading page at a time (consultations.reading), and the pictures of drafts (consultations.images)."""
from flask import Blueprint, abort, current_app, redirect, render_template, url_for

from hoering.accounts.access import public
from hoering.comments.services import counts_by_anchor, counts_by_consultation
from hoering.consultations import images, services
from hoering.consultations.navigation import table_of_contents
from hoering.consultations.reading import Reading, page_units, reading_of
from hoering.page_cache.pages import cached_for_readers, changes_at
from hoering.summaries.urls import summary_url
from hoering.topics.services import lists as topic_lists, topics_of

blueprint = Blueprint("consultations", __name__)


@blueprint.get("/")
@public
@cached_for_readers
def front_page():
    page = services.front_page()
    ids = [c.id for c in page.open + page.upcoming + page.closed]
    changes_at(*(c.opens_at for c in page.upcoming), *(c.closes_at for c in page.open))
    return render_template("consultations/front_page.html", page=page, comment_counts=counts_by_consultation(ids),
                           topic_lists=topic_lists())


@blueprint.get("/hoeringer/<slug>")
@public
@cached_for_readers
def consultation(slug: str):
    consultation = services.get_public_consultation(slug)
    reading = reading_of(consultation)
    return _draft_page(consultation, reading, reading.pages[0] if reading.pages else None)


@blueprint.get("/hoeringer/<slug>/dokument/<anchor>")
@public
@cached_for_readers
def reading_page(slug: str, anchor: str):
    """A reading page of a long draft, by its first unit's anchor; any other unit's anchor leads to
    the page it is on (so that an old ``/hoeringer/<slug>#anchor`` link, passed on by the page's
    script, still finds its paragraph)."""
    consultation = services.get_public_consultation(slug)
    reading = reading_of(consultation)
    page = reading.page_named(anchor)
    if page is None or page.index == 0:
        found = page or reading.page_of(anchor)
        if found is None:
            abort(404)
        return redirect(draft_url(consultation.slug, reading, anchor))
    return _draft_page(consultation, reading, page)


@blueprint.get("/hoeringer/bilder/<image_id>")
@public
def image(image_id: str):
    """A picture of a draft, by the SHA-256 of its bytes: the same name is always the same picture,
    so a browser may keep it for a year. Shown, never sniffed as anything but its stored type."""
    stored = images.get_image(image_id)
    if stored is None:
        abort(404)
    response = current_app.response_class(stored.data, mimetype=stored.content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def _draft_page(consultation, reading: Reading, page):
    changes_at(consultation.opens_at, consultation.closes_at)
    units = page_units(consultation, page) if reading.paged else services.current_units(consultation)
    comment_counts = counts_by_anchor(consultation)
    return render_template(
        "consultations/consultation.html",
        consultation=consultation,
        units=units,
        reading=reading,
        page=page,
        comment_counts=comment_counts,
        contents=table_of_contents(reading.outline, comment_counts),
        summary_url=summary_url(consultation),
        topics=topics_of(consultation),
    )


@blueprint.app_template_global()
def draft_url(slug: str, reading: Reading, anchor: str) -> str:
    """Where a unit of the draft is read: the consultation's page, or the reading page it is on."""
    page = reading.page_of(anchor) if reading.paged else None
    if page is None or page.index == 0:
        return url_for("consultations.consultation", slug=slug, _anchor=anchor)
    return url_for("consultations.reading_page", slug=slug, anchor=page.anchor, _anchor=anchor)
