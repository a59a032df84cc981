"""The organisation's brand: defaults from the environment, then what an admin saves on /admin/merkevare,
on every page (header, title, footer, colour), with a logo that can never run anything."""
import io

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from PIL import Image

from hoering import create_app
from hoering.audit.models import AuditEntry
from hoering.branding.models import Branding
from hoering.extensions import db
from tests.factories import make_consultation

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0e6e63"/></svg>'
FORM = {"organisation": "Fjordvik kommune", "main_colour": "#0E6E63", "contact_email": "post@fjordvik.example.no",
        "contact_phone": "12 34 56 78", "contact_address": "Postboks 1, 9999 Fjordvik",
        "privacy_url": "https://fjordvik.example.no/personvern",
        "accessibility_url": "https://uustatus.no/nb/erklaringer/fjordvik",
        "website_url": "https://www.fjordvik.example.no"}


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (14, 110, 99)).save(out, "PNG")
    return out.getvalue()


def save(client, logo: bytes | None = None, filename: str = "logo.svg", **changes):
    data = {**FORM, **changes}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo), filename)
    return client.post("/admin/merkevare", data=data, content_type="multipart/form-data")


@pytest.fixture
def branded(settings, tmp_path):
    """The environment's defaults, as a deployment sets them."""
    logo_file = tmp_path / "logo.svg"
    logo_file.write_bytes(LOGO)
    settings.update(BRAND={"organisation": "Havbygd kommune", "main_colour": "#1E5B8C",
                           "website_url": "https://havbygd.example.no"}, BRAND_LOGO_FILE=str(logo_file))
    return settings


def test_without_a_brand_the_pages_say_only_the_service(client):
    front = page_of(client.get("/"))
    assert front.title.string == "Høringer"
    assert front.select(".site-logo") == [] and front.select(".site-organisation") == []
    assert not front.select('link[href^="/merke/tema.css"]')
    assert client.get("/merke/logo").status_code == 404


def test_the_environment_gives_the_defaults(branded, app, client):
    make_consultation("vei", title="Trafikksikkerhetsplan")
    front = page_of(client.get("/"))
    assert front.title.string == "Høringer – Havbygd kommune"
    assert front.select_one(".site-organisation").string == "Havbygd kommune"
    assert page_of(client.get("/hoeringer/vei")).title.string == "Trafikksikkerhetsplan – Høringer – Havbygd kommune"
    theme = front.select_one('link[href^="/merke/tema.css"]')["href"]
    css = client.get(theme).get_data(as_text=True)
    # Designsystemet's accent scale for the colour, as its CLI makes it (tests/unit/branding/test_palette.py)
    assert "--ds-color-accent-base-default: #1e5b8c;" in css and "--ds-color-accent-base-hover: #18486f;" in css
    assert client.get(front.select_one(".site-logo")["src"]).data == LOGO
    assert front.select_one('footer a[href="https://havbygd.example.no"]').string == "havbygd.example.no"


@pytest.mark.parametrize("setting, value, message", [
    ("BRAND", {"main_colour": "#9ecae1"}, "HOERING_MAIN_COLOUR: Fargen #9ecae1 gir for svak kontrast mot hvit tekst (1,75:1)"),
    ("BRAND", {"privacy_url": "personvern.html"}, "HOERING_PRIVACY_URL: Skriv en hel adresse"),
    ("BRAND_LOGO_FILE", "/finnes/ikke.svg", "HOERING_LOGO: cannot read /finnes/ikke.svg"),
])
def test_a_wrong_default_stops_the_app_at_start_up(settings, setting, value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        create_app({**settings, setting: value})


def test_an_unsafe_logo_file_stops_the_app_at_start_up(settings, tmp_path):
    bad = tmp_path / "logo.svg"
    bad.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(ValueError, match="HOERING_LOGO: .*SVG-filen inneholder skript"):
        create_app({**settings, "BRAND_LOGO_FILE": str(bad)})


def test_an_admin_sets_the_brand_and_every_page_shows_it(app, client, auth):
    admin = auth.login_as("admin")
    response = save(client, LOGO)
    assert response.status_code == 302 and response.location.endswith("/admin/merkevare")
    make_consultation("vei", title="Trafikksikkerhetsplan")
    auth.logout()

    page = page_of(client.get("/hoeringer/vei"))
    assert page.title.string == "Trafikksikkerhetsplan – Høringer – Fjordvik kommune"
    assert page.select_one(".site-logo")["alt"] == ""  # the name is written beside it
    assert page.select_one(".site-organisation").string == "Fjordvik kommune"
    footer = page.select_one("footer")
    assert footer.select_one('a[href="mailto:post@fjordvik.example.no"]')
    assert footer.select_one('a[href="tel:12345678"]').string == "12 34 56 78"
    assert "Postboks 1, 9999 Fjordvik" in footer.get_text()
    assert footer.find("a", string="Personvernerklæring")["href"] == FORM["privacy_url"]
    assert footer.find("a", string="Tilgjengelighetserklæring")["href"] == FORM["accessibility_url"]
    theme = client.get(page.select_one('link[href^="/merke/tema.css"]')["href"])
    assert theme.mimetype == "text/css" and "--ds-color-accent-base-default: #0e6e63;" in theme.get_data(as_text=True)
    assert "immutable" in theme.headers["Cache-Control"]

    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "branding.update")).one()
    assert entry.actor_id == admin.id and entry.before is None and entry.after["main_colour"] == "#0e6e63"


