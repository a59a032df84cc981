"""Staff journeys in a real browser: a planner turns a Word draft into a published consultation (with and
without JavaScript), a planner does the same from a Markdown draft by keyboard only, and a moderator
removes the personal data from a held comment and approves it, or publishes it on purpose, by keyboard only."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hoering.comments.models import PENDING
from hoering.consultations.models import Consultation
from hoering.extensions import db
from tests.browser.checks import (OPEN_SLUG, assert_focus_visible, assert_notice, by_id, by_text, focused, login,
                                  login_by_keyboard, press, tab_to)
from tests.factories import make_comment

pytestmark = pytest.mark.browser

PLANNER = "planlegger@fjordvik.example.no"
MODERATOR = "moderator@fjordvik.example.no"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ORGANISATION = "Fjordvik kommune, samferdsel"
# Both drafts below are split into these units: a section, two paragraphs, a subsection, a list.
SPLIT = [("1", "Overskrift"), ("1.1", "Avsnitt"), ("1.2", "Avsnitt"), ("1.3", "Overskrift"), ("1.3.1", "Avsnitt")]
MARKDOWN_DRAFT = """# Formål

Planen skal gjøre det tryggere å gå og sykle til skolen i Fjordvik.

Kommunen prioriterer strekningene der flest barn ferdes hver dag.

## Tiltak

