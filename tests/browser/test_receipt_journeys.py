"""The citizen knows what happened, in a real browser at 360 and 1280 px, with and without JavaScript:
a comment held for its personal data says why; the receipt arrives through a real SMTP server; its
private link lets the sender edit the comment and then withdraw it, and the thread keeps
"Trukket av innsenderen". axe finds nothing on the private page in nb, nn and en."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.checks import OPEN_SLUG, PHONE, assert_accessible, assert_fits, link_in, mail_to

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 900}


def a_paragraph(page) -> str:
    page.goto(f"/hoeringer/{OPEN_SLUG}")
    return page.locator(".unit:not(:has(.unit-heading)) .unit-actions a").nth(4).get_attribute("href")


@pytest.mark.parametrize("viewport, javascript", [(PHONE, False), (DESK, True)], ids=["360-no-js", "1280-js"])
def test_a_held_comment_is_edited_and_withdrawn_through_the_receipt(browser, smtp_site, smtp, viewport, javascript):
    citizen = f"kari.{viewport['width']}@example.no"
    context = browser.new_context(base_url=smtp_site.base_url, viewport=viewport, java_script_enabled=javascript,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    page = context.new_page()
    paragraph = a_paragraph(page)
    page.goto(paragraph)
    page.fill("#author_name", "Kari Kvittering")
    page.fill("#email", citizen)
    page.fill("#text", f"Ring meg på 912 34 567 om dette ({viewport['width']}).")
    page.locator("#skjema form button[type=submit]").click()

    receipt = page.locator(".receipt")
    expect(receipt).to_contain_text("Takk! Innspillet ditt er mottatt")
    expect(receipt).to_contain_text("personopplysninger (telefonnummer)")
    expect(receipt).to_contain_text("Vi har sendt en kvittering")
    assert_fits(page)

    mail = mail_to(smtp, citizen, 1)
    assert mail["Subject"].startswith("Kvittering for innspillet ditt til")
    assert "912 34 567" in mail.get_content()
    private = link_in(mail, "/innspill/")
    page.goto(private)
    expect(page.locator(".comment-state")).to_contain_text("Venter på en moderator.")
    page.get_by_role("textbox", name="Innspill").fill(f"Svar meg heller på e-post ({viewport['width']}).")
    page.get_by_role("button", name="Lagre endringen").click()
    expect(page.locator(".comment-state")).to_contain_text("Publisert.")
    assert_fits(page)
    page.get_by_role("link", name="Se innspillet ditt i samtalen").click()
    mine = page.locator("article.comment-own", has_text="Svar meg heller på e-post").first
    expect(mine).to_contain_text("(endret ")

    page.goto(private)
    page.get_by_role("button", name="Trekk tilbake innspillet").click()
    expect(page.locator(".comment-state")).to_contain_text("Trukket tilbake")
    page.goto(paragraph)
    expect(page.locator(".comment-removed", has_text="Trukket av innsenderen.")).not_to_have_count(0)
    expect(page.locator("article.comment", has_text="Svar meg heller på e-post")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_private_page_has_no_axe_violations(browser, smtp_site, smtp, language):
    citizen = f"axe.{language}@example.no"
    context = browser.new_context(base_url=smtp_site.base_url, bypass_csp=True,
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(a_paragraph(page))
    page.fill("#author_name", "Axe Kvittering")
    page.fill("#email", citizen)
    page.fill("#text", f"Et innspill for skanning ({language}).")
    page.locator("#skjema form button[type=submit]").click()
    expect(page.locator(".receipt")).to_be_visible()
    page.goto(link_in(mail_to(smtp, citizen, 1), "/innspill/"))
    assert_accessible(page)
    page.locator("#text").fill("")
    page.locator("main form[novalidate] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    context.close()