def test_an_svg_logo_is_served_in_a_sandbox(app, client, auth):
    auth.login_as("admin")
    save(client, LOGO)
    response = client.get("/merke/logo")
    assert response.data == LOGO and response.mimetype == "image/svg+xml"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_png_logo_replaces_the_svg_and_can_be_removed(app, client, auth):
    auth.login_as("admin")
    save(client, LOGO)
    first = page_of(client.get("/")).select_one(".site-logo")["src"]
    assert save(client, png(), "logo.png").status_code == 302
    second = page_of(client.get("/")).select_one(".site-logo")["src"]
    assert second != first  # a new address, so no cache shows the old one
    assert client.get("/merke/logo").mimetype == "image/png"

    assert save(client).status_code == 302  # no file chosen: the logo stays
    assert client.get("/merke/logo").mimetype == "image/png"
    assert save(client, remove_logo="y").status_code == 302
    assert client.get("/merke/logo").status_code == 404
    assert not page_of(client.get("/")).select(".site-logo")


def test_a_too_pale_colour_is_refused_and_nothing_is_lost(app, client, auth):
    auth.login_as("admin")
    save(client, LOGO)
    response = save(client, main_colour="#9ECAE1", organisation="Fjordvik kommune, kommunikasjon")
    assert response.status_code == 400
    page = page_of(response)
    error = page.select_one("#main_colour-feil").get_text()
    assert "Fargen #9ecae1 gir for svak kontrast mot hvit tekst (1,75:1)" in error
    assert "minst 4,5:1" in error
    assert page.select_one("#main_colour")["value"] == "#9ECAE1"  # what was typed, to correct
    assert page.select_one("#organisation")["value"] == "Fjordvik kommune, kommunikasjon"
    assert page.select_one(".error-summary a[href='#main_colour']")
    row = db.session.get(Branding, 1)
    db.session.refresh(row)
    assert (row.main_colour, row.organisation) == ("#0e6e63", "Fjordvik kommune")
    assert client.get("/merke/logo").data == LOGO


@pytest.mark.parametrize("changes, field, message", [
    ({"main_colour": "grønn"}, "main_colour", "Skriv fargen som en heksadesimal kode"),
    ({"privacy_url": "javascript:alert(1)"}, "privacy_url", "Skriv en hel adresse som begynner med https://"),
    ({"website_url": "www.fjordvik.no"}, "website_url", "Skriv en hel adresse som begynner med https://"),
    ({"contact_phone": "ring oss"}, "contact_phone", "Skriv telefonnummeret med sifre"),
    ({"contact_email": "post@"}, "contact_email", "Skriv en gyldig e-postadresse"),
    ({"organisation": "x" * 121}, "organisation", "Teksten kan være høyst 120 tegn."),
])
def test_other_bad_input_gets_a_message_on_its_field(app, client, auth, changes, field, message):
    auth.login_as("admin")
    response = save(client, **changes)
    assert response.status_code == 400
    assert message in page_of(response).select_one(f"#{field}-feil").get_text()
    assert db.session.get(Branding, 1) is None


def test_an_unsafe_or_unreadable_logo_is_refused(app, client, auth):
    auth.login_as("admin")
    response = save(client, b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert response.status_code == 400
    assert "SVG-filen inneholder skript" in page_of(response).select_one("#logo-feil").get_text()
    response = save(client, b"%PDF-1.7 ...", "logo.pdf")
    assert "Logoen må være en SVG- eller PNG-fil." in page_of(response).select_one("#logo-feil").get_text()
    assert db.session.get(Branding, 1) is None


def test_the_first_save_keeps_the_environments_logo(branded, app, client, auth):
    auth.login_as("admin")
    form = page_of(client.get("/admin/merkevare"))
    assert form.select_one("#organisation")["value"] == "Havbygd kommune"
    assert form.select_one("#main_colour")["value"] == "#1e5b8c"
    assert save(client).status_code == 302
    assert client.get("/merke/logo").data == LOGO
    assert page_of(client.get("/")).title.string == "Høringer – Fjordvik kommune"


def test_only_an_admin_may_change_the_brand(app, client, auth):
    auth.login_as("planner")
    assert client.get("/admin/merkevare").status_code == 403
    assert save(client).status_code == 403


def test_every_mistake_is_shown_at_once(app, client, auth):
    auth.login_as("admin")
    page = page_of(save(client, main_colour="#9ecae1", privacy_url="personvern", contact_phone="ring oss"))
    assert [a["href"] for a in page.select(".error-summary a")] == ["#main_colour", "#contact_phone", "#privacy_url"]
