"""The caseworker's review as issue 15 tells it, in a real browser, in bokmål, nynorsk and English, with an
axe scan at every step: themes reviewed, new comments arrive and a theme's comments are hidden by a
moderator, sign-off is refused, the re-run keeps the work, the correction that no longer fits is placed,
sign-off is refused until every theme is gone through and the interim summary has its reason, then the
preview, the public page, and the withdrawal.

Each language gets a consultation of its own. Comments arrive and are moderated through the database, as
citizens and a moderator would do it on their own pages; every step of the caseworker is in the browser.
"""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext, ngettext
from playwright.sync_api import expect

from hoering.background import DONE
from hoering.casework.models import AnalysisRun
from hoering.casework.review import current_review
from hoering.comments.models import HIDDEN, Comment
from hoering.consultations.models import Consultation
from hoering.extensions import db
from tests.browser.checks import assert_accessible, login
from tests.browser.test_summary_journeys import ANALYSIS_TIMEOUT, CASEWORKER, LANGUAGES, NAMES
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

pytestmark = pytest.mark.browser

ASSESSMENT = "Kommunen vil svare på dette i saksframlegget."
HIDDEN_THEME_ASSESSMENT = "Kommunen tar med seg innspillene om dette.\n\nSaken følges opp i neste planperiode."
INTERIM_REASON = "Kommunestyret behandler strategien før fristen, og vil se innspillene så langt."
WITHDRAWAL = "Et tema var slått sammen ved en feil."


def said(app, language: str, message: str, plural: str | None = None, **values) -> str:
    """``message`` as the caseworker reads it in ``language`` (``plural`` with ``num`` among the values)."""
    with app.test_request_context(), force_locale(language):
        return ngettext(message, plural, values.pop("num"), **values) if plural else gettext(message, **values)


@pytest.fixture
def story(live_server, scan_context, language):
    """An open consultation of its own, never analysed; the caseworker's page, logged in."""
    slug = f"digital-dialog-historie-{language}"
    with live_server.app_context():
        consultation = make_consultation(slug, title=f"Strategi for digital dialog ({language})")
        for n, text in enumerate(TOPICAL_COMMENTS * 3):
            make_comment(consultation, None, text=f"{text} ({n + 1})", author_name=NAMES[n % len(NAMES)],
                         stance="support" if n % 2 else "against")
    page = scan_context(language).new_page()
    login(page, CASEWORKER)
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    return page, slug


def run_the_analysis(page, app, slug: str) -> None:
    """Start a run from the page and wait for it: the results of the run before are on the page
    already, so wait for this run's to be stored, then for the page to show them."""
    before = finished_runs(app, slug)
    page.locator(".analysis-status form button[type=submit]").click()
    deadline = time.monotonic() + ANALYSIS_TIMEOUT / 1000
    while finished_runs(app, slug) == before:
        assert time.monotonic() < deadline, "the analysis did not finish"
        time.sleep(0.2)
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    expect(page.locator("#oversikt")).to_be_visible()


def finished_runs(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(sa.func.count(AnalysisRun.id)).join(Consultation, AnalysisRun.consultation_id == Consultation.id)
            .where(Consultation.slug == slug, AnalysisRun.status == DONE))


def themes(app, slug: str) -> list[dict]:
    with app.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))
        return current_review(consultation).reviewed.themes


def open_theme(page, slug: str, theme: dict) -> None:
    page.goto(f"/admin/hoeringer/{slug}/analyse/temaer/{theme['id']}")
    expect(page.locator("h1")).to_contain_text(theme["label"])


def assess(page, text: str) -> None:
    page.locator("#assessment").fill(text)
    page.locator("form[action*='/vurdering'] button[type=submit]").click()
    expect(page.locator("#navn-og-vurdering + .change-notice .notice")).to_be_visible()


def new_comments_and_a_hidden_theme(app, slug: str, kept: dict, hidden: dict) -> None:
    """Two citizens comment on the matter of ``kept``, and a moderator hides every comment of ``hidden``."""
    with app.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))
        echoed = db.session.scalars(sa.select(Comment.text).where(Comment.id.in_(kept["comment_ids"][:2]))).all()
        for n, text in enumerate(echoed):
            make_comment(consultation, None, text=f"Også fra meg: {text}", author_name=NAMES[n], stance="support")
        for comment in db.session.scalars(sa.select(Comment).where(Comment.id.in_(hidden["comment_ids"]))):
            comment.status = HIDDEN
        db.session.commit()


def try_to_sign_off(page, slug: str, reason: str = "") -> None:
    page.goto(f"/admin/hoeringer/{slug}/oppsummering/forhandsvis")
    if reason:
        page.locator("#interim_reason").fill(reason)
    page.locator("#confirm").check()
    page.locator("#godkjenn form button[type=submit]").click()
    page.wait_for_load_state()


