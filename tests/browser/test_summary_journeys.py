"""Summary journeys in a real browser: a caseworker runs the analysis, reviews a theme and signs the summary
off (with and without JavaScript, and by keyboard only); a politician reads the signed-off summary on a
phone and prints it; and axe-core finds nothing wrong on the summary pages in any language.

The caseworker's journeys each get a consultation of their own, so the demo that other tests scan stays
as it is; the politician reads the demo's closed consultation, signed off as `flask demo` does it.
"""
from __future__ import annotations

import io
import re
import time
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from docx import Document
from pypdf import PdfReader

from hoering.comments.models import PUBLISHED
from hoering.consultations.models import Consultation
from hoering.demo.review import sign_off_demo_summaries
from hoering.extensions import db
from hoering.casework.review import current_review
from hoering.summaries.services import published_summary
from tests.browser.checks import (PHONE, assert_accessible, assert_notice, by_id, by_text, login,
                                  login_by_keyboard, press, tab_to)
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

pytestmark = pytest.mark.browser

CASEWORKER = "saksbehandler@fjordvik.example.no"
CLOSED_SLUG = "fritidstilbud-barn-og-unge"  # the demo's closed consultation, with a review file
LANGUAGES = ["nb", "nn", "en"]
NAMES = ["Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Nils Johansen", "Sigrid Lie", "Arne Dahl"]
ANALYSIS_TIMEOUT = 90_000  # ms; the run is a background thread of the live server
NEW_NAME = "Kommentarfeltet på Facebook"
ASSESSMENT = "Kommunen holder kommentarfeltet åpent også i helgene, med moderering på mandager."
QUOTE_WORDS = 6  # a quote shortened to the comment's first words, as the hint allows


def make_fresh_consultation(app, slug: str, title: str) -> None:
    """A closed consultation with 18 published comments on three matters, never analysed."""
    with app.app_context():
        consultation = make_consultation(slug, open_=False, title=title)
        for n, text in enumerate(TOPICAL_COMMENTS * 3):
            comment = make_comment(consultation, None, text=f"{text} ({n + 1})", author_name=NAMES[n % len(NAMES)],
                                   stance="support" if n % 2 else "against")
            assert comment.status == PUBLISHED


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def caseworker(request, browser, base_url, live_server):
    """A caseworker's browser (with or without JavaScript) and the slug of a consultation of their own."""
    variant = "med" if request.param else "uten"
    slug = f"digital-dialog-{variant}-js"
    make_fresh_consultation(live_server, slug, f"Strategi for digital dialog ({variant} JavaScript)")
    context = browser.new_context(base_url=base_url, java_script_enabled=request.param,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page(), request.param, slug
    context.close()


@pytest.fixture
def keyboard_consultation(live_server) -> str:
    slug = "digital-dialog-tastatur"
    make_fresh_consultation(live_server, slug, "Strategi for digital dialog (tastatur)")
    return slug


@pytest.fixture(scope="module")
def signed_off(live_server) -> dict:
    """The demo's closed consultation analysed, reviewed and signed off, as `flask demo` does it; returns
    the headings of its themes and the id of the first theme under review."""
    with live_server.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == CLOSED_SLUG))
        if published_summary(consultation) is None:
            assert sign_off_demo_summaries([CLOSED_SLUG]), "the demo's summary could not be signed off"
        version = published_summary(consultation)
        review = current_review(consultation)
        labels = [theme["label"] for theme in version.content["themes"]]
        assert labels, "the demo's summary has no themes"
        return {"labels": labels, "theme_id": review.reviewed.themes[0]["id"]}


# The caseworker's steps, with the mouse.

