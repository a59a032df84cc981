"""A long, law-shaped draft reads well on a phone and a desk (issue 13): a unit's label never
overlaps its text, headings are never smaller than the body text, nothing scrolls sideways, and
no page has axe violations. The draft is read in two parts (consultations.reading), and an old link
to a paragraph on the second part still finds it."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hoering.clock import utcnow
from hoering.consultations.services import create_consultation
from hoering.extensions import db
from tests.browser.checks import PHONE, assert_accessible, assert_fits
from tests.fixtures.long_law import long_law_draft

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"

pytestmark = pytest.mark.browser

SLUG = "endringer-plan-og-bygningsloven"
DESK = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def long_draft(live_server) -> str:
    with live_server.app_context():
        create_consultation(
            slug=SLUG, title="Endringer i plan- og bygningsloven", organisation="Fjordvik kommune",
            opens_at=utcnow() - timedelta(days=1), closes_at=utcnow() + timedelta(days=30),
            draft=long_law_draft(),
        )
        db.session.commit()
    return f"/hoeringer/{SLUG}"


@pytest.fixture(scope="module")
def real_law(live_server) -> str:
    """Burettslagslova as Lovdata publishes it (tests/fixtures/real), in nynorsk: 663 units."""
    with live_server.app_context():
        create_consultation(
            slug="burettslagslova", title="Lov om burettslag (burettslagslova)", organisation="Departementet",
            opens_at=utcnow() - timedelta(days=1), closes_at=utcnow() + timedelta(days=30),
            draft=(REAL / "burettslagslova.md").read_text(encoding="utf-8"), language="nn",
        )
        db.session.commit()
    return "/hoeringer/burettslagslova"


SECOND_PART = f"/hoeringer/{SLUG}/dokument/del-2"
PARTS = pytest.mark.parametrize("part", ["", "/dokument/del-2"], ids=["first-part", "second-part"])


OVERLAPS = """() => {
  const overlaps = [];
  for (const number of document.querySelectorAll('.unit > .unit-number')) {
    const text = number.parentElement.querySelector('.unit-text');
    if (!text) continue;
    const a = number.getBoundingClientRect(), b = text.getBoundingClientRect();
    const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    if (!apart) overlaps.push(number.textContent);
  }
  return overlaps;
}"""

SMALL_HEADINGS = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.unit-text p')).fontSize);
  return [...document.querySelectorAll('.unit-heading')]
    .filter(h => parseFloat(getComputedStyle(h).fontSize) < body)
    .map(h => h.tagName + ' ' + getComputedStyle(h).fontSize);
}"""


@PARTS
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_labels_never_overlap_the_text_and_nothing_scrolls_sideways(context, long_draft, viewport, part):
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(long_draft + part)
    longest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.unit-number')].map(n => n.textContent.length))")
    assert longest >= 11  # "andre ledd bokstav a–c"
    assert page.evaluate(OVERLAPS) == []
    assert_fits(page)


def test_headings_are_never_smaller_than_the_body_text(context, long_draft):
    page = context.new_page()
    page.set_viewport_size(DESK)
    page.goto(long_draft)
    assert page.evaluate(SMALL_HEADINGS) == []


@PARTS
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_a_long_draft_has_no_axe_violations(scan_context, long_draft, viewport, part):
    page = scan_context().new_page()
    page.set_viewport_size(viewport)
    page.goto(long_draft + part)
    assert_accessible(page)


def test_an_old_link_to_a_paragraph_on_the_second_part_finds_it(context, long_draft):
    page = context.new_page()
    page.goto(SECOND_PART)
    anchor = page.locator(".draft .unit").last.get_attribute("id")
    page.goto(f"{long_draft}#{anchor}")
    page.wait_for_url(f"**{SECOND_PART}#{anchor}")
    assert page.locator(f"#{anchor}").is_visible()


def test_the_parts_are_read_in_order_with_previous_and_next(context, long_draft):
    page = context.new_page()
    page.goto(long_draft)
    page.locator(".reading-pager a[rel=next]").first.click()
    page.wait_for_url(f"**{SECOND_PART}")
    assert page.locator("nav.contents a[aria-current=page]").count() >= 1
    page.locator(".reading-pager a[rel=prev]").first.click()
    page.wait_for_url(f"**{long_draft}")


@pytest.mark.parametrize("part", ["", "/dokument/kapittel-5"], ids=["first-part", "chapter-5"])
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_a_real_law_reads_without_overlap_or_sideways_scroll_and_has_no_axe_violations(
        scan_context, real_law, viewport, part):
    page = scan_context().new_page()
    page.set_viewport_size(viewport)
    page.goto(real_law + part)
    assert page.locator(".draft .unit").count() > 20
    assert page.evaluate(OVERLAPS) == []
    assert page.evaluate(SMALL_HEADINGS) == []
    assert_fits(page)
    assert_accessible(page)
