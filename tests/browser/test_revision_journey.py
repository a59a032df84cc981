"""A planner publishes a revised draft in a real browser: uploads it, corrects where one paragraph's
comments go, publishes version 2 and explains a change, with JavaScript, without it, and by keyboard
only; and the upload page, the preview and the explanations page pass axe."""
from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hoering.comments.models import Comment
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.revisions.models import ChangeExplanation
from tests.browser.checks import (PHONE, assert_accessible, assert_fits, assert_notice, by_id, focused, login,
                                  login_by_keyboard, press, tab_to)
from tests.factories import make_comment, make_consultation
from tests.integration.test_revise_command import REVISED

pytestmark = pytest.mark.browser

PLANNER = "planlegger@fjordvik.example.no"
_numbers = itertools.count(1)


@pytest.fixture
def revisable(live_server) -> dict:
    """An open consultation of its own (the demo's stay as they are), with a comment on the paragraph
    the revision removes and one on the paragraph it edits."""
    n = next(_numbers)
    with live_server.app_context():
        consultation = make_consultation(f"revidert-strategi-{n}", title=f"Strategi for digital dialog {n}")
        units = consultation.current_version.units
        removed, edited, website = (next(unit for unit in units if words in unit.text) for words in
                                    ("Kommentarfeltet er åpent", "Strategien skal", "Nettsiden er hovedkanalen"))
        on_removed = make_comment(consultation, removed.anchor, text="Kommentarfeltet bør være åpent i helgene.")
        on_edited = make_comment(consultation, edited.anchor, text="Skriv «alle innbyggere».")
        return {"slug": consultation.slug, "title": consultation.title, "removed": on_removed.id,
                "removed_anchor": removed.anchor, "edited": on_edited.id, "website_anchor": website.anchor}


def revised_file() -> dict:
    return {"name": "revidert-strategi.md", "mimeType": "text/markdown", "buffer": REVISED.encode()}


def where_comment_sits(live_server, comment_id: int) -> str:
    with live_server.app_context():
        return db.session.get(Comment, comment_id).anchor


def explanations_of(live_server, slug: str) -> list[tuple[str, list[int]]]:
    with live_server.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))
        return [(e.text, e.comment_ids) for e in db.session.scalars(
            sa.select(ChangeExplanation).where(ChangeExplanation.version_id == consultation.current_version_id))]


def website_option(link) -> str:
    """The value of the option for the website paragraph in a unit's select."""
    return link.locator("option", has_text="Nettsiden er hovedkanalen").get_attribute("value")


