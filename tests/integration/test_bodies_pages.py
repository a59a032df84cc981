"""The register of invited bodies through the test client: who may use it, adding, editing, searching,
importing, and picking bodies for a consultation, with every mistake answered on the page, never a 500."""
import io

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.responses import services
from hoering.responses.models import Body, InvitedBody
from hoering.responses.services import BodyInput, save_body
from tests.factories import make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import check_page

REGISTER = "/admin/instanser"
IMPORT = "/admin/instanser/import"
CSV = ("name;organisation_number;email;category\n"
       "Statistisk sentralbyrå;971 526 920;ssb@ssb.no;statlig\n"
       "Ørsta kommune;;postmottak@orsta.example.no;kommune\n").encode()


def body(name: str, number: str = "", email: str | None = None, category: str = "organisasjon") -> Body:
    return save_body(None, BodyInput(name=name, organisation_number=number, category=category,
                                     email=email or f"post@{name.split()[0].lower()}.example.no"), None)


def body_form(**changes) -> dict:
    return {"name": "Brønnøysundregistrene", "organisation_number": "974 760 673", "email": "postmottak@brreg.no",
            "category": "statlig", **changes}


def upload(client, url: str, content: bytes, name: str = "instanser.csv", **fields):
    data = {"file": (io.BytesIO(content), name), **fields}
    response = client.post(url, data=data, content_type="multipart/form-data")
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    check_page(page)
    return response, page


def names(page, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in page.select(selector)]


def audit_actions() -> list[str]:
    """The register's entries in the audit log (logging in as a new user adds its own)."""
    return [action for action in db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id))
            if action.startswith(("body.", "consultation.pick"))]


# Who may use the register.

@pytest.mark.parametrize("url", [REGISTER, IMPORT])
def test_planners_and_admins_use_the_register_and_others_are_refused(app, client, auth, url):
    assert client.get(url).status_code == 302  # to the login page
    auth.login_as("moderator")
    assert client.get(url).status_code == 403
    auth.logout()
    auth.login_as("caseworker")
    assert client.get(url).status_code == 403
    auth.logout()
    for role in ("planner", "admin"):
        auth.login_as(role)
        assert client.get(url).status_code == 200
        auth.logout()


def test_a_planner_picks_only_for_a_consultation_they_manage(app, client, auth):
    owner = auth.user("planner", email="eier@fjordvik.example.no")
    consultation = make_consultation()
    consultation.owner_id = owner.id
    db.session.commit()
    auth.login_as("planner")
    assert client.get(f"/admin/hoeringer/{consultation.slug}/instanser").status_code == 403
    assert client.post(f"/admin/hoeringer/{consultation.slug}/instanser", data={"instans": "1"}).status_code == 403
    assert client.get("/admin/hoeringer/finnes-ikke/instanser").status_code == 404
    auth.logout()
    auth.login_as("planner", email="eier@fjordvik.example.no")
    assert client.get(f"/admin/hoeringer/{consultation.slug}/instanser").status_code == 200


def test_the_start_page_and_the_consultation_overview_link_to_the_register(app, client, pages, auth):
    consultation = make_consultation()
    auth.login_as("planner")
    assert pages.get("/admin").find("a", href=REGISTER)
    overview = pages.get(f"/admin/hoeringer/{consultation.slug}")
    assert overview.find("a", href=f"/admin/hoeringer/{consultation.slug}/instanser").get_text() == "Høringsinstanser"
    auth.logout()
    auth.login_as("moderator")
    assert not pages.get("/admin").find("a", href=REGISTER)


# The register: adding, editing, searching.

def test_a_planner_adds_a_body_and_sees_it_in_the_register(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(REGISTER, body_form())
    assert "Instansen «Brønnøysundregistrene» er lagt til." in names(page, ".notice")
    assert names(page, ".body-table tbody tr") == ["Brønnøysundregistrene Org.nr. 974 760 673 · postmottak@brreg.no Statlig"]
    saved = db.session.scalar(sa.select(Body))
    assert (saved.organisation_number, saved.category) == ("974760673", "statlig")
    assert audit_actions() == ["body.add"]


@pytest.mark.parametrize("changes, field, message", [
    ({"organisation_number": "974 760 674"}, "organisation_number", "Organisasjonsnummeret 974760674 er ikke gyldig."),
    ({"organisation_number": "12345"}, "organisation_number", "Det skal ha ni sifre"),
    ({"email": "ikke en adresse"}, "email", "E-postadressen «ikke en adresse» er ikke gyldig."),
    ({"name": "   "}, "name", "Skriv navnet på instansen."),
    ({"category": "forening"}, "category", "Kategorien «forening» finnes ikke."),
    ({"category": ""}, "category", "Velg en kategori."),
    ({"name": "x" * 201}, "name", "Feltet kan ikke være lenger enn 200 tegn."),
])
def test_a_wrong_value_is_named_on_its_field_and_nothing_is_saved(app, client, pages, auth, changes, field, message):
    auth.login_as("planner")
    page = pages.post(REGISTER, body_form(**changes), status=400)
    error = page.find(id=f"{field}-feil")
    assert error is not None and message in error.get_text(), page.select_one(".error-summary")
    assert page.find(id="name")["value"] == body_form(**changes)["name"]  # what was typed is kept
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Body)) == 0


