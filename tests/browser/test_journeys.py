"""Journeys in a real browser: a citizen on a phone (with and without JavaScript, and by keyboard only)
and a moderator who removes a national identity number before publishing."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import (OPEN_SLUG, PHONE, assert_fits, assert_focus_visible, assert_notice, by_id, by_text,
                                  focused, login, press, tab_to)

pytestmark = pytest.mark.browser

OPEN_TITLE = "Strategi for sosiale medier og digital dialog med innbyggerne"


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, is_mobile=True, has_touch=True,
                                  java_script_enabled=request.param,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page(), "med" if request.param else "uten"
    context.close()


def open_a_paragraph(page, nth: int) -> None:
    """From the front page: the open consultation, then the comment page of its nth paragraph."""
    page.goto("/")
    page.get_by_role("region", name="Åpne høringer").get_by_role("link", name=OPEN_TITLE).click()
    assert page.url.endswith(f"/hoeringer/{OPEN_SLUG}")
    page.locator(".unit:not(:has(.unit-heading)) .unit-actions a").nth(nth).click()
    # Loaded, styles and scripts included: under load a Tab pressed earlier met a page still being laid out
    # (CI once saw the skip link focused without its focus style).
    page.wait_for_load_state("load")
    expect(page.locator(".unit-current")).to_be_visible()


def test_citizen_on_a_phone_comments_replies_and_agrees(phone, browser, base_url):
    page, javascript = phone
    open_a_paragraph(page, 3)
    assert_fits(page)

    page.fill("#author_name", "Kari Nordmann")
    page.get_by_role("button", name="Send innspill").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "Skriv innspillet ditt." in summary.inner_text()
    assert page.input_value("#author_name") == "Kari Nordmann"
    assert "text-feil" in page.get_attribute("#text", "aria-describedby")
    assert_fits(page)

    text = f"Kommunen bør svare innen to virkedager, også i ferien (skrevet {javascript} JavaScript)."
    page.fill("#text", text)
    page.get_by_role("button", name="Send innspill").click()
    see_the_receipt_then_the_thread(page, "Takk! Innspillet ditt er publisert", text, javascript)
    mine = page.locator("article.comment-own", has_text=text).first
    assert mine.is_visible()
    expect(mine.locator(".badge-own")).to_have_text("Ditt innspill")
    comment_id = mine.get_attribute("id")

    mine.locator(".reply-link").first.click()
    assert page.locator("#skjema-tittel").inner_text() == "Svar til Kari Nordmann"
    page.fill("#author_name", "Ola Nordmann")
    page.fill("#text", "Enig, og helst samme dag når det gjelder akutte saker.")
    page.get_by_role("button", name="Send svar").click()
    see_the_receipt_then_the_thread(page, "Takk! Innspillet ditt er publisert", "helst samme dag", javascript)
    expect(page.locator(f"#{comment_id} .replies", has_text="helst samme dag")).to_be_visible()

    # One's own comment has a count, not a button; a neighbour's has a light toggle, and it can be undone.
    expect(page.locator(f"#{comment_id} > .comment-actions .toggle")).to_have_count(0)
    neighbour_says = f"Jeg er enig med Kari ({javascript} JavaScript)."
    comment_from_another_browser(browser, base_url, page.url.split("#")[0], neighbour_says)
    page.reload()
    other = page.locator("article.comment", has_text=neighbour_says).first
    other_id = other.get_attribute("id")
    other.locator("> .comment-actions").get_by_role("button", name=re.compile("^Enig")).click()
    assert "Takk! Vi har registrert at du er enig." in page.locator(".notice").inner_text()
    toggle = page.locator(f"#{other_id} > .comment-actions .toggle")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    assert "Du er ikke lenger registrert som enig." in page.locator(".notice").inner_text()
    expect(page.locator(f"#{other_id} > .comment-actions .toggle")).to_have_attribute("aria-pressed", "false")
    assert_fits(page)


def comment_from_another_browser(browser, base_url, url: str, text: str) -> None:
    context = browser.new_context(base_url=base_url, extra_http_headers={"Accept-Language": "nb"})
    neighbour = context.new_page()
    neighbour.goto(url)
    neighbour.fill("#author_name", "Nabo Nilsen")
    neighbour.fill("#text", text)
    neighbour.locator("#skjema form button[type=submit]").click()
    expect(neighbour.locator(".receipt")).to_be_visible()
    context.close()


def see_the_receipt_then_the_thread(page, heading: str, text: str, javascript: str) -> None:
    """After sending: the receipt at the top of the page (focused when scripts run, so a screen reader
    reads it first), the comment shown, and a link to it in its thread."""
    expect(page.locator(".receipt h1")).to_have_text(heading)
    expect(page.locator(".comment-own")).to_contain_text(text)
    assert_fits(page)
    if javascript == "med":
        assert page.evaluate("document.activeElement.classList.contains('receipt')")
    page.get_by_role("link", name="Se innspillet ditt i samtalen").click()


def test_keyboard_skip_link_is_the_first_tab_stop_and_leads_to_main(page):
    page.goto(f"/hoeringer/{OPEN_SLUG}")
    page.keyboard.press("Tab")
    focus = focused(page)
    assert "skip-link" in focus["cls"]
    assert_focus_visible(focus)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "innhold"


def test_keyboard_only_comment_with_focus_always_visible(page):
    open_a_paragraph(page, 5)
    stops = tab_to(page, by_id("author_name"))  # every stop on the way shows where the focus is
    assert len(stops) > 10  # the header, the paragraphs around and the comments came first

    page.keyboard.type("Per Tastatur")
    page.keyboard.press("Tab")  # the e-mail field's hint links to the privacy statement, before the field
    assert focused(page)["text"] == "Slik behandler vi personopplysningene dine"
    for field in ("email", "notify", "organisation", "stance", "text"):
        page.keyboard.press("Tab")
        assert focused(page)["id"] == field
    page.keyboard.type("Skriv gjerne hvilke kanaler kommunen faktisk følger med på.")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Send innspill"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".receipt h1")).to_have_text("Takk! Innspillet ditt er publisert")
    tab_to(page, by_text("Se innspillet ditt i samtalen"))
    press(page, "Enter")
    mine = page.locator("article.comment", has_text="hvilke kanaler kommunen").first
    assert mine.is_visible()
    comment_id = mine.get_attribute("id")

    # A reply and an agreement, by keyboard too.
    tab_to(page, lambda focus: focus["article"] == comment_id and "reply-link" in focus["cls"])
    page.keyboard.press("Enter")
    expect(page.locator("#skjema-tittel")).to_have_text("Svar til Per Tastatur")
    tab_to(page, by_id("author_name"))
    page.keyboard.type("Kari Tastatur")
    tab_to(page, by_id("text"))
    page.keyboard.type("Og hvor raskt de svarer der.")
    tab_to(page, by_text("Send svar"))
    press(page, "Enter")
    tab_to(page, by_text("Se innspillet ditt i samtalen"))
    press(page, "Enter")
    expect(page.locator(f"#{comment_id} .replies", has_text="hvor raskt de svarer")).to_be_visible()
    # The page opens at the new reply, below the comment it answers; one's own comments have no button,
    # so back up to another's.
    tab_to(page, lambda focus: focus["article"] not in ("", comment_id) and focus["text"].startswith("Enig"),
           backwards=True)
    press(page, "Enter")
    assert_notice(page, "Takk! Vi har registrert at du er enig.")


def test_moderator_removes_a_national_identity_number_then_publishes(page, browser, base_url):
    number = "01017010170"
    open_a_paragraph(page, 7)
    paragraph_url = page.url
    page.fill("#author_name", "Nils Personnummer")
    page.fill("#text", f"Jeg har fødselsnummer {number} og ble aldri svart av kommunen.")
    page.get_by_role("button", name="Send innspill").click()
    # The sender is told why it waits, and sees their own words; nobody else does (the test below).
    assert "personopplysninger" in page.locator(".receipt").inner_text()
    assert number in page.locator(".comment-own").inner_text()
    page.goto(paragraph_url)
    assert number not in page.content()

    staff = browser.new_context(base_url=base_url, extra_http_headers={"Accept-Language": "nb"})
    try:
        moderator = staff.new_page()
        login(moderator, "moderator@fjordvik.example.no")
        moderator.goto("/admin/moderering")
        item = moderator.locator("article.queue-item", has_text="Nils Personnummer")
        assert number in item.inner_text()
        item.get_by_role("button", name="Fjern personopplysningene").click()
        item = moderator.locator("article.queue-item", has_text="Nils Personnummer")
        assert number not in item.inner_text()
        item.get_by_role("button", name="Godkjenn og publiser").click()
        assert moderator.locator("article.queue-item", has_text="Nils Personnummer").count() == 0
    finally:
        staff.close()

    page.goto(paragraph_url)
    comment = page.locator("article.comment", has_text="Nils Personnummer")
    assert "[fjernet]" in comment.inner_text()
    assert number not in page.content()


def test_language_switcher_works_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False,
                                  extra_http_headers={"Accept-Language": "nb"})
    try:
        page = context.new_page()
        page.goto(f"/hoeringer/{OPEN_SLUG}")
        assert page.get_attribute("html", "lang") == "nb"
        page.locator(".language-switcher button[value=nn]").click()
        assert page.get_attribute("html", "lang") == "nn"
        assert page.url.endswith(f"/hoeringer/{OPEN_SLUG}")
        page.goto("/")
        assert page.get_attribute("html", "lang") == "nn"
        page.locator(".language-switcher button[value=en]").click()
        assert page.get_attribute("html", "lang") == "en"
    finally:
        context.close()
