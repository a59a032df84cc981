"""The legal pages (hoering/legal): the privacy statement /personvern, filled from the brand and
RETENTION_MONTHS and linked from every form that asks for an e-mail address; the accessibility page
/tilgjengelighet and the footer's links to both, and how a reader reports an accessibility problem."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from hoering.topics.models import TOPIC
from hoering.topics.services import create_topic
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.pages import checked_page

BRAND = {"organisation": "Fjordvik kommune", "contact_email": "postmottak@fjordvik.example.no",
         "contact_phone": "12 34 56 78", "contact_address": "Postboks 1, 9999 Fjordvik",
         "dpo_name": "Nora Personvern", "dpo_email": "personvernombud@fjordvik.example.no"}
LANGUAGES = {"nb": "nb-NO,nb;q=0.9", "nn": "nn-NO,nn;q=0.9,nb;q=0.8", "en": "en-GB,en;q=0.8"}
LEGAL_BASIS = re.compile(r"6 nr\. 1 bokstav e|6\s*\(1\)\s*\(e\)")


@pytest.fixture
def branded(settings):
    """The brand as a deployment sets its defaults (HOERING_…), and a retention of its own."""
    settings.update(BRAND=dict(BRAND), RETENTION_MONTHS=18)
    return settings


def footer_link(page, text: str):
    return page.select_one("footer").find("a", string=text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_page_tells_who_why_and_how_long_from_the_settings(branded, app, client, language):
    page = checked_page(client.get("/personvern", headers={"Accept-Language": LANGUAGES[language]}))
    assert page.html["lang"] == language
    assert "Fjordvik kommune" in page.select_one('[data-field="controller"]').get_text()
    contact = page.select_one('[data-field="contact"]')
    assert contact.select_one('a[href="mailto:postmottak@fjordvik.example.no"]')
    assert "12 34 56 78" in contact.get_text() and "Postboks 1, 9999 Fjordvik" in contact.get_text()
    officer = page.select_one('[data-field="dpo"]')
    assert "Nora Personvern" in officer.get_text()
    assert officer.select_one('a[href="mailto:personvernombud@fjordvik.example.no"]')
    assert "18" in page.select_one('[data-field="retention"]').get_text()
    assert LEGAL_BASIS.search(page.select_one('[data-field="legal-basis"]').get_text())
    assert page.select_one('a[href="https://www.datatilsynet.no/"]')


def test_the_privacy_page_says_public_not_consent_and_no_tracking(branded, client):
    text = " ".join(checked_page(client.get("/personvern")).select_one("main").get_text().split())
    assert "artikkel 6 nr. 1 bokstav e" in text and "ber derfor ikke om samtykke" in text
    assert "forvaltningsloven § 37" in text and "plan- og bygningsloven" in text
    assert "offentleglova" in text and "arkivlova" in text
    assert "E-postadressen din vises aldri" in text
    assert "artikkel 15" in text and "Datatilsynet" in text
    assert "ingen informasjonskapsler til statistikk, sporing eller reklame" in text


def test_the_retention_defaults_to_twelve_months(client):
    assert checked_page(client.get("/personvern")).select_one('[data-field="retention"]').get_text().count("12 måneder")


def test_an_admin_names_the_data_protection_officer(app, client, auth):
    auth.login_as("admin")
    response = client.post("/admin/merkevare", data={**BRAND, "dpo_name": "Per Ombud",
                                                     "dpo_email": "ombud@fjordvik.example.no"})
    assert response.status_code == 302
    auth.logout()
    officer = checked_page(client.get("/personvern")).select_one('[data-field="dpo"]')
    assert "Per Ombud" in officer.get_text() and officer.select_one('a[href="mailto:ombud@fjordvik.example.no"]')


def test_a_wrong_officer_address_is_refused(app, client, auth):
    auth.login_as("admin")
    response = client.post("/admin/merkevare", data={**BRAND, "dpo_email": "ikke en adresse"})
    assert response.status_code == 400
    assert "Skriv en gyldig e-postadresse" in checked_page(response).select_one(".error-summary").get_text()


def test_without_an_officer_the_page_says_whom_to_ask(client):
    page = checked_page(client.get("/personvern"))
    assert page.select_one('[data-field="dpo"]') is None
    assert "hvem som er personvernombud" in page.select_one("main").get_text()


def _e_mail_forms(app) -> dict[str, tuple[str, str]]:
    """Every page with a form that asks the public for an e-mail address: its path and the field's id."""
    consultation = make_consultation()
    anchor = consultation.current_version.units[0].anchor
    create_topic(TOPIC, "Skole", None)
    invited = invite_bodies(app, consultation, ORSTA)[0]
    return {
        "comment": (f"/hoeringer/digital-dialog/{anchor}", "email"),
        "comment on the whole document": ("/hoeringer/digital-dialog/hele-dokumentet", "email"),
        "follow a consultation": ("/hoeringer/digital-dialog/folg", "email"),
        "follow a unit": (f"/hoeringer/digital-dialog/{anchor}/folg", "email"),
        "follow a topic": ("/emner/skole/folg", "email"),
        "open formal response": ("/hoeringer/digital-dialog/hoeringssvar/ny", "contact_email"),
        "invited body's response": (f"/hoeringer/digital-dialog/svar/{invited.token}", "contact_email"),
    }


