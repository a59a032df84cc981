"""Following a paragraph, in a real browser: a citizen on a phone, without JavaScript, follows one
unit and confirms through the link in the e-mail; a planner answers a comment there as the
municipality; the citizen's notice arrives through a real SMTP server, and one click unsubscribes.
axe finds nothing on the follow pages (the form, "check your e-mail", confirming) in nb, nn and en."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.mail.sending import deliver
from hoering.notifications.digests import send_due
from hoering.notifications.models import Subscription

from tests.browser.checks import OPEN_SLUG, PHONE, assert_accessible, assert_fits, link_in, login, mail_to

pytestmark = pytest.mark.browser

CITIZEN = "ola.nordmann@example.no"
PLANNER = "planlegger@fjordvik.example.no"
ANSWER = "Takk! Vi legger det samme ut på nettsiden vår."
LANGUAGES = ["nb", "nn", "en"]


def a_commented_unit(smtp_site) -> tuple[str, int]:
    """The anchor of a unit of the open demo consultation, and a citizen's comment on it."""
    with smtp_site.app_context():
        comment = db.session.scalars(sa.select(Comment).join(Consultation).where(
            Consultation.slug == OPEN_SLUG, Comment.status == PUBLISHED, Comment.anchor.is_not(None),
            Comment.parent_id.is_(None), Comment.official.is_(False)).order_by(Comment.id)).first()
        return comment.anchor, comment.id


def test_a_citizen_follows_a_paragraph_confirms_hears_the_answer_and_unsubscribes(browser, smtp_site, smtp):
    anchor, comment_id = a_commented_unit(smtp_site)
    phone = browser.new_context(base_url=smtp_site.base_url, viewport=PHONE, java_script_enabled=False,
                                extra_http_headers={"Accept-Language": "nb"})
    phone.set_default_timeout(10_000)
    page = phone.new_page()
    page.goto(f"/hoeringer/{OPEN_SLUG}/{anchor}")
    page.get_by_role("link", name="Følg dette punktet på e-post").click()
    assert_fits(page)
    page.get_by_role("textbox", name="E-post").fill(CITIZEN)
    page.get_by_label("Med en gang det skjer noe").check()
    page.get_by_role("button", name="Følg").click()
    expect(page.locator("[role=status]")).to_contain_text("Sjekk e-posten din")
    assert_fits(page)

    request = mail_to(smtp, CITIZEN, 1)
    assert request["Subject"].startswith("Bekreft at du vil følge")
    page.goto(link_in(request, "/varsler/bekreft/"))
    expect(page.locator("h1")).to_contain_text("Bekreft at du vil følge")
    page.get_by_role("button", name="Ja, jeg vil følge").click()
    expect(page.locator("h1")).to_contain_text("Du følger nå")
    assert_fits(page)

    planner = browser.new_context(base_url=smtp_site.base_url, extra_http_headers={"Accept-Language": "nb"})
    planner.set_default_timeout(10_000)
    staff = planner.new_page()
    login(staff, PLANNER)
    staff.goto(f"/hoeringer/{OPEN_SLUG}/{anchor}?svar={comment_id}")
    expect(staff.get_by_label("Svar på vegne av kommunen")).to_be_checked()
    staff.get_by_role("textbox", name="Svaret").fill(ANSWER)
    staff.get_by_role("button", name="Send svar").click()
    expect(staff.locator(".notice").first).to_contain_text("Svaret fra kommunen er publisert.")
    planner.close()

    with smtp_site.test_request_context(base_url=smtp_site.base_url):  # what `flask notifications digest` does
        sent = send_due()
        deliver(sent.message_ids)
    notice = mail_to(smtp, CITIZEN, 2)
    text = notice.get_content()
    assert "skrevet av Per Planlegger, planlegger:" in text
    assert ANSWER in text
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(link_in(notice, "/varsler/avmeld/"))
    page.get_by_role("button", name="Meld meg av, og slett adressen").click()
    expect(page.locator("h1")).to_have_text("Du er meldt av")
    phone.close()
    with smtp_site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription).where(
            Subscription.email == CITIZEN)) == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_follow_pages_have_no_axe_violations(scan_context, live_server, language):
    page = scan_context(language).new_page()
    page.goto(f"/hoeringer/{OPEN_SLUG}")
    page.locator(".follow-link a").click()
    assert_accessible(page)
    page.locator("#email").fill("feil")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-message")).to_have_count(1)
    assert_accessible(page)
    page.locator("#email").fill(f"{language}@example.no")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[role=status]")).to_be_visible()
    assert_accessible(page)
    with live_server.app_context():
        token = db.session.scalar(sa.select(Subscription.token).where(Subscription.email == f"{language}@example.no"))
    page.goto(f"/varsler/bekreft/{token}")
    assert_accessible(page)
    page.locator("main form button").click()
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)