def assert_published_and_explained(live_server, revisable) -> None:
    assert where_comment_sits(live_server, revisable["removed"]) == revisable["website_anchor"]
    assert explanations_of(live_server, revisable["slug"]) == [
        ("Vi skriver «alle innbyggere», som innspillet foreslo.", [revisable["edited"]])]


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def planner(request, browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=request.param,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_planner_uploads_corrects_publishes_and_explains(planner, live_server, revisable):
    page = planner
    login(page, PLANNER)
    page.goto(f"/admin/hoeringer/{revisable['slug']}")
    page.get_by_role("link", name="Ny versjon av utkastet").click()
    page.get_by_label("Det reviderte utkastet").set_input_files(files=[revised_file()])
    page.get_by_role("button", name="Last opp og forhåndsvis").click()

    expect(page.locator("h1")).to_have_text("Forhåndsvisning av versjon 2")
    link = page.locator(f"#kobling-{revisable['removed_anchor']}")
    expect(link).to_contain_text("fjernet: innspillene blir stående på versjon 1")
    link.get_by_role("combobox").select_option(website_option(link))
    link.get_by_role("button", name="Endre koblingen").click()

    assert_notice(page, "Koblingen er endret.")
    link = page.locator(f"#kobling-{revisable['removed_anchor']}")
    expect(link).to_contain_text("Rettet av deg")
    expect(link).to_contain_text("går til punkt")
    page.get_by_label("Ja, publiser versjon 2 med koblingene over").check()
    page.get_by_role("button", name="Publiser versjon 2").click()

    assert_notice(page, "Versjon 2 er publisert.")
    expect(page.locator("h1")).to_have_text("Begrunnelser for versjon 2")
    section = page.locator("section.revision-explanation", has_text="Strategien")
    section.get_by_label("Hva vi endret og hvorfor").fill("Vi skriver «alle innbyggere», som innspillet foreslo.")
    section.get_by_label("Innspill som førte til endringen").fill(str(revisable["edited"]))
    section.get_by_role("button", name="Lagre begrunnelsen").click()

    assert_notice(page, "1 begrunnelse er lagret.")
    section = page.locator("section.revision-explanation", has_text="Strategien")
    expect(section.get_by_role("link", name=f"innspill {revisable['edited']}")).to_be_visible()
    assert_published_and_explained(live_server, revisable)


def test_planner_publishes_a_revision_by_keyboard_only(page, live_server, revisable):
    login_by_keyboard(page, PLANNER)
    tab_to(page, lambda focus: focus["text"] == "Høringer du har ansvar for")
    press(page, "Enter")
    tab_to(page, lambda focus: focus["text"] == revisable["title"])
    press(page, "Enter")
    tab_to(page, lambda focus: focus["text"] == "Ny versjon av utkastet")
    press(page, "Enter")
    tab_to(page, by_id("file"))
    # A file dialog is the operating system's; Playwright answers it for the focused field.
    page.locator("#file").set_input_files(files=[revised_file()])
    tab_to(page, lambda focus: focus["text"] == "Last opp og forhåndsvis")
    press(page, "Enter")

    link = page.locator(f"#kobling-{revisable['removed_anchor']}")
    select_id = link.get_by_role("combobox").get_attribute("id")
    wanted = website_option(link)
    tab_to(page, by_id(select_id))
    for _ in range(60):  # the arrow keys change a closed select's value
        if page.input_value(f"#{select_id}") == wanted:
            break
        page.keyboard.press("ArrowDown")
    assert page.input_value(f"#{select_id}") == wanted
    tab_to(page, lambda focus: focus["text"] == "Endre koblingen")
    press(page, "Enter")
    assert_notice(page, "Koblingen er endret.")

    tab_to(page, by_id("bekreft-publisering"))
    page.keyboard.press("Space")
    tab_to(page, lambda focus: focus["text"] == "Publiser versjon 2")
    press(page, "Enter")
    assert_notice(page, "Versjon 2 er publisert.")

    key = page.locator("section.revision-explanation", has_text="Strategien").get_attribute("id").removeprefix("endring-")
    tab_to(page, by_id(f"tekst-{key}"))
    page.keyboard.type("Vi skriver «alle innbyggere», som innspillet foreslo.")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"innspill-{key}"
    page.keyboard.type(str(revisable["edited"]))
    tab_to(page, lambda focus: focus["text"].startswith("Lagre begrunnelsen"))
    press(page, "Enter")
    assert_notice(page, "1 begrunnelse er lagret.")
    assert_published_and_explained(live_server, revisable)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_revision_pages_pass_axe(scan_context, revisable, viewport):
    page = scan_context().new_page()
    page.set_viewport_size(viewport)
    login(page, PLANNER)
    page.goto(f"/admin/hoeringer/{revisable['slug']}/ny-versjon")
    assert_accessible(page)
    page.get_by_label("Det reviderte utkastet").set_input_files(files=[revised_file()])
    page.get_by_role("button", name="Last opp og forhåndsvis").click()
    expect(page.locator("h1")).to_have_text("Forhåndsvisning av versjon 2")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Ja, publiser versjon 2 med koblingene over").check()
    page.get_by_role("button", name="Publiser versjon 2").click()
    expect(page.locator("h1")).to_have_text("Begrunnelser for versjon 2")
    assert_accessible(page)
    assert_fits(page)
