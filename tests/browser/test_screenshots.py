"""Screenshots for people to look at: the front page, a consultation, a unit's page and the receipt after
sending a comment, at 360 and 1280 px, saved as PNG files in artefacts/screenshots/ (or the folder
HOERING_ARTEFACTS names). Each is checked for what a look would catch first: the page fits its width,
and it shows the municipality's name and logo."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.checks import OPEN_SLUG, PHONE, assert_fits

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 900}
ARTEFACTS = Path(os.environ.get("HOERING_ARTEFACTS") or Path(__file__).resolve().parents[2] / "artefacts") / "screenshots"


@pytest.fixture(params=[PHONE, DESK], ids=["360", "1280"])
def screen(request, browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=request.param,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page(), request.param["width"]
    context.close()


def saved(page, name: str, width: int) -> Path:
    """The whole page as ARTEFACTS/<name>-<width>.png, after checking it fits and carries the brand."""
    assert_fits(page)
    expect(page.locator(".site-organisation")).to_have_text("Fjordvik kommune")
    assert page.evaluate("() => document.querySelector('.site-logo').naturalWidth") > 0
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    with Image.open(path) as image:
        assert image.width == width
    return path


def test_screenshots_of_the_citizens_pages(screen):
    page, width = screen
    page.goto("/")
    saved(page, "forside", width)
    page.goto(f"/hoeringer/{OPEN_SLUG}")
    saved(page, "hoering", width)
    unit = page.locator(".unit:not(:has(.unit-heading)) .unit-actions a").nth(2)
    unit.click()
    expect(page.locator(".unit-current")).to_be_visible()
    saved(page, "punkt", width)
    page.fill("#author_name", "Skjermbilde Testesen")
    page.fill("#text", f"Et innspill for skjermbildet på {width} piksler: svar gjerne innen to virkedager.")
    page.get_by_role("button", name="Send innspill").click()
    expect(page.locator(".receipt")).to_contain_text("Takk!")
    saved(page, "kvittering", width)
