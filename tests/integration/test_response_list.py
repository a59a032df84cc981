"""The public list of formal responses and its API, the personal-data guard holding a response back,
and a moderator publishing or hiding one."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.audit.models import AuditEntry
from hoering.consultations.models import Consultation
from hoering.background import wait_for_threads
from hoering.extensions import db
from hoering.responses.models import HELD, HIDDEN, PUBLISHED, FormalResponse, InvitedBody
from hoering.responses.services import BodyInput
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import check_page

LIST = "/hoeringer/digital-dialog/hoeringssvar"
API = "/api/v1/consultations/digital-dialog/responses"
STAFF = "/admin/hoeringer/digital-dialog/hoeringssvar"
# A valid fødselsnummer (the check digits hold), as the guard finds in comments.
IDENTITY_NUMBER = "01010112345"


@pytest.fixture
def invited(app) -> list[InvitedBody]:
    """Three bodies invited to an open consultation: Ørsta (kommune), SSB (statlig), Naturvernforbundet."""
    return invite_bodies(app, make_consultation(), ORSTA,
                         BodyInput("Statistisk sentralbyrå", "ssb@ssb.example.no", "statlig", "971 526 920"),
                         BodyInput("Naturvernforbundet", "post@nvf.example.no", "organisasjon"))


def answer(client, invited: InvitedBody, **changes):
    data = {"contact_name": "Kari Nordmann", "contact_email": "kari@example.no", "text": "Vi støtter forslaget.",
            **changes}
    response = client.post(f"/hoeringer/digital-dialog/svar/{invited.token}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    client.get(response.location)  # where the body reads its receipt notice
    wait_for_threads()
    db.session.rollback()


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    check_page(page)
    return page


def test_the_public_list_shows_published_responses_and_who_has_not_answered(app, client, invited):
    ørsta, ssb, nvf = invited
    answer(client, ørsta, text="Kommunen støtter **hovedgrepet**.")
    answer(client, ssb, text="", no_comments="y")
    page = page_of(client.get(LIST))
    titles = [title.get_text() for title in page.select(".response-title")]
    assert titles == ["Statistisk sentralbyrå", "Ørsta kommune"]  # Norwegian order: Ø after S
    ørsta_item = page.select(".response-item")[1]
    assert ørsta_item.select_one("strong").get_text() == "hovedgrepet"
    assert "med merknad" in ørsta_item.get_text() and "Kommune" in ørsta_item.get_text()
    assert "uten merknad" in page.select(".response-item")[0].get_text()
    assert [item.get_text(" ", strip=True) for item in page.select(".not-answered li")] == [
        "Naturvernforbundet (Organisasjon)"]
    assert "2 høringssvar er mottatt" in page.select_one(".response-counts").get_text()
    assert "Kari" not in page.get_text() and "kari@example.no" not in page.get_text()  # contact persons stay inside


def test_the_consultation_page_links_to_the_list(app, client, invited):
    page = page_of(client.get("/hoeringer/digital-dialog"))
    assert page.select_one(f'a[href="{LIST}"]')


def test_the_api_lists_published_responses_with_the_promised_fields(app, client, invited):
    ørsta, ssb, nvf = invited
    answer(client, ørsta, text="Kommunen støtter *dette*.")
    answer(client, ssb, text=f"Saksbehandler har fødselsnummer {IDENTITY_NUMBER}.")  # held
    body = client.get(API).get_json()
    response, = body["responses"]
    assert set(response) >= {"id", "body", "organisation_number", "category", "invited", "no_comments", "late",
                             "submitted_at", "text", "html", "attachments"}
    assert (response["body"], response["organisation_number"], response["category"]) == (
        "Ørsta kommune", "964978557", "kommune")
    assert response["invited"] is True and response["no_comments"] is False and response["late"] is False
    assert response["html"] == "<p>Kommunen støtter <em>dette</em>.</p>"
    assert response["submitted_at"].endswith("Z") and response["attachments"] == []
    assert body["invited_without_response"] == [{"body": "Naturvernforbundet", "category": "organisasjon"}]
    assert IDENTITY_NUMBER not in client.get(API).get_data(as_text=True)


def test_personal_data_holds_a_response_back_until_a_moderator_publishes_it(app, client, auth, invited):
    ørsta = invited[0]
    answer(client, ørsta, text=f"Kontakt meg, fødselsnummer {IDENTITY_NUMBER}.")
    held = db.session.scalar(sa.select(FormalResponse))
    assert held.status == HELD
    page = page_of(client.get(LIST))
    assert IDENTITY_NUMBER not in page.get_text()
    assert "1 høringssvar er mottatt. 0 er publisert. 1 venter" in " ".join(page.select_one(".response-counts").get_text().split())

    auth.login_as("moderator")
    staff = page_of(client.get(STAFF))
    assert IDENTITY_NUMBER in staff.get_text() and "personopplysninger" in staff.get_text()
    assert client.post(f"{STAFF}/{held.id}/publiser").status_code == 302
    assert db.session.get(FormalResponse, held.id).status == PUBLISHED
    assert "response.publish" in db.session.scalars(sa.select(AuditEntry.action)).all()


def test_a_clean_revision_of_a_held_response_is_published(app, client, invited):
    ørsta = invited[0]
    answer(client, ørsta, text=f"Fødselsnummer {IDENTITY_NUMBER}.")
    answer(client, ørsta, text="Uten personopplysninger nå.")
    assert db.session.scalar(sa.select(FormalResponse.status)) == PUBLISHED


def test_a_moderator_hides_a_response_with_a_reason(app, client, auth, invited):
    answer(client, invited[0])
    response = db.session.scalar(sa.select(FormalResponse))
    auth.login_as("moderator")
    refused = client.post(f"{STAFF}/{response.id}/skjul", data={"reason": " "})
    assert refused.status_code == 400 and "Skriv hvorfor" in refused.get_data(as_text=True)
    assert client.post(f"{STAFF}/{response.id}/skjul", data={"reason": "Trakassering"}).status_code == 302
    assert db.session.get(FormalResponse, response.id).status == HIDDEN
    assert page_of(client.get(LIST)).select(".response-item") == []
    answer(client, invited[0], text="Ny versjon")  # the body revises: it stays hidden
    assert db.session.get(FormalResponse, response.id).status == HIDDEN


@pytest.mark.parametrize("role", ["planner", "caseworker"])
def test_planners_and_caseworkers_see_the_staff_list_but_only_moderators_decide(app, client, auth, invited, role):
    answer(client, invited[0])
    response = db.session.scalar(sa.select(FormalResponse))
    auth.login_as(role)
    page = page_of(client.get(STAFF))
    assert "Ørsta kommune" in page.get_text() and not page.select("form[action$='/skjul']")
    assert client.post(f"{STAFF}/{response.id}/skjul", data={"reason": "x"}).status_code == 403
    assert ("kari@example.no" in page.get_text()) is (role == "caseworker")  # as for comments: SEES_EMAIL


def test_a_planner_of_another_consultation_does_not_see_its_responses(app, client, auth, invited):
    consultation = db.session.scalar(sa.select(Consultation))
    consultation.owner_id = auth.user("planner", email="eier@fjordvik.example.no").id
    db.session.commit()
    auth.login_as("planner", email="annen.planlegger@fjordvik.example.no")
    assert client.get(STAFF).status_code == 403


def test_a_response_of_another_consultation_is_not_found(app, client, auth, invited):
    answer(client, invited[0])
    response = db.session.scalar(sa.select(FormalResponse))
    make_consultation("annen-hoering")
    auth.login_as("moderator")
    assert client.post(f"/admin/hoeringer/annen-hoering/hoeringssvar/{response.id}/publiser").status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_responses_stay_text_on_every_page(app, client, auth, invited, payload):
    answer(client, invited[0], text=payload)
    assert_inert(client.get(LIST).get_data(as_text=True))
    auth.login_as("moderator")
    assert_inert(client.get(STAFF).get_data(as_text=True))