- Fortau langs Skoleveien
- Gatelys i Nordvik
"""


def word_draft() -> bytes:
    """The Markdown draft above as a Word document: Heading 1, two paragraphs, Heading 2, a list."""
    document = docx.Document()
    document.add_heading("Formål", level=1)
    document.add_paragraph("Planen skal gjøre det tryggere å gå og sykle til skolen i Fjordvik.")
    document.add_paragraph("Kommunen prioriterer strekningene der flest barn ferdes hver dag.")
    document.add_heading("Tiltak", level=2)
    document.add_paragraph("Fortau langs Skoleveien", style="List Bullet")
    document.add_paragraph("Gatelys i Nordvik", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def opening_and_deadline() -> tuple[date, date]:
    """Today in Norway, and a deadline a month later."""
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()
    return today, today + timedelta(days=30)


def assert_preview_shows_the_split(page) -> None:
    assert_notice(page, "Ingenting er lagret ennå.")
    units = page.locator("#inndeling .preview-unit")
    numbers = units.locator(".unit-number").all_inner_texts()
    kinds = units.locator(".preview-kind").all_inner_texts()
    assert list(zip(numbers, kinds)) == SPLIT
    assert "Gatelys i Nordvik" in units.nth(4).inner_text()


def assert_public_page_numbers_the_draft(page, title: str) -> None:
    """The public page of the new consultation: open, with every unit numbered and commentable."""
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(".badge").inner_text() == "Åpen for innspill"
    units = page.locator(".draft .unit")
    assert units.locator(".unit-number").all_inner_texts() == [number for number, _ in SPLIT]
    assert page.locator(".draft h3.unit-heading").inner_text() == "1 Formål"
    assert page.locator(".draft h4.unit-heading").inner_text() == "1.3 Tiltak"
    assert units.nth(4).locator("li").all_inner_texts() == ["Fortau langs Skoleveien", "Gatelys i Nordvik"]
    assert units.get_by_role("link", name="Kommenter punkt 1.1").count() == 1


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def planner(request, browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=request.param,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page(), "med" if request.param else "uten"
    context.close()


def test_planner_publishes_a_word_draft_and_the_public_page_numbers_it(planner):
    page, javascript = planner
    title = f"Trafikksikkerhetsplan for skoleveiene ({javascript} JavaScript)"
    opens, closes = opening_and_deadline()
    login(page, PLANNER)
    page.get_by_role("link", name="Høringer du har ansvar for").click()
    page.get_by_role("link", name="Ny høring").click()

    page.get_by_label("Tittel", exact=True).fill(title)
    page.get_by_label("Sammendrag").fill("Kommunen vil gjøre skoleveiene tryggere og ber om innspill.")
    page.get_by_label("Ansvarlig enhet").fill(ORGANISATION)
    page.get_by_label("Åpner dato").fill(opens.isoformat())
    page.get_by_label("Høringsfrist dato").fill(closes.isoformat())
    page.get_by_label("Eller last opp et Word-dokument (.docx)").set_input_files(
        files=[{"name": "trafikksikkerhetsplan.docx", "mimeType": DOCX_TYPE, "buffer": word_draft()}])
    page.get_by_role("button", name="Forhåndsvis inndelingen").click()

    assert_preview_shows_the_split(page)
    # The Word text is now in the draft field, for the planner to check; nothing they typed is lost.
    assert page.input_value("#draft").startswith("# Formål\n\nPlanen skal gjøre det tryggere")
    assert page.input_value("#title") == title
    assert page.input_value("#closes_on") == closes.isoformat()
    page.get_by_role("button", name="Lagre").click()

    assert_notice(page, "Høringen er lagret.")
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(".badge").inner_text() == "Utkast"
    assert page.locator(".draft .unit-number").all_inner_texts() == [number for number, _ in SPLIT]
    page.get_by_role("link", name="Publiser nå og åpne for innspill").click()
    # A page says what publishing does before it is done, and the address in full.
    expect(page.locator(".consequences")).to_contain_text(re.compile(r"Alle kan lese høringen på http://\S+/hoeringer/"))
    page.get_by_role("button", name="Publiser nå og åpne for innspill").click()
    assert_notice(page, "Høringen er publisert og åpen for innspill.")
    expect(page.locator("#offentlig-adresse")).to_have_value(re.compile(r"^http://127\.0\.0\.1:\d+/hoeringer/"))

    page.locator(".site-name").click()
    page.get_by_role("region", name="Åpne høringer").get_by_role("link", name=title).click()
    assert_public_page_numbers_the_draft(page, title)
    page.get_by_role("link", name="Kommenter punkt 1.2").click()
    expect(page.locator("h1")).to_have_text("Punkt 1.2")
    assert "flest barn ferdes" in page.locator(".unit-current").inner_text()


def type_date(page, day: date) -> None:
    """Type a date into the focused date field, as a keyboard user does: digits, segment by segment.

    Debian's headless Chromium shows dates as mm/dd/yyyy whatever the page's language.
    """
    field = focused(page)["id"]
    page.keyboard.type(day.strftime("%m%d%Y"))
    assert page.input_value(f"#{field}") == day.isoformat()


def test_planner_publishes_a_markdown_draft_by_keyboard_only(page):
    title = "Plan for gatelys og trygge skoleveier"
    slug = "gatelys-og-trygge-skoleveier"
    opens, closes = opening_and_deadline()
    login_by_keyboard(page, PLANNER)
    tab_to(page, by_text("Høringer du har ansvar for"))
    press(page, "Enter")
    tab_to(page, by_text("Ny høring"))
    press(page, "Enter")

    for field, text in [("title", title), ("slug", slug), ("organisation", ORGANISATION)]:
        tab_to(page, by_id(field))
        page.keyboard.type(text)
    tab_to(page, by_id("opens_on"))
    type_date(page, opens)
    tab_to(page, by_id("closes_on"))
    type_date(page, closes)
    tab_to(page, by_id("draft"))
    page.keyboard.type(MARKDOWN_DRAFT)  # Enter makes the new lines
    tab_to(page, by_text("Forhåndsvis inndelingen"))
    press(page, "Enter")

    assert_preview_shows_the_split(page)
    assert page.input_value("#slug") == slug
    # "Se inndelingen" leads to the preview; from there Shift+Tab goes back to "Lagre", just above it.
    tab_to(page, by_text("Se inndelingen"))
    page.keyboard.press("Enter")
    assert page.url.endswith("#inndeling")
    page.keyboard.press("Shift+Tab")
    focus = focused(page)
    assert focus["text"] == "Lagre"
    assert_focus_visible(focus)
    press(page, "Space")

    assert_notice(page, "Høringen er lagret.")
    tab_to(page, by_text("Publiser nå og åpne for innspill"))
    press(page, "Enter")  # a link, to the page that says what publishing does
    tab_to(page, by_text("Publiser nå og åpne for innspill"))
    press(page, "Space")  # the button that does it
    assert_notice(page, "Høringen er publisert og åpen for innspill.")
    tab_to(page, lambda focus: focus["href"] == f"/hoeringer/{slug}")
    press(page, "Enter")
    assert page.url.endswith(f"/hoeringer/{slug}")
    assert_public_page_numbers_the_draft(page, title)


@pytest.fixture
def held_comment(live_server) -> int:
    """A comment on the open consultation held back for a moderator: it has a phone number in it."""
    with live_server.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == OPEN_SLUG))
        comment = make_comment(consultation, author_name="Turid Tastesen",
                               text="Servicetorget bør svare på SMS også. Prøv selv: 912 34 567 er mitt nummer.")
        assert comment.status == PENDING
        return comment.id


def test_moderator_removes_the_phone_number_and_approves_by_keyboard_only(page, held_comment):
    login_by_keyboard(page, MODERATOR)
    tab_to(page, by_text("Moderering"))
    press(page, "Enter")
    item = f"innspill-{held_comment}"
    assert "Turid Tastesen" in page.locator(f"#{item}").inner_text()
    expect(page.locator(f"#{item} .button:not(.button-secondary)")).to_have_text("Fjern personopplysningene")

    tab_to(page, lambda focus: focus["article"] == item and focus["text"] == "Fjern personopplysningene")
    press(page, "Enter")
    assert_notice(page, "Personopplysningene er fjernet fra innspillet.")
    assert page.locator(f"#{item} mark").count() == 0

    tab_to(page, lambda focus: focus["article"] == item and focus["text"] == "Godkjenn og publiser")
    press(page, "Enter")
    assert_notice(page, "Innspillet er godkjent og publisert.")
    assert page.locator(f"#{item}").count() == 0

    page.goto(f"/hoeringer/{OPEN_SLUG}/kommentarer/{held_comment}")
    public = page.locator(f"#kommentar-{held_comment}").inner_text()
    assert "Prøv selv: [fjernet] er mitt nummer." in public and "912 34 567" not in public


def test_moderator_publishes_a_phone_number_on_purpose_with_a_reason_by_keyboard_only(page, held_comment):
    login_by_keyboard(page, MODERATOR)
    page.goto("/admin/moderering")
    item = f"innspill-{held_comment}"
    tab_to(page, lambda focus: focus["article"] == item and focus["text"] == "Publiser uten å fjerne opplysningene")
    page.keyboard.press("Enter")
    tab_to(page, lambda focus: focus["article"] == item and focus["name"].endswith("-reason"))
    page.keyboard.type("Nummeret er servicetorgets eget.")
    tab_to(page, lambda focus: focus["article"] == item and focus["name"].endswith("-confirm"))
    page.keyboard.press("Space")
    tab_to(page, lambda focus: focus["article"] == item and focus["text"] == "Godkjenn og publiser likevel")
    press(page, "Enter")
    assert_notice(page, "Innspillet er godkjent og publisert.")
    page.goto(f"/hoeringer/{OPEN_SLUG}/kommentarer/{held_comment}")
    assert "912 34 567" in page.locator(f"#kommentar-{held_comment}").inner_text()


SELECT_WORD = """([item, word]) => {
  const text = document.querySelector(`#${item} .plain-text`);
  const node = [...text.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.includes(word));
  const range = document.createRange();
  range.setStart(node, node.textContent.indexOf(word));
  range.setEnd(node, node.textContent.indexOf(word) + word.length);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  text.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def test_moderator_selects_other_text_to_remove_instead_of_copying_it(page, held_comment):
    login(page, MODERATOR)
    page.goto("/admin/moderering")
    item = f"innspill-{held_comment}"
    page.evaluate(SELECT_WORD, [item, "Servicetorget"])
    expect(page.locator(f"#sladd-{held_comment}")).to_have_value("Servicetorget")
    page.locator(f"#{item}").get_by_role("button", name="Fjern teksten").click()
    assert_notice(page, "Teksten er fjernet fra innspillet.")
    assert page.locator(f"#{item} .plain-text").inner_text().startswith("[fjernet] bør svare på SMS også.")