def test_an_organisation_number_already_registered_is_refused(app, client, pages, auth):
    body("Brønnøysundregistrene", "974760673")
    auth.login_as("planner")
    page = pages.post(REGISTER, body_form(name="Brreg"), status=400)
    assert "er allerede registrert, for Brønnøysundregistrene" in page.find(id="organisation_number-feil").get_text()


def test_a_planner_edits_a_body(app, client, pages, auth):
    ssb = body("SSB", "971526920", category="annet")
    other = body("Oslo kommune", "958935420", category="kommune")
    auth.login_as("planner")
    page = pages.get(f"/admin/instanser/{ssb.id}")
    assert page.find(id="organisation_number")["value"] == "971 526 920"
    page = pages.post(f"/admin/instanser/{ssb.id}", {"name": "Statistisk sentralbyrå", "organisation_number": "971526920",
                                                       "email": "ssb@ssb.no", "category": "statlig"})
    assert "Endringene er lagret." in names(page, ".notice")
    assert (ssb.name, ssb.category) == ("Statistisk sentralbyrå", "statlig")
    page = pages.post(f"/admin/instanser/{ssb.id}", {"name": "SSB", "organisation_number": other.organisation_number,
                                                       "email": "ssb@ssb.no", "category": "statlig"}, status=400)
    assert "allerede registrert, for Oslo kommune" in page.find(id="organisation_number-feil").get_text()
    assert audit_actions() == ["body.add", "body.add", "body.edit"]
    assert pages.get("/admin/instanser/999999", status=404)


def test_the_register_searches_name_number_and_email_whatever_the_case(app, client, pages, auth):
    body("Ørsta kommune", category="kommune")
    body("Statistisk sentralbyrå", "971526920", email="ssb@ssb.no", category="statlig")
    body("Ålesund kommune", category="kommune")
    body("Bergen kommune", category="kommune")
    auth.login_as("planner")
    everyone = names(pages.get(REGISTER), ".body-table tbody td:first-child a")
    assert everyone == ["Bergen kommune", "Statistisk sentralbyrå", "Ørsta kommune", "Ålesund kommune"]
    assert names(pages.get(REGISTER + "?q=ØRSTA"), ".body-table tbody td:first-child a") == ["Ørsta kommune"]
    assert names(pages.get(REGISTER + "?q=971 526"), ".body-table tbody td:first-child a") == ["Statistisk sentralbyrå"]
    assert names(pages.get(REGISTER + "?q=ssb.no"), ".body-table tbody td:first-child a") == ["Statistisk sentralbyrå"]
    page = pages.get(REGISTER + "?q=finnes+ikke")
    assert "Ingen instanser passer med «finnes ikke»." in page.get_text()


def test_a_body_s_name_is_shown_as_text(app, client, pages, auth):
    for n, payload in enumerate(PAYLOADS[:5]):
        body(f"{payload[:150]} {n}", email=f"lag{n}@example.no")
    auth.login_as("planner")
    assert_inert(client.get(REGISTER).get_data(as_text=True))


# Importing.

def test_an_imported_file_is_shown_with_what_it_added_and_updated(app, client, auth):
    body("SSB", "971526920", email="ssb@ssb.no", category="annet")
    auth.login_as("planner")
    response, page = upload(client, IMPORT, CSV)
    assert response.status_code == 200
    assert names(page, ".import-done li") == ["1 ny instans", "1 instans oppdatert: Statistisk sentralbyrå",
                                              "0 instanser uendret"]
    assert audit_actions()[-1] == "body.import"


def test_an_import_with_bad_rows_lists_them_all_and_imports_nothing(app, client, auth):
    auth.login_as("planner")
    bad = CSV + "Feil AS;123456789;post@feil.example.no;næringsliv\nUten kategori;;post@uten.example.no;\n".encode()
    response, page = upload(client, IMPORT, bad)
    assert response.status_code == 400
    assert page.select_one(".error-summary h2").get_text() == "Ingenting er importert"
    errors = names(page, ".import-errors li")
    assert [error.split(":")[0] for error in errors] == ["Rad 4", "Rad 5"]
    assert "123456789" in errors[0]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Body)) == 0


