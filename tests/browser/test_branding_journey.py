"""An admin gives the service the municipality's name, logo and colour, in a real browser at 360 and 1280 px,
with and without JavaScript, in bokmål, nynorsk and English: a too-pale colour is refused with the reason,
nothing typed is lost, and a good one shows at once on every page, the logo beside the name."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.checks import PHONE, assert_accessible, assert_fits, login

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 900}
ADMIN = "admin@fjordvik.example.no"
REFUSED = {
    "nb": "gir for svak kontrast mot hvit tekst (1,75:1). Den må være minst 4,5:1",
    "nn": "gir for svak kontrast mot kvit tekst (1,75:1). Han må vere minst 4,5:1",
    "en": "gives too little contrast with white text (1.75:1). It must be at least 4.5:1",
}
SAVED = {"nb": "Endringene er lagret", "nn": "Endringane er lagra", "en": "The changes are saved"}
SERVICE = {"nb": "Høringer", "nn": "Høyringar", "en": "Consultations"}


@pytest.fixture(scope="module")
def brand_site(tmp_path_factory):
    """A demo site of its own: the brand changed here is seen by no other test."""
    from tests.browser.conftest import serve

    yield from serve(tmp_path_factory, "brand")


def logo_png(tmp_path, colour) -> str:
    path = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), colour).save(path, "PNG")
    return str(path)


@pytest.mark.parametrize("viewport, javascript, language, colour", [
    (PHONE, True, "nb", (91, 42, 134)), (DESK, False, "nn", (122, 38, 38)),
    (PHONE, False, "en", (20, 90, 50)), (DESK, True, "nb", (30, 60, 120)),
], ids=["360-js-nb", "1280-no-js-nn", "360-no-js-en", "1280-js-nb"])
def test_an_admin_sets_logo_and_colour_and_a_too_pale_colour_is_refused(browser, brand_site, tmp_path, viewport,
                                                                         javascript, language, colour):
    context = browser.new_context(base_url=brand_site.base_url, viewport=viewport, java_script_enabled=javascript,
                                  extra_http_headers={"Accept-Language": language})
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, ADMIN)
    page.locator("main a[href='/admin/merkevare']").click()
    organisation = f"Fjordvik kommune ({viewport['width']}, {language})"
    page.fill("#organisation", organisation)
    page.fill("#main_colour", "#9ECAE1")
    page.locator("main form button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(REFUSED[language])
    expect(page.locator("#main_colour-feil")).to_contain_text(REFUSED[language])
    assert page.input_value("#main_colour") == "#9ECAE1"
    assert page.input_value("#organisation") == organisation
    if viewport is PHONE:
        assert_fits(page)

    hex_colour = "#" + "".join(f"{channel:02x}" for channel in colour)
    page.fill("#main_colour", hex_colour)
    page.set_input_files("#logo", logo_png(tmp_path, colour))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".notice", has_text=SAVED[language])).to_be_visible()

    page.goto("/")
    assert page.title() == f"{SERVICE[language]} – {organisation}"
    expect(page.locator(".site-organisation")).to_have_text(organisation)
    logo = page.locator(".site-logo")
    expect(logo).to_be_visible()
    assert page.evaluate("() => document.querySelector('.site-logo').naturalWidth") == 120
    band = page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).borderBottomColor")
    assert band == f"rgb({colour[0]}, {colour[1]}, {colour[2]})"
    if viewport is PHONE:
        assert_fits(page)
    context.close()


def test_the_brand_page_and_a_branded_front_page_have_no_axe_violations(scan_context, brand_site):
    page = scan_context("nb", brand_site.base_url).new_page()
    login(page, ADMIN)
    for path in ("/admin/merkevare", "/"):
        page.goto(path)
        assert page.url.endswith(path)
        assert_accessible(page)
