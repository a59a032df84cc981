"""Responses that arrive outside hoering (a letter, an e-mail, a meeting), registered by staff: the
channel and the date received (lateness is judged by it), the scan and the transcript, then the same
guard, public list and API as any other response, marked with how they came."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.presentation import local_date
from hoering.responses.models import CHANNEL_MEETING, CHANNEL_POST, HELD, FormalResponse, InvitedBody
from hoering.responses.services import BodyInput
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.fixtures.documents import pdf_bytes
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import checked_page, field_error
from tests.uploads import post_files

REGISTER = "/admin/hoeringer/digital-dialog/hoeringssvar/registrer"
LIST = "/hoeringer/digital-dialog/hoeringssvar"
TRANSCRIPT = "Ørsta kommune støtter forslaget, men ber om at kapittel 3 blir kortere."


@pytest.fixture
def invited(app) -> list[InvitedBody]:
    return invite_bodies(app, make_consultation(), ORSTA,
                         BodyInput("Volda kommune", "postmottak@volda.example.no", "kommune"))


def letter(invited: InvitedBody | None = None, **changes) -> dict:
    data = {"channel": CHANNEL_POST, "received_on": local_date(utcnow()).isoformat(), "answering_as": "invitert",
            "invited_id": str(invited.id) if invited else "", "contact_name": "Ordfører Ola Nordmann",
            "contact_email": "", "text": TRANSCRIPT}
    return {**data, **changes}


def register(client, data: dict, files=()):
    return post_files(client, REGISTER, data, files)


@pytest.mark.parametrize("role", ["caseworker", "planner"])
def test_a_letter_from_an_invited_body_is_registered_with_its_scan(app, client, auth, invited, role):
    ørsta, volda = invited
    actor = auth.login_as(role)
    page = checked_page(client.get(REGISTER))
    assert [option.get_text() for option in page.select("#invited_id option")][1:] == ["Volda kommune", "Ørsta kommune"]
    response = register(client, letter(ørsta), [("skannet brev.pdf", pdf_bytes("Brev fra Ørsta"))])
    assert response.status_code == 302
    saved = db.session.scalar(sa.select(FormalResponse))
    assert (saved.invited_body_id, saved.channel, saved.body_name, saved.late) == (ørsta.id, CHANNEL_POST,
                                                                                  "Ørsta kommune", False)
    assert [attachment.name for attachment in saved.attachments] == ["skannet brev.pdf"]
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "response.submit"))
    assert entry.actor_id == actor.id  # staff registered it, and the log says who
    item = checked_page(client.get(LIST)).select_one(".response-item")
    assert "mottatt per post" in item.get_text() and TRANSCRIPT in item.get_text()
    assert client.get("/api/v1/consultations/digital-dialog/responses").get_json()["responses"][0]["channel"] == "post"
    again = checked_page(client.get(REGISTER))
    assert [option.get_text() for option in again.select("#invited_id option")][1:] == ["Volda kommune"]


def test_lateness_is_judged_by_the_date_received(app, client, auth, invited):
    ørsta, volda = invited
    consultation = db.session.get(Consultation, ørsta.consultation_id)
    consultation.closes_at = utcnow() - timedelta(days=3)
    db.session.commit()
    auth.login_as("caseworker")
    received_in_time = local_date(utcnow() - timedelta(days=5)).isoformat()
    assert register(client, letter(ørsta, received_on=received_in_time)).status_code == 302
    assert db.session.scalar(sa.select(FormalResponse.late)) is False  # registered late, but received in time
    register(client, letter(volda, received_on=local_date(utcnow()).isoformat()))
    late = db.session.scalar(sa.select(FormalResponse).where(FormalResponse.invited_body_id == volda.id))
    assert late.late is True


def test_a_meeting_with_a_person_is_registered_without_an_address(app, client, auth, invited):
    auth.login_as("caseworker")
    data = letter(channel=CHANNEL_MEETING, answering_as="privatperson", publish_name="nei",
                  contact_name="Kari Nordmann", text="Sa i folkemøtet at stien må bli gående.")
    assert register(client, data).status_code == 302
    saved = db.session.scalar(sa.select(FormalResponse))
    assert (saved.channel, saved.contact_email, saved.publish_name) == (CHANNEL_MEETING, "", False)
    item = checked_page(client.get(LIST)).select_one(".response-item")
    assert "Privatperson" in item.get_text() and "mottatt i møte" in item.get_text()
    assert "Kari Nordmann" not in item.get_text()


def test_personal_data_in_a_registered_letter_holds_it_back(app, client, auth, invited):
    auth.login_as("caseworker")
    register(client, letter(invited[0], text="Ring meg på 912 34 567."))
    assert db.session.scalar(sa.select(FormalResponse.status)) == HELD
    assert checked_page(client.get(LIST)).select(".response-item") == []


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"channel": ""}, "channel", "hvordan svaret kom inn"),
    ({"received_on": ""}, "received_on", "datoen svaret kom inn"),
    ({"received_on": "2999-01-01"}, "received_on", "fram i tid"),
    ({"invited_id": ""}, "invited_id", "Velg instansen"),
    ({"answering_as": "organisasjon", "organisation_name": ""}, "organisation_name", "navnet på organisasjonen"),
    ({"contact_email": "ikke-en-adresse"}, "contact_email", "gyldig e-postadresse"),
])
def test_a_wrong_registration_is_refused_with_the_text_kept(app, client, auth, invited, changes, field, words):
    auth.login_as("caseworker")
    data = letter(invited[0], **changes)
    response = register(client, data)
    assert response.status_code == 400
    page = checked_page(response)
    assert words in field_error(page, field)
    assert page.select_one("#text").get_text().lstrip("\r\n") == TRANSCRIPT
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_a_body_that_has_answered_cannot_get_a_second_response(app, client, auth, invited):
    auth.login_as("caseworker")
    register(client, letter(invited[0]))
    response = register(client, letter(invited[0]))
    assert response.status_code == 400 and "har allerede svart" in response.get_data(as_text=True)


def test_moderators_may_not_register(app, client, auth, invited):
    auth.login_as("moderator")
    assert client.get(REGISTER).status_code == 403


@pytest.mark.parametrize("payload", PAYLOADS[:8])
def test_hostile_transcripts_stay_text(app, client, auth, invited, payload):
    auth.login_as("caseworker")
    register(client, letter(answering_as="organisasjon", organisation_name=payload[:200], category="annet",
                            text=payload))
    assert_inert(client.get(LIST).get_data(as_text=True))
    assert_inert(client.get("/admin/hoeringer/digital-dialog/hoeringssvar").get_data(as_text=True))
