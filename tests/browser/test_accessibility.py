"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any public or staff page of the demo."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from hoering.comments.models import PENDING, PUBLISHED, Comment
from hoering.consultations.models import Consultation, Unit
from hoering.extensions import db
from tests.browser.checks import OPEN_SLUG, assert_accessible, login

pytestmark = pytest.mark.browser

LANGUAGES = ["nb", "nn", "en"]


@pytest.fixture(scope="module")
def demo(live_server) -> dict:
    """Addresses in the demo: a paragraph with comments, a published comment and a held one."""
    with live_server.app_context():
        consultation_id = db.session.scalar(sa.select(Consultation.id).where(Consultation.slug == OPEN_SLUG))
        published = sa.select(Comment).where(Comment.consultation_id == consultation_id,
                                             Comment.status == PUBLISHED, Comment.unit_id.is_not(None))
        comment = db.session.scalars(published.order_by(Comment.id)).first()
        anchor = db.session.get(Unit, comment.unit_id).anchor
        held = db.session.scalars(sa.select(Comment).where(Comment.status == PENDING).order_by(Comment.id)).first()
        return {"anchor": anchor, "comment_id": comment.id, "held_id": held.id}


def public_paths(demo) -> list[str]:
    return [
        "/",
        f"/hoeringer/{OPEN_SLUG}",
        f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}",
        f"/hoeringer/{OPEN_SLUG}/hele-dokumentet",
        f"/hoeringer/{OPEN_SLUG}/kommentarer/{demo['comment_id']}/meld-fra",
        "/logg-inn",
        "/finnes-ikke",
    ]


def staff_paths(demo) -> list[str]:
    return [
        "/admin",
        "/admin/brukere",
        "/admin/logg",
        "/admin/moderering",
        "/admin/hoeringer",
        "/admin/hoeringer/ny",
        f"/admin/hoeringer/{OPEN_SLUG}",
        f"/admin/hoeringer/{OPEN_SLUG}/rediger",
        "/admin/analyse",
        f"/admin/innspill/{demo['held_id']}",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_axe_violations(scan_context, demo, language):
    page = scan_context(language).new_page()
    failures = []
    for path in public_paths(demo):
        response = page.goto(path)
        assert response.status == (404 if path == "/finnes-ikke" else 200), path
        assert page.get_attribute("html", "lang") == language, path
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_have_no_axe_violations(scan_context, demo, language):
    page = scan_context(language).new_page()
    login(page, "admin@fjordvik.example.no")
    failures = []
    for path in staff_paths(demo):
        response = page.goto(path)
        assert response.status == 200, path
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_analysis_page_has_no_axe_violations_before_and_after_a_run(scan_context):
    page = scan_context("nb").new_page()
    login(page, "admin@fjordvik.example.no")
    page.goto(f"/admin/hoeringer/{OPEN_SLUG}/analyse")
    assert page.locator("#oversikt").count() == 0, "the demo has no analysis yet"
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    # The page's script reloads it when the run is done; the results have an "Oversikt" heading.
    page.wait_for_selector("#oversikt", timeout=90_000)
    assert_accessible(page)


def test_forms_showing_errors_have_no_axe_violations(scan_context, demo):
    page = scan_context("nb").new_page()
    page.goto(f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}")
    page.get_by_role("button", name="Send innspill").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)

    page.goto("/logg-inn")
    page.fill("input[name=email]", "admin@fjordvik.example.no")
    page.fill("input[name=password]", "feil passord")
    page.locator("main form button[type=submit]").click()
    assert "/logg-inn" in page.url
    assert_accessible(page)
