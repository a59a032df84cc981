"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any public or staff page of the demo."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hoering.casework.review import current_review
from hoering.comments.models import PENDING, PUBLISHED, Comment
from hoering.consultations.models import Consultation, Unit
from hoering.extensions import db
from tests.browser.checks import OPEN_SLUG, PHONE, assert_accessible, assert_fits, login
from tests.factories import TOPICAL_COMMENTS, make_comment

pytestmark = pytest.mark.browser

LANGUAGES = ["nb", "nn", "en"]
CLOSED_SLUG = "fritidstilbud-barn-og-unge"  # the demo's closed consultation


@pytest.fixture(scope="module")
def demo(live_server) -> dict:
    """Addresses in the demo: a paragraph with comments, a published comment and a held one, a paragraph
    of the closed consultation, and a paragraph with more threads than fit on one page."""
    with live_server.app_context():
        comment = _first_published_on_a_unit(OPEN_SLUG)
        closed = _first_published_on_a_unit(CLOSED_SLUG)
        held = db.session.scalars(sa.select(Comment).where(Comment.status == PENDING).order_by(Comment.id)).first()
        return {"anchor": comment.anchor, "comment_id": comment.id, "held_id": held.id,
                "closed_anchor": closed.anchor, "paged_anchor": _paragraph_with_two_pages(live_server)}


def _first_published_on_a_unit(slug: str) -> Comment:
    consultation_id = db.session.scalar(sa.select(Consultation.id).where(Consultation.slug == slug))
    published = sa.select(Comment).where(Comment.consultation_id == consultation_id,
                                         Comment.status == PUBLISHED, Comment.unit_id.is_not(None))
    return db.session.scalars(published.order_by(Comment.id)).first()


def _paragraph_with_two_pages(app) -> str:
    """The open consultation's last paragraph, given one thread more than a page holds."""
    consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == OPEN_SLUG))
    last = sa.select(Unit).where(Unit.version_id == consultation.current_version_id, Unit.kind == "paragraph")
    anchor = db.session.scalars(last.order_by(Unit.position.desc())).first().anchor
    for n in range(app.config["THREADS_PER_PAGE"] + 1):
        text = f"{TOPICAL_COMMENTS[n % len(TOPICAL_COMMENTS)]} (innspill nummer {n + 1} på dette punktet)"
        make_comment(consultation, anchor, text=text, author_name=f"Innbygger {n + 1}")
    return anchor


def public_paths(demo) -> list[str]:
    return [
        "/",
        f"/hoeringer/{OPEN_SLUG}",
        f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}",
        f"/hoeringer/{OPEN_SLUG}/hele-dokumentet",
        f"/hoeringer/{OPEN_SLUG}/{demo['paged_anchor']}?side=2",
        f"/hoeringer/{OPEN_SLUG}/kommentarer/{demo['comment_id']}/meld-fra",
        f"/hoeringer/{CLOSED_SLUG}",
        f"/hoeringer/{CLOSED_SLUG}/{demo['closed_anchor']}",
        "/emner/barn-og-unge",
        "/omrader/nordbyen-skolekrets",
        "/omrader/nordbyen-skolekrets/folg",
        f"/hoeringer/{OPEN_SLUG}/folg",
        f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}/folg",
        "/api",
        "/sok?q=skole",
        f"/sok?q=innspill&horing={OPEN_SLUG}",
        "/logg-inn",
        "/personvern",
        "/tilgjengelighet?side=/",
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
        f"/admin/hoeringer/{OPEN_SLUG}/eksport",
        f"/admin/hoeringer/{OPEN_SLUG}/emner",
        "/admin/emner",
        "/admin/merkevare",
        "/admin/emner/1/slett",
        f"/admin/hoeringer/{OPEN_SLUG}/publiser",
        f"/admin/hoeringer/{CLOSED_SLUG}/ferdigbehandlet",
        "/admin/analyse",
        f"/admin/hoeringer/{OPEN_SLUG}/analyse",
        f"/admin/innspill/{demo['held_id']}",
        "/admin/sok?q=skole",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_axe_violations(scan_context, demo, language):
    page = scan_context(language).new_page()
    failures = []
    for path in public_paths(demo):
        response = page.goto(path)
        assert response.status == (404 if path == "/finnes-ikke" else 200), path
        assert page.get_attribute("html", "lang") == language, path
        if path.endswith("?side=2"):
            assert page.locator(".pagination [aria-current=page]").inner_text() == "2", path
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_public_pages_fit_a_360_px_phone(browser, base_url, demo):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    failures = []
    for path in public_paths(demo):
        page.goto(path)
        try:
            assert_fits(page)
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n".join(failures)