FORMS = ["comment", "comment on the whole document", "follow a consultation", "follow a unit", "follow a topic",
         "open formal response", "invited body's response"]


@pytest.mark.parametrize("form", FORMS)
def test_every_form_that_asks_for_an_e_mail_links_to_the_privacy_page(app, client, form):
    path, field_id = _e_mail_forms(app)[form]
    page = checked_page(client.get(path))
    field = page.find(id=field_id)
    assert field is not None and field.name == "input"
    note = page.find(id=f"{field_id}-personvern")
    assert note.select_one('a[href="/personvern"]')
    assert f"{field_id}-personvern" in field["aria-describedby"].split()
    # Near the field: in the same box as its label, not somewhere else on the page.
    assert note.find_parent(class_="field") is field.find_parent(class_="field")


def test_no_other_public_form_asks_for_an_e_mail_without_the_link(app, client):
    for path, _ in _e_mail_forms(app).values():
        page = checked_page(client.get(path))
        for field in page.select('input[type="email"]'):
            assert page.find(id=f"{field['id']}-personvern"), (path, field["id"])


def test_without_brand_urls_the_footer_links_to_our_pages(client):
    page = checked_page(client.get("/"))
    assert footer_link(page, "Personvernerklæring")["href"] == "/personvern"
    assert footer_link(page, "Tilgjengelighetserklæring")["href"] == "/tilgjengelighet"
    report = urlsplit(footer_link(page, "Meld fra om et tilgjengelighetsproblem")["href"])
    assert (report.path, report.fragment, parse_qs(report.query)) == ("/tilgjengelighet", "meld-fra", {"side": ["/"]})


@pytest.fixture
def statements_elsewhere(settings):
    """The organisation publishes its own statements (the brand's privacy_url and accessibility_url)."""
    settings.update(BRAND={**BRAND, "privacy_url": "https://www.fjordvik.example.no/personvern",
                           "accessibility_url": "https://uustatus.no/nb/erklaringer/publisert/fjordvik"})
    return settings


def test_the_brands_urls_replace_ours_in_the_footer_and_our_pages_stay(statements_elsewhere, client):
    page = checked_page(client.get("/sok"))
    assert footer_link(page, "Personvernerklæring")["href"] == "https://www.fjordvik.example.no/personvern"
    assert footer_link(page, "Tilgjengelighetserklæring")["href"] == "https://uustatus.no/nb/erklaringer/publisert/fjordvik"
    assert footer_link(page, "Meld fra om et tilgjengelighetsproblem")["href"] == "/tilgjengelighet?side=/sok#meld-fra"
    # Ours name the organisation's own statements and stay at their addresses.
    privacy = checked_page(client.get("/personvern"))
    assert privacy.select_one('main a[href="https://www.fjordvik.example.no/personvern"]')
    accessibility = checked_page(client.get("/tilgjengelighet"))
    assert accessibility.select_one('main a[href="https://uustatus.no/nb/erklaringer/publisert/fjordvik"]')


def test_a_problem_is_reported_by_e_mail_to_the_contact_with_the_page_it_is_on(branded, app, client):
    make_consultation()
    path = checked_page(client.get("/hoeringer/digital-dialog")).select_one("footer").find(
        "a", string="Meld fra om et tilgjengelighetsproblem")["href"]
    page = checked_page(client.get(path))
    assert "http://hoering.test/hoeringer/digital-dialog" in page.select_one('[data-field="reported-page"]').get_text()
    report = page.select_one('[data-field="report"]')
    mailto = urlsplit(report.select_one('a[href^="mailto:"]')["href"])
    assert mailto.path == "postmottak@fjordvik.example.no"
    query = parse_qs(mailto.query)
    assert query["subject"] == ["Tilgjengelighetsproblem i høringstjenesten"]
    assert "http://hoering.test/hoeringer/digital-dialog" in query["body"][0]
    assert report.select_one('a[href="tel:12345678"]') and "Postboks 1, 9999 Fjordvik" in report.get_text()
    assert page.select_one('a[href="https://www.uutilsynet.no/"]')


@pytest.mark.parametrize("side", ["https://angriper.example/", "//angriper.example/", "javascript:alert(1)"])
def test_the_reported_page_is_only_ever_a_page_of_this_site(branded, client, side):
    page = checked_page(client.get("/tilgjengelighet", query_string={"side": side}))
    assert page.select_one('[data-field="reported-page"]') is None
    assert "angriper" not in page.select_one('[data-field="report"] a[href^="mailto:"]')["href"]


def test_without_contact_details_the_page_still_says_whom_to_tell(client):
    page = checked_page(client.get("/tilgjengelighet"))
    assert page.select_one('[data-field="report"]') is None
    assert "Kontakt organisasjonen." in page.select_one("main").get_text()
    assert page.select_one('a[href="https://uustatus.no/"]')
