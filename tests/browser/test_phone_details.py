"""Details a phone shows up: a wide table says in words that it scrolls, the character count writes
numbers the Norwegian way, and the site has an icon for tabs and home screens."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.checks import PHONE, assert_fits, login
from tests.factories import make_consultation

pytestmark = pytest.mark.browser

WIDE_TABLE = """# Gebyrer

Tabellen viser gebyrene for 2027.

| Tjeneste | Gebyr 2026 | Gebyr 2027 | Endring i kroner | Endring i prosent | Merknad fra administrasjonen |
|---|---|---|---|---|---|
| Byggesak, enebolig | 21 500 | 22 800 | 1 300 | 6,0 | Justert etter selvkost og lønnsvekst |
| Oppmåling, tomt | 18 900 | 19 700 | 800 | 4,2 | Uendret metode |
"""


@pytest.fixture(scope="module")
def fee_table(live_server) -> str:
    with live_server.app_context():
        make_consultation("gebyrregulativ-2027", title="Gebyrregulativ 2027", draft=WIDE_TABLE)
    return "/hoeringer/gebyrregulativ-2027"


def test_a_wide_table_says_that_it_scrolls_on_a_phone_only(browser, base_url, fee_table):
    for viewport, hints in ((PHONE, 1), ({"width": 1280, "height": 900}, 0)):
        context = browser.new_context(base_url=base_url, viewport=viewport, extra_http_headers={"Accept-Language": "nb"})
        page = context.new_page()
        page.goto(fee_table)
        expect(page.locator(".scroll-hint")).to_have_count(hints)
        if hints:
            expect(page.locator(".scroll-hint")).to_have_text("Rull sideveis for å se alt →")
            assert page.locator(".scroll-hint + table").count() == 1
        assert_fits(page)
        context.close()


@pytest.mark.parametrize("language, count", [("nb", "10 000 tegn igjen"), ("en", "10,000 characters left")])
def test_the_character_count_writes_numbers_as_the_language_does(browser, base_url, fee_table, language, count):
    context = browser.new_context(base_url=base_url, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{fee_table}/hele-dokumentet")
    expect(page.locator(".char-count")).to_have_text(count.replace(" ", "\u00a0", 1) if language == "nb" else count)
    context.close()


def test_the_site_has_an_icon_for_tabs_and_home_screens(page):
    page.goto("/")
    for selector, kind in (("link[rel=icon][type='image/svg+xml']", "image/svg+xml"),
                           ("link[rel=apple-touch-icon]", "image/png")):
        href = page.locator(selector).get_attribute("href")
        response = page.request.get(href)
        assert response.status == 200 and response.headers["content-type"].startswith(kind), href


WORD_LINES = """([label, word]) => {
  const dt = [...document.querySelectorAll('.facts dt')].find(d => d.textContent.trim() === label);
  const text = dt.nextElementSibling.firstChild;
  const start = text.textContent.indexOf(word);
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + word.length);
  return range.getClientRects().length;
}"""


def test_a_long_word_in_the_facts_is_never_broken_on_a_phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, extra_http_headers={"Accept-Language": "nb"})
    page = context.new_page()
    page.goto("/hoeringer/strategi-sosiale-medier")
    assert page.evaluate(WORD_LINES, ["Kontakt", "Kommunikasjonsavdelingen"]) == 1
    assert_fits(page)
    context.close()


def test_the_planner_s_start_page_fits_a_phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, extra_http_headers={"Accept-Language": "nb"})
    page = context.new_page()
    login(page, "planlegger@fjordvik.example.no")
    page.goto("/admin")
    expect(page.locator("table.worklist tbody tr").first).to_be_visible()
    assert_fits(page)
    context.close()