def test_staff_pages_fit_a_360_px_phone(browser, base_url, demo):
    """Caseworkers read the analysis on a phone too; a wide table scrolls in its own box (its
    visually hidden words once widened the whole page to 567 px)."""
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    login(page, "admin@fjordvik.example.no")
    failures = []
    for path in staff_paths(demo):
        page.goto(path)
        try:
            assert_fits(page)
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n".join(failures)


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


def test_analysis_page_has_no_axe_violations_before_and_after_a_run(scan_context, live_server):
    """And the page of a theme holding a formal response (the demo's responses are analysed)."""
    page = scan_context("nb").new_page()
    login(page, "admin@fjordvik.example.no")
    page.goto(f"/admin/hoeringer/{OPEN_SLUG}/analyse")
    assert page.locator("#oversikt").count() == 0, "the demo has no analysis yet"
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    # The page's script reloads it when the run is done; the results have an "Oversikt" heading.
    page.wait_for_selector("#oversikt", timeout=90_000)
    assert_accessible(page)
    with live_server.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == OPEN_SLUG))
        reviewed = current_review(consultation).reviewed
        theme = next(theme for theme in reviewed.themes if any(i < 0 for i in theme["comment_ids"]))
    page.goto(f"/admin/hoeringer/{OPEN_SLUG}/analyse/temaer/{theme['id']}")
    expect(page.locator("li.review-comment label", has_text="høringssvar").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_receipt_and_the_marked_comment_have_no_axe_violations(scan_context, demo, language):
    """A comment sent and published, and one held for its personal data: the receipts, and the thread
    with the sender's own comment marked."""
    page = scan_context(language).new_page()
    for text in (f"Et innspill om kanalene ({language}).", f"Ring meg på 912 34 567 ({language})."):
        page.goto(f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}")
        page.fill("#author_name", "Axe Skanner")
        page.fill("#text", text)
        page.locator("#skjema form button[type=submit]").click()
        expect(page.locator(".receipt")).to_be_visible()
        assert_accessible(page)
    page.goto(f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}")
    expect(page.locator(".comment-own").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_showing_errors_have_no_axe_violations(scan_context, demo, language):
    page = scan_context(language).new_page()
    page.goto(f"/hoeringer/{OPEN_SLUG}/{demo['anchor']}")
    page.locator("#skjema form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/hoeringer/{OPEN_SLUG}/kommentarer/{demo['comment_id']}/meld-fra")
    page.fill("#reason", "   ")  # gets past the browser's check for a required field, not the server's
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto("/logg-inn")
    page.fill("input[name=email]", "admin@fjordvik.example.no")
    page.fill("input[name=password]", "feil passord")
    page.locator("main form button[type=submit]").click()
    assert "/logg-inn" in page.url
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_planner_form_showing_errors_has_no_axe_violations(scan_context, language):
    page = scan_context(language).new_page()
    login(page, "planlegger@fjordvik.example.no")
    page.goto("/admin/hoeringer/ny")
    page.locator("form.planner-form").evaluate("form => { form.noValidate = true; }")  # the server's messages
    page.locator("button[value=save]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator(".error-summary li").count() >= 4  # title, unit, opening date, deadline
    assert page.locator("[aria-invalid=true]").count() >= 4
    assert_accessible(page)

    page.set_input_files("#docx", files=[{"name": "utkast.docx", "mimeType": "application/octet-stream",
                                          "buffer": b"Dette er ikke et Word-dokument."}])
    page.locator("button[value=preview]").click()
    expect(page.locator("#docx[aria-invalid=true]")).to_be_visible()
    assert_accessible(page)

    page.set_input_files("#docx", files=[])
    page.fill("#draft", "# Formål\n\nKommunen vil svare raskere.\n\n## Kanaler\n\n- Facebook\n- Nettsiden")
    page.locator("button[value=preview]").click()
    expect(page.locator("#inndeling .preview-unit").first).to_be_visible()
    assert_accessible(page)
