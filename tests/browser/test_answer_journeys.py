"""The municipality answers, in a real browser: a planner on a phone, without JavaScript, finds an
unanswered question, answers it as the municipality, and sees the answer stand out in the thread;
axe finds nothing on the new pages (the questions, a thread with an answer, unsubscribing from a
notice), in nb, nn and en."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hoering.comments.models import PUBLISHED, Comment
from hoering.extensions import db
from hoering.notifications.services import follow_answers

from tests.browser.checks import OPEN_SLUG, PHONE, assert_accessible, assert_fits, login

pytestmark = pytest.mark.browser

PLANNER = "planlegger@fjordvik.example.no"
QUESTIONS = f"/admin/hoeringer/{OPEN_SLUG}/ubesvarte-sporsmal"
ANSWER = "Takk for spørsmålet. Alt vi legger ut på Facebook, står også på kommunens nettside."
LANGUAGES = ["nb", "nn", "en"]


@pytest.fixture
def phone_without_script(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_planner_answers_a_question_as_the_municipality_on_a_phone(phone_without_script):
    page = phone_without_script
    login(page, PLANNER)
    page.goto(f"/admin/hoeringer/{OPEN_SLUG}")
    page.get_by_role("link", name="Ubesvarte spørsmål").click()
    assert_fits(page)
    first = page.locator(".question").first
    question_id = first.get_attribute("id").removeprefix("sporsmal-")
    first.get_by_role("link", name="Svar").click()

    expect(page.get_by_label("Svar på vegne av kommunen")).to_be_checked()
    expect(page.get_by_label("Navn")).to_have_value("Per Planlegger")
    page.get_by_role("textbox", name="Svaret").fill(ANSWER)
    page.get_by_role("button", name="Send svar").click()

    expect(page.locator(".notice").first).to_contain_text("Svaret fra kommunen er publisert.")
    answer = page.locator(f"#kommentar-{question_id} .comment-official")
    expect(answer.locator(".official-label")).to_have_text("Svar fra Fjordvik kommune, kommunikasjonsavdelingen")
    expect(answer.locator(".comment-author")).to_have_text("Per Planlegger, planlegger")
    expect(answer).to_contain_text(ANSWER)
    assert_fits(page)
    page.goto(QUESTIONS)
    expect(page.locator(f"#sporsmal-{question_id}")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_unsubscribe_page_has_no_axe_violations(scan_context, live_server, language):
    with live_server.app_context():
        comment = db.session.scalars(sa.select(Comment).where(Comment.status == PUBLISHED)).first()
        token = follow_answers(comment, "kari@example.no", language).token
    page = scan_context(language).new_page()
    page.goto(f"/varsler/avmeld/{token}")
    assert_accessible(page)
    page.locator("main form button").click()
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answer_pages_have_no_axe_violations(scan_context, language):
    page = scan_context(language).new_page()
    login(page, PLANNER)
    page.goto(QUESTIONS)
    assert_accessible(page)
    page.locator(".question a").first.click()
    expect(page.locator("#official")).to_be_checked()
    assert_accessible(page)
    page.locator("#text").fill(ANSWER)
    page.locator("#skjema button[type=submit]").click()
    expect(page.locator(".comment-official").first).to_be_visible()
    assert_accessible(page)
