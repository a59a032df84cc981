"""The register of invited bodies in a real browser: the register, the import (with row errors and
done) and the picking for a consultation pass axe and fit a 360 px phone; a planner picks bodies
without JavaScript."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hoering.extensions import db
from hoering.responses.models import Body
from hoering.responses.services import BodyInput, save_body
from tests.browser.checks import PHONE, assert_accessible, assert_fits, assert_notice, login
from tests.factories import make_consultation

pytestmark = pytest.mark.browser

PLANNER = "planlegger@fjordvik.example.no"
SLUG = "instanser-til-strategien"
BODIES = [
    BodyInput("Statistisk sentralbyrå", "postmottak@ssb.example.no", "statlig", "971526920"),
    BodyInput("Oslo kommune", "postmottak@oslo.example.no", "kommune", "958935420"),
    BodyInput("Fjordvik idrettsråd og et langt navn som må brytes på en smal skjerm", "post@idrettsrad.example.no",
              "organisasjon"),
    BodyInput("Vestland fylkeskommune", "post@vestland.example.no", "fylkeskommune"),
]
BAD_FILE = {"name": "instanser.csv", "mimeType": "text/csv", "buffer": (
    "name;organisation_number;email;category\n"
    "Brønnøysundregistrene;974 760 673;postmottak@brreg.example.no;statlig\n"
    "Feil AS;123456789;post@feil.example.no;næringsliv\n"
    "Uten kategori;;post@uten.example.no;\n").encode()}
GOOD_FILE = {"name": "instanser.csv", "mimeType": "text/csv", "buffer": (
    "name;organisation_number;email;category\n"
    "Brønnøysundregistrene;974 760 673;postmottak@brreg.example.no;statlig\n").encode()}


@pytest.fixture(scope="module")
def register(live_server) -> str:
    """A consultation of its own and a few bodies in the register, made once for the module."""
    with live_server.app_context():
        make_consultation(SLUG, title="Strategi for digital dialog: høringsinstanser")
        for entry in BODIES:
            if not db.session.query(Body).filter_by(email=entry.email).count():
                save_body(None, entry, None)
    return SLUG


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_register_pages_pass_axe_and_fit_a_phone(scan_context, register, viewport):
    page = scan_context().new_page()
    page.set_viewport_size(viewport)
    login(page, PLANNER)
    page.get_by_role("link", name="Høringsinstanser", exact=True).click()
    expect(page.locator("h1")).to_have_text("Høringsinstanser")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Navn", exact=True).fill("Feil AS")
    page.get_by_label("Organisasjonsnummer (valgfritt)").fill("123 456 789")
    page.get_by_label("E-post", exact=True).fill("post@feil.example.no")
    page.get_by_label("Næringsliv").check()
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.locator("#organisation_number-feil")).to_contain_text("123456789 er ikke gyldig")
    assert_accessible(page)
    assert_fits(page)

    page.goto("/admin/instanser/import")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Fil med instanser").set_input_files(files=[BAD_FILE])
    page.get_by_role("button", name="Importer").click()
    expect(page.locator(".error-summary h2")).to_have_text("Ingenting er importert")
    assert_accessible(page)
    assert_fits(page)

    page.goto(f"/admin/hoeringer/{register}/instanser")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Fil med instanser").set_input_files(files=[GOOD_FILE])
    page.get_by_role("button", name="Importer og velg").click()
    expect(page.locator(".import-done h3")).to_have_text("Filen er importert")
    assert_accessible(page)
    assert_fits(page)


def test_a_planner_picks_bodies_without_javascript(browser, base_url, register):
    context = browser.new_context(base_url=base_url, java_script_enabled=False, extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, PLANNER)
    page.goto(f"/admin/hoeringer/{register}")
    page.get_by_role("link", name="Høringsinstanser", exact=True).click()
    page.get_by_label("Oslo kommune").check()
    page.get_by_label("Vestland fylkeskommune").check()
    page.get_by_role("button", name="Lagre valget").click()
    assert_notice(page, "instanser er valgt.")
    expect(page.get_by_label("Oslo kommune")).to_be_checked()
    page.get_by_label("Søk i registeret").fill("oslo")
    page.locator("#innhold").get_by_role("button", name="Søk", exact=True).click()
    expect(page.locator(".body-pick label")).to_have_text(["Oslo kommune"])
    page.get_by_label("Oslo kommune").uncheck()
    page.get_by_role("button", name="Lagre valget").click()
    assert_notice(page, "1 instans er tatt ut.")
    page.goto(f"/admin/hoeringer/{register}/instanser")
    expect(page.get_by_label("Vestland fylkeskommune")).to_be_checked()
    expect(page.get_by_label("Oslo kommune")).not_to_be_checked()
    context.close()