@pytest.mark.parametrize("content, name, message", [
    (b"\xd0\xcf\x11\xe0" + bytes(50), "instanser.xls", "det gamle Excel-formatet"),
    (b"PK\x03\x04junk", "instanser.xlsx", "ikke en Excel-arbeidsbok"),
    (b"a,b\n1,2\n", "instanser.csv", "Første rad må ha kolonnenavnene"),
    (b"x" * (services.MAX_IMPORT_BYTES + 10), "stor.csv", "større enn 2 MB"),
])
def test_a_file_that_cannot_be_imported_gets_a_clear_message(app, client, auth, content, name, message):
    auth.login_as("planner")
    response, page = upload(client, IMPORT, content, name)
    assert response.status_code == 400
    assert message in page.select_one(".import-errors").get_text()


def test_an_import_without_a_file_says_so(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(IMPORT, {}, status=400)
    assert "Velg filen du vil importere." in page.find(id="file-feil").get_text()


# Picking bodies for a consultation.

def test_a_planner_picks_bodies_grouped_by_category(app, client, pages, auth):
    consultation = make_consultation()
    ssb, oslo, lag = (body("Statistisk sentralbyrå", "971526920", category="statlig"),
                      body("Oslo kommune", "958935420", category="kommune"), body("Fjordvik idrettsråd"))
    url = f"/admin/hoeringer/{consultation.slug}/instanser"
    auth.login_as("planner")
    page = pages.get(url)
    assert names(page, ".body-group legend") == ["Statlig (1)", "Kommune (1)", "Organisasjon (1)"]
    shown = [str(b.id) for b in (ssb, oslo, lag)]
    page = pages.post(url, {"vist": shown, "instans": [str(ssb.id), str(lag.id)]})
    assert "2 instanser er valgt." in names(page, ".notice")
    assert set(services.picked(consultation)) == {ssb.id, lag.id}
    assert page.find(id=f"instans-{ssb.id}").has_attr("checked")
    assert not page.find(id=f"instans-{oslo.id}").has_attr("checked")
    page = pages.post(url, {"vist": shown, "instans": [str(oslo.id), str(lag.id)]})
    assert names(page, ".notice") == ["1 instans er valgt.", "1 instans er tatt ut."]
    assert set(services.picked(consultation)) == {oslo.id, lag.id}
    assert audit_actions()[-2:] == ["consultation.pick_bodies", "consultation.pick_bodies"]


def test_a_search_leaves_the_bodies_it_hides_picked(app, client, pages, auth):
    consultation = make_consultation()
    ssb, oslo = body("Statistisk sentralbyrå", "971526920", category="statlig"), body("Oslo kommune", category="kommune")
    url = f"/admin/hoeringer/{consultation.slug}/instanser"
    auth.login_as("planner")
    pages.post(url, {"vist": [str(ssb.id), str(oslo.id)], "instans": [str(ssb.id), str(oslo.id)]})
    page = pages.get(url + "?q=oslo")
    assert names(page, ".body-pick label") == ["Oslo kommune"]
    pages.post(url + "?q=oslo", {"vist": [str(oslo.id)]})  # Oslo unticked; SSB was not shown
    assert set(services.picked(consultation)) == {ssb.id}


def test_an_invited_body_stays_picked(app, client, pages, auth):
    consultation = make_consultation()
    ssb = body("Statistisk sentralbyrå", "971526920", category="statlig")
    db.session.add(InvitedBody(consultation_id=consultation.id, body_id=ssb.id, invited_at=utcnow()))
    db.session.commit()
    url = f"/admin/hoeringer/{consultation.slug}/instanser"
    auth.login_as("planner")
    box = pages.get(url).find(id=f"instans-{ssb.id}")
    assert box.has_attr("disabled") and box.has_attr("checked")
    page = pages.post(url, {"vist": [str(ssb.id)]})  # a tampered form unticks it
    assert "1 instans er allerede invitert og står fortsatt på listen." in names(page, ".notice")
    assert set(services.picked(consultation)) == {ssb.id}


def test_ids_that_are_not_bodies_are_ignored(app, client, pages, auth):
    consultation = make_consultation()
    auth.login_as("planner")
    page = pages.post(f"/admin/hoeringer/{consultation.slug}/instanser",
                      {"vist": ["x", "99999", "-1", "9" * 30], "instans": ["99999", "abc", "١"]})
    assert "Ingen endringer." in names(page, ".notice")
    assert services.picked(consultation) == {}


def test_an_import_into_a_consultation_adds_to_the_register_and_picks(app, client, auth):
    consultation = make_consultation()
    url = f"/admin/hoeringer/{consultation.slug}/instanser"
    auth.login_as("planner")
    response, page = upload(client, url, CSV, action="import")
    assert response.status_code == 200, page.select_one(".error-summary")
    assert "2 instanser nylig valgt for høringen" in names(page, ".import-done li")
    assert len(services.picked(consultation)) == 2
    assert len(page.select(".body-pick input[name=instans][checked]")) == 2
    response, page = upload(client, url, b"name;email\n", action="import")
    assert response.status_code == 400
    assert "Disse mangler: category." in page.select_one(".import-errors").get_text()