def wait_for_the_result(page, javascript: bool) -> None:
    """Wait for the run to finish: with JavaScript the page follows it and reloads itself; without, the
    caseworker follows the "Oppdater siden" link until the results are there."""
    status = page.locator(".analysis-status").inner_text()
    if "Framdrift" in status:  # usually: the run takes a few seconds
        assert "Analysen kjører: " in status, status
    if javascript:
        expect(page.locator("#oversikt")).to_be_visible(timeout=ANALYSIS_TIMEOUT)
        return
    deadline = time.monotonic() + ANALYSIS_TIMEOUT / 1000
    while page.locator("#oversikt").count() == 0:
        assert time.monotonic() < deadline, "the analysis did not finish"
        expect(page.locator("#framdrift")).to_be_visible()  # the progress bar, while it runs
        page.wait_for_timeout(300)  # a person reloads after a moment, not in a tight loop
        page.get_by_role("link", name="Oppdater siden").click()


def review_a_theme(page) -> str:
    """On the analysis page: open the first theme, rename it, assess it and quote a comment in it;
    returns the quote."""
    first = page.locator("article.theme").first
    label = first.locator("h3").inner_text()
    first.get_by_role("link", name="Gå gjennom temaet").click()
    expect(page.locator("h1")).to_have_text(f"Tema: {label}")

    page.get_by_label("Navn på temaet").fill(NEW_NAME)
    page.get_by_role("button", name="Lagre navnet").click()
    assert_notice(page, "Endringen er lagret.")
    expect(page.locator("h1")).to_have_text(f"Tema: {NEW_NAME}")

    page.get_by_label("Kommunens vurdering").fill(ASSESSMENT)
    page.get_by_role("button", name="Lagre vurderingen").click()
    assert_notice(page, "Endringen er lagret.")
    assert page.input_value("#assessment") == ASSESSMENT

    # Actions are on the selected comments: tick one, give the excerpt, and quote it.
    comment = page.locator("li.review-comment").last
    quote = shortened(comment.locator(".plain-text").inner_text())
    comment.get_by_role("checkbox").check()
    page.get_by_label("Utdrag til sitatet (valgfritt)").fill(quote)
    page.get_by_role("button", name="Bruk som sitat").click()
    assert_notice(page, "1 sitat er lagt til temaet.")
    expect(page.locator("#innspillene + .change-notice .undo-last")).to_contain_text("Siste endring: sitat fra innspill")
    assert quote in page.locator("section", has=page.locator("#sitater")).locator("blockquote").all_inner_texts()
    return quote


def shortened(text: str) -> str:
    return " ".join(text.split()[:QUOTE_WORDS])


def sign_off(page) -> None:
    """From a theme page: back to the analysis, and sign the summary off."""
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role("link", name="Analyse av innspillene").click()
    expect(page.locator("article.theme h3", has_text=NEW_NAME)).to_be_visible()
    # Sign-off waits until every theme is marked as gone through, in the overview table.
    marks = page.locator("table.theme-overview").get_by_role("button", name=re.compile("^Merk som gjennomgått"))
    while marks.count():
        marks.first.click()
        assert_notice(page, "Endringen er lagret.")
    page.get_by_role("link", name="Se over og godkjenn oppsummeringen").click()
    # The preview: the page as the public will see it, and a confirmation (the consultation is closed,
    # so no interim reason is asked for).
    expect(page.locator(".preview-notice")).to_be_visible()
    page.get_by_label("Jeg har sett over oppsummeringen slik den blir publisert").check()
    page.get_by_role("button", name="Godkjenn og publiser oppsummeringen").click()
    assert_sign_off_shown(page)
    page.get_by_role("link", name="Se den offentlige oppsummeringen").click()


def assert_sign_off_shown(page) -> None:
    assert_notice(page, "Oppsummeringen er godkjent og publisert.")
    assert page.url.endswith("#godkjenning")
    section = page.locator("section", has=page.locator("#godkjenning"))
    assert section.locator("li").all_inner_texts()[0].startswith("Versjon 1: Sara Saksbehandler, ")
    # Nothing has changed since: no second sign-off to make.
    assert page.get_by_role("link", name="Se over og godkjenn oppsummeringen").count() == 0


