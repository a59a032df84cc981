"""Consultation rules: creation from a draft, status by the clock, what the public sees."""
from datetime import datetime, timedelta, timezone

import pytest

from hoering.clock import utcnow
from hoering.consultations import services
from hoering.consultations.models import DRAFT
from tests.factories import make_consultation


def test_creating_a_consultation_splits_its_draft_into_version_one(app):
    consultation = make_consultation()
    units = services.current_units(consultation)
    assert consultation.current_version.number == 1
    assert [u.number for u in units][:3] == ["0.1", "1", "1.1"]
    assert all(u.html for u in units if u.kind == "paragraph")


def test_a_revised_draft_becomes_the_current_version_and_keeps_anchors_of_unchanged_paragraphs(app):
    consultation = make_consultation()
    before = {u.text: u.anchor for u in services.current_units(consultation)}
    version = services.add_draft_version(consultation, "Nytt første avsnitt.\n\n" + consultation.current_version.source)
    after = {u.text: u.anchor for u in services.current_units(consultation)}
    assert version.number == 2 and consultation.current_version_id == version.id
    assert all(after[text] == anchor for text, anchor in before.items())


def test_status_follows_the_clock(app):
    now = utcnow()
    consultation = make_consultation(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=10))
    assert consultation.status_at(now) == "upcoming"
    assert consultation.status_at(now + timedelta(days=2)) == "open"
    assert consultation.status_at(now + timedelta(days=10)) == "closed"


def test_aware_datetimes_are_stored_as_utc(app):
    oslo = timezone(timedelta(hours=1))
    consultation = make_consultation(
        opens_at=datetime(2026, 1, 1, 9, 0, tzinfo=oslo), closes_at=datetime(2026, 2, 1, 23, 59, tzinfo=oslo)
    )
    assert consultation.opens_at == datetime(2026, 1, 1, 8, 0)


def test_front_page_lists_open_soonest_deadline_first_then_closed(app):
    now = utcnow()
    late = make_consultation("sent", closes_at=now + timedelta(days=30))
    soon = make_consultation("snart", closes_at=now + timedelta(days=3))
    closed = make_consultation("stengt", open_=False)
    make_consultation("utkast", phase=DRAFT)
    page = services.front_page()
    assert [c.slug for c in page.open] == [soon.slug, late.slug]
    assert [c.slug for c in page.closed] == [closed.slug]


def test_a_draft_consultation_is_not_public(app):
    make_consultation("utkast", phase=DRAFT)
    with pytest.raises(services.ConsultationNotFound):
        services.get_public_consultation("utkast")


def test_unit_in_context_gives_the_neighbours(app):
    consultation = make_consultation()
    context = services.unit_in_context(consultation, "formal")
    assert [u.number for u in context.before] == ["0.1"]
    assert [u.number for u in context.after] == ["1.1"]
    with pytest.raises(services.ConsultationNotFound):
        services.unit_in_context(consultation, "finnes-ikke")


def test_rendering_a_revision_reuses_the_html_of_unchanged_texts(app):
    from hoering.consultations.services import rendered_units

    source = "# Formål\n\nFørste avsnitt.\n\nAndre avsnitt.\n"
    fresh = rendered_units(source)
    reused = rendered_units(source, known_html={"Første avsnitt.": "<p>Første avsnitt (lagret).</p>"})
    by_text = {row["text"]: row["html"] for row in reused}
    assert by_text["Første avsnitt."] == "<p>Første avsnitt (lagret).</p>"
    assert by_text["Andre avsnitt."] == {row["text"]: row["html"] for row in fresh}["Andre avsnitt."]