def refusal(page):
    return page.locator(".notice-error")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_review_holds_from_first_run_to_withdrawal(story, live_server, language):
    page, slug = story
    app = live_server
    assert page.get_attribute("html", "lang") == language
    run_the_analysis(page, app, slug)
    assert_accessible(page)
    kept, hidden, *others = themes(app, slug)

    # The caseworker assesses two themes and goes through the first; each change can be undone where made.
    open_theme(page, slug, kept)
    assess(page, ASSESSMENT)
    page.locator(".review-mark button").click()
    expect(page.locator(".review-mark .badge-open")).to_be_visible()
    open_theme(page, slug, hidden)
    assess(page, HIDDEN_THEME_ASSESSMENT)
    boxes = page.locator("li.review-comment input[name=selected]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("select#theme").select_option(str(kept["id"]))
    page.locator("button[name=action][value=move]").click()
    change = page.locator("#innspillene + .change-notice")
    expect(change.locator(".notice")).to_have_text(said(app, language, "%(num)d innspill er flyttet til «%(theme)s».",
                                                         "%(num)d innspill er flyttet til «%(theme)s».",
                                                         num=2, theme=kept["label"]))
    assert_accessible(page)
    change.locator("form.undo-last button").click()
    expect(page.locator("#innspillene + .change-notice .notice")).to_have_text(
        said(app, language, "Endringen er angret."))
    assert page.locator("li.review-comment").count() == hidden["count"]

    # Comments arrive and a moderator hides a theme's comments: the analysis no longer holds.
    new_comments_and_a_hidden_theme(app, slug, kept, hidden)
    try_to_sign_off(page, slug)
    expect(refusal(page)).to_contain_text(said(
        app, language, "Innspillene er endret siden analysen ble kjørt. Kjør analysen på nytt før du godkjenner."))

    # The re-run keeps the work; the assessment of the theme that is gone is listed in full, and placed.
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    run_the_analysis(page, app, slug)
    after = {theme["key"]: theme for theme in themes(app, slug)}
    assert after[kept["key"]]["assessment"] == ASSESSMENT and after[kept["key"]]["label"] == kept["label"]
    assert hidden["key"] not in after
    unplaced = page.locator("article.unplaced-correction")
    expect(unplaced).to_have_count(1)
    expect(unplaced).to_contain_text("Saken følges opp i neste planperiode.")
    assert_accessible(page)
    try_to_sign_off(page, slug)
    expect(refusal(page)).to_contain_text(said(
        app, language, "Noen rettelser passer ikke lenger til analysen. Plasser eller forkast dem før du godkjenner."))
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    target = after[others[0]["key"]]  # a run numbers its themes afresh; the key stays
    unplaced.locator("select[name=theme]").select_option(str(target["id"]))
    unplaced.locator("form[action$='/plasser'] button").click()
    expect(page.locator("article.unplaced-correction")).to_have_count(0)
    assert {t["key"]: t for t in themes(app, slug)}[target["key"]]["assessment"] == HIDDEN_THEME_ASSESSMENT

    # Sign-off waits for every theme to be gone through, then for the interim summary's reason.
    try_to_sign_off(page, slug)
    expect(refusal(page)).to_contain_text(f"«{target['label']}»")
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    marks = page.locator("table.theme-overview .review-mark button.button:not(.button-secondary)")
    while marks.count():
        marks.first.click()
        page.wait_for_load_state()
    try_to_sign_off(page, slug)
    expect(page.locator("#interim_reason-feil, .notice-error").first).to_contain_text(said(
        app, language, "Høringen er fortsatt åpen. Skriv hvorfor oppsummeringen publiseres før fristen: den blir vist "
                       "som en foreløpig oppsummering."))
    expect(page.locator(".preview-notice")).to_be_visible()
    assert_accessible(page)
    try_to_sign_off(page, slug, INTERIM_REASON)
    expect(page.locator(".notice-info")).to_have_text(said(app, language, "Oppsummeringen er godkjent og publisert."))

    # The public page is the interim summary, with the reason and the municipality's assessments.
    public = page.context.new_page()
    public.goto(f"/hoeringer/{slug}/oppsummering")
    expect(public.locator("main")).to_contain_text(INTERIM_REASON)
    expect(public.locator("main")).to_contain_text(ASSESSMENT)
    assert_accessible(public)

    # Withdrawn, with a reason: the public page says a new version is being prepared.
    page.goto(f"/admin/hoeringer/{slug}/analyse")
    page.locator("details.withdraw summary").click()
    page.locator("#reason").fill(WITHDRAWAL)
    page.locator("details.withdraw form button[type=submit]").click()
    page.wait_for_load_state()
    public.reload()
    expect(public.locator(".notice")).to_contain_text(WITHDRAWAL)
    expect(public.locator("main")).not_to_contain_text(ASSESSMENT)
    assert_accessible(public)