def assert_summary_shows_the_review(page, quote: str) -> None:
    """The public summary: version 1 signed off today, the renamed theme with its assessment and quote,
    charts as SVG, and every quote word for word in the comment its citation leads to."""
    expect(page.locator("h1")).to_have_text("Oppsummering av innspillene")
    sign_off_line = page.locator(".sign-off")
    assert re.fullmatch(r"Godkjent av saksbehandler \S.*, versjon 1", sign_off_line.inner_text())
    today = datetime.now(ZoneInfo("Europe/Oslo")).date().isoformat()
    assert sign_off_line.locator("time").get_attribute("datetime").startswith(today)

    theme = page.locator("article.summary-theme", has=page.locator("h3", has_text=NEW_NAME))
    expect(theme).to_have_count(1)
    assert " ".join(theme.locator(".assessment").inner_text().split()) == ASSESSMENT
    assert quote in theme.locator("blockquote").all_inner_texts()
    assert page.locator(".summary-page svg").count() >= 2  # the stance chart and the theme sizes, at least
    assert_quotes_are_verbatim(page)


def assert_quotes_are_verbatim(page) -> None:
    """Open each quote's citation (in a new tab) and find the quote in the comment it leads to."""
    quotes = page.locator(".summary-quote blockquote")
    assert quotes.count() > 0
    reader = page.context.new_page()
    try:
        for n in range(quotes.count()):
            text, cite = " ".join(quotes.nth(n).inner_text().split()), quotes.nth(n).get_attribute("cite")
            reader.goto(cite)
            target = urlparse(reader.url).fragment  # the comment link sends the reader to #kommentar-<id>
            assert target == f"kommentar-{cite.rstrip('/').rsplit('/', 1)[-1]}", reader.url
            comment = " ".join(reader.locator(f"#{target} > .comment-body").inner_text().split())
            assert text in comment, f"the quote {text!r} is not in {cite}: {comment!r}"
    finally:
        reader.close()


def test_caseworker_runs_the_analysis_reviews_a_theme_and_signs_off(caseworker):
    page, javascript, slug = caseworker
    login(page, CASEWORKER)
    page.get_by_role("link", name="Analyse av høringer").click()
    row = page.locator("tr", has=page.locator(f"a[href='/admin/hoeringer/{slug}/analyse']"))
    assert row.locator("td").nth(2).inner_text() == "Ikke kjørt"
    row.get_by_role("link").click()
    expect(page.locator("#kjoring ~ p").first).to_have_text("Analysen er ikke kjørt ennå.")

    page.get_by_role("button", name="Kjør analysen", exact=True).click()
    assert_notice(page, "Analysen er startet.")
    wait_for_the_result(page, javascript)
    assert "Analysen gjelder 18 innspill" in page.locator(".analysis-status").inner_text()
    expect(page.get_by_role("button", name="Kjør analysen på nytt")).to_be_visible()
    assert page.locator("article.theme").count() >= 2

    quote = review_a_theme(page)
    sign_off(page)
    assert page.url.endswith(f"/hoeringer/{slug}/oppsummering")
    assert_summary_shows_the_review(page, quote)


# The same by keyboard only.

def replace_text(page, text: str) -> None:
    """Select what the focused field holds and type over it."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_caseworker_reviews_and_signs_off_by_keyboard_only(page, keyboard_consultation):
    slug = keyboard_consultation
    login_by_keyboard(page, CASEWORKER)
    tab_to(page, by_text("Analyse av høringer"))
    press(page, "Enter")
    tab_to(page, lambda focus: focus["href"] == f"/admin/hoeringer/{slug}/analyse")
    press(page, "Enter")
    tab_to(page, by_text("Kjør analysen"))
    press(page, "Enter")
    wait_for_the_result(page, javascript=True)

    tab_to(page, lambda focus: focus["text"].startswith("Gå gjennom temaet "))
    press(page, "Enter")
    tab_to(page, by_id("label"))
    replace_text(page, NEW_NAME)
    tab_to(page, by_text("Lagre navnet"), limit=1)  # the next stop
    press(page, "Enter")
    assert_notice(page, "Endringen er lagret.")
    expect(page.locator("h1")).to_have_text(f"Tema: {NEW_NAME}")

    tab_to(page, by_id("assessment"))
    replace_text(page, ASSESSMENT)
    tab_to(page, by_text("Lagre vurderingen"), limit=1)  # the next stop
    press(page, "Enter")
    assert_notice(page, "Endringen er lagret.")

    box = tab_to(page, lambda focus: focus["id"].startswith("velg-"))[-1]["id"]
    page.keyboard.press("Space")  # selects the comment; no page to wait for
    quote = shortened(page.locator(f"li.review-comment:has(#{box}) .plain-text").inner_text())
    tab_to(page, by_id("text"))
    replace_text(page, quote)
    tab_to(page, by_text("Bruk som sitat"), limit=1)  # the next stop
    press(page, "Enter")
    assert_notice(page, "1 sitat er lagt til temaet.")
    assert page.input_value("#assessment") == ASSESSMENT

    tab_to(page, lambda focus: focus["href"] == f"/admin/hoeringer/{slug}/analyse", backwards=True)  # the breadcrumb
    press(page, "Enter")
    overview = page.locator("table.theme-overview")
    while overview.get_by_role("button", name=re.compile("^Merk som gjennomgått")).count():
        tab_to(page, lambda focus: focus["text"].startswith("Merk som gjennomgått"))
        press(page, "Enter")
    tab_to(page, by_text("Se over og godkjenn oppsummeringen"))
    press(page, "Enter")
    tab_to(page, lambda focus: focus["name"] == "confirm")
    page.keyboard.press("Space")  # ticks the box; no page to wait for
    tab_to(page, by_text("Godkjenn og publiser oppsummeringen"))
    press(page, "Enter")
    assert_sign_off_shown(page)
    tab_to(page, by_text("Se den offentlige oppsummeringen"))
    press(page, "Enter")
    assert_summary_shows_the_review(page, quote)

    # A reader on the keyboard reaches the quote's comment from its citation.
    ours = page.locator(".summary-quote blockquote").filter(has_text=re.compile(f"^{re.escape(quote)}$"))
    comment_id = ours.get_attribute("cite").rsplit("/", 1)[-1]
    tab_to(page, by_text(f"Innspill {comment_id}"))
    press(page, "Enter")
    assert quote in page.locator(f"#kommentar-{comment_id} > .comment-body").inner_text()


# The politician's journey.

@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE, is_mobile=True, has_touch=True,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


HIDDEN_ON_PAPER = [".skip-link", ".site-header", ".language-switcher", ".breadcrumbs", ".site-footer"]


def test_politician_reads_the_summary_on_a_phone_and_prints_it(phone, signed_off):
    page = phone
    page.goto(f"/hoeringer/{CLOSED_SLUG}")
    page.get_by_role("link", name="Les oppsummeringen av innspillene").click()
    expect(page.locator("h1")).to_have_text("Oppsummering av innspillene")
    assert page.locator(".summary-theme h3").all_inner_texts() == signed_off["labels"]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the summary is {width}px wide on a {PHONE['width']}px phone"

    for selector in (".site-header", ".site-footer"):
        assert page.locator(selector).is_visible(), f"{selector} is missing on the screen"
    page.emulate_media(media="print")
    for selector in HIDDEN_ON_PAPER:
        displays = page.locator(selector).evaluate_all("elements => elements.map(e => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}, f"{selector} is printed: {displays}"
    for label in signed_off["labels"]:
        expect(page.locator(".summary-theme h3", has_text=label)).to_be_visible()

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000, len(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for label in signed_off["labels"]:
        assert label in text, f"the PDF lacks the theme {label!r}"


# axe-core on the summary pages.

@pytest.mark.parametrize("language", LANGUAGES)
def test_summary_and_review_pages_have_no_axe_violations(scan_context, signed_off, language):
    """The public summary (as anyone sees it), then a theme under review and the analysis page after the
    sign-off, with its list of signed-off versions (as the caseworker sees them)."""
    page = scan_context(language).new_page()
    failures = []

    def scan(path: str) -> None:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "lang") == language, path
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))

    scan(f"/hoeringer/{CLOSED_SLUG}/oppsummering")
    assert page.locator(".summary-quote").count() > 0
    login(page, CASEWORKER)
    scan(f"/admin/hoeringer/{CLOSED_SLUG}/analyse/temaer/{signed_off['theme_id']}")
    scan(f"/admin/hoeringer/{CLOSED_SLUG}/analyse/uten-tema")
    scan(f"/admin/hoeringer/{CLOSED_SLUG}/analyse")
    assert page.locator("#godkjenning ~ ul li").count() >= 1  # "Godkjente versjoner"
    assert page.locator("table.theme-overview tbody tr").count() >= 1
    scan(f"/admin/hoeringer/{CLOSED_SLUG}/oppsummering/forhandsvis")  # the preview and its sign-off form
    assert page.locator("#godkjenn form").count() == 1
    assert not failures, "\n\n".join(failures)


# The caseworker takes the memo to Word.

def test_caseworker_downloads_the_memo_with_the_signed_off_themes(scan_context, signed_off):
    """From the analysis page to the exports page, a memo made in the background, downloaded and opened:
    its headings hold every theme of the signed-off summary. The page is scanned with a file listed."""
    page = scan_context("nb").new_page()
    login(page, CASEWORKER)
    page.goto(f"/admin/hoeringer/{CLOSED_SLUG}/analyse")
    page.get_by_role("link", name="Excel og høringsnotat").click()
    page.get_by_role("button", name="Lag høringsnotat (Word)").click()
    assert_notice(page, "Eksporten er startet")
    download_link = page.locator("table a", has_text="Last ned")
    deadline = time.monotonic() + ANALYSIS_TIMEOUT / 1000
    while not download_link.count() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
        page.reload()
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.first.click()
    assert download.value.suggested_filename.endswith(".docx")
    memo = Document(download.value.path())
    headings = [p.text for p in memo.paragraphs if p.style.name.startswith("Heading")]
    for label in signed_off["labels"]:
        assert label in headings, f"the memo lacks the theme {label!r}"
    assert "Vedlegg: alle innspill" in headings


# A version withdrawn: the public page says a new one is being prepared.

@pytest.fixture(scope="module")
def withdrawn(live_server) -> str:
    """A consultation of its own, analysed, every theme marked, signed off and then withdrawn."""
    from hoering.casework.review import mark_reviewed
    from hoering.casework.sign_off import sign_off, withdraw
    from hoering.casework.services import run_now

    slug = "digital-dialog-trukket"
    make_fresh_consultation(live_server, slug, "Strategi for digital dialog (trukket tilbake)")
    with live_server.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))
        run = run_now(consultation)
        for theme in current_review(consultation).reviewed.themes:
            mark_reviewed(consultation, None, run.id, theme["id"])
        sign_off(consultation, None, run.id)
        withdraw(consultation, None, "Temaene om kommentarfelt var slått sammen ved en feil.")
    return f"/hoeringer/{slug}/oppsummering"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_withdrawn_summary_says_so_with_its_reason_and_has_no_axe_violations(scan_context, withdrawn, language):
    page = scan_context(language).new_page()
    assert page.goto(withdrawn).status == 200
    assert page.get_attribute("html", "lang") == language
    expect(page.locator(".notice")).to_contain_text("Temaene om kommentarfelt var slått sammen ved en feil.")
    assert page.locator(".summary-quote").count() == 0
    assert_accessible(page)
