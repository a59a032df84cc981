"""The open form for formal responses (/hoeringer/<slug>/hoeringssvar/ny): an organisation or a private
person answers without a personal link; the answer is moderated as a comment is, a private person may
be published as "Privatperson", and every mistake comes back with the text kept."""
from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.consultations.models import MODERATION_PRE
from hoering.extensions import db
from hoering.responses.models import CHANNEL_FORM, HELD, PRIVATE_PERSON, PUBLISHED, FormalResponse
from tests.factories import make_consultation
from tests.fixtures.documents import pdf_bytes
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import checked_page, field_error
from tests.uploads import post_files

FORM = "/hoeringer/digital-dialog/hoeringssvar/ny"
LIST = "/hoeringer/digital-dialog/hoeringssvar"
API = "/api/v1/consultations/digital-dialog/responses"
TEXT = "Velforeningen ber om at strandsonen holdes fri for ny bebyggelse."


def organisation(**changes) -> dict:
    return {"answering_as": "organisasjon", "organisation_name": "Ørnevågen vel", "organisation_number": "",
            "category": "organisasjon", "contact_name": "Kari Nordmann", "contact_email": "kari@example.no",
            "text": TEXT, **changes}


def person(**changes) -> dict:
    return {"answering_as": "privatperson", "publish_name": "ja", "contact_name": "Ola Nordmann",
            "contact_email": "ola@example.no", "text": TEXT, **changes}


def send(client, data: dict, files=()):
    return post_files(client, FORM, data, files)


def test_an_organisation_answers_and_is_published_with_its_name(app, client):
    make_consultation()
    assert checked_page(client.get(FORM)).select_one("form[enctype='multipart/form-data']")
    response = send(client, organisation(organisation_number="974 760 673"), [("brev.pdf", pdf_bytes("Brev"))])
    assert response.status_code == 302 and response.location.endswith(LIST)
    saved = db.session.scalar(sa.select(FormalResponse))
    assert (saved.body_name, saved.organisation_number, saved.category, saved.channel, saved.status) == (
        "Ørnevågen vel", "974760673", "organisasjon", CHANNEL_FORM, PUBLISHED)
    assert saved.invited_body_id is None and len(saved.attachments) == 1
    item = checked_page(client.get(LIST)).select_one(".response-item")
    assert item.select_one(".response-title").get_text() == "Ørnevågen vel"
    assert "Invitert høringsinstans" not in item.get_text()
    api, = client.get(API).get_json()["responses"]
    assert (api["body"], api["invited"], api["organisation_number"]) == ("Ørnevågen vel", False, "974760673")
    outbox = Path(app.config["MAIL_OUTBOX"])
    receipt, = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in outbox.glob("*.eml")]
    assert receipt["To"] == "kari@example.no" and saved.reference in receipt["Subject"]


def test_a_private_person_may_be_published_without_the_name(app, client, auth):
    make_consultation()
    assert send(client, person(publish_name="nei")).status_code == 302
    saved = db.session.scalar(sa.select(FormalResponse))
    assert (saved.body_name, saved.category, saved.publish_name) == ("Ola Nordmann", PRIVATE_PERSON, False)
    page = checked_page(client.get(LIST))
    assert page.select_one(".response-title").get_text() == "Privatperson"
    assert "Ola Nordmann" not in page.get_text()
    assert client.get(API).get_json()["responses"][0]["body"] == "Privatperson"
    assert "Ola Nordmann" not in client.get(API).get_data(as_text=True)
    auth.login_as("moderator")
    staff = checked_page(client.get("/admin/hoeringer/digital-dialog/hoeringssvar")).get_text()
    assert "Ola Nordmann" in staff and "publiseres som «Privatperson»" in staff  # staff keep the name


def test_a_private_person_named_is_published_with_the_name(app, client):
    make_consultation()
    send(client, person())
    assert checked_page(client.get(LIST)).select_one(".response-title").get_text() == "Ola Nordmann"


def test_in_a_pre_moderated_consultation_the_answer_waits_for_a_moderator(app, client):
    make_consultation(moderation_mode=MODERATION_PRE)
    response = send(client, organisation())
    assert response.status_code == 302
    assert db.session.scalar(sa.select(FormalResponse.status)) == HELD
    page = checked_page(client.get(LIST))
    assert "blir publisert når en moderator" in page.get_text()  # told after sending
    assert page.select(".response-item") == []


@pytest.mark.parametrize(("data", "field", "words"), [
    (organisation(organisation_name=""), "organisation_name", "navnet på organisasjonen"),
    (organisation(organisation_number="123 456 789"), "organisation_number", "ikke gyldig"),
    (organisation(category=""), "category", "hva slags organisasjon"),
    ({**organisation(), "answering_as": ""}, "answering_as", "hvem du svarer for"),
    (person(text=""), "text", "kryss av for at dere ikke har merknader"),
    (person(contact_email="ola"), "contact_email", "gyldig e-postadresse"),
    (person(website="http://spam.example"), "website", "skal stå tomt"),
])
def test_a_wrong_answer_is_refused_at_its_field_with_the_text_kept(app, client, data, field, words):
    make_consultation()
    response = send(client, data)
    assert response.status_code == 400
    page = checked_page(response)
    assert words in field_error(page, field)
    assert page.select_one("#text").get_text().lstrip("\r\n") == data["text"]
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_a_closed_consultation_takes_no_open_answers_when_late_ones_are_refused(app, client):
    consultation = make_consultation(open_=False)
    consultation.late_responses = "refuse"
    db.session.commit()
    assert "tar ikke imot høringssvar nå" in checked_page(client.get(FORM)).get_text()
    response = send(client, organisation())
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_after_the_deadline_an_open_answer_is_marked_late_when_the_planner_accepts_them(app, client):
    make_consultation(closes_at=utcnow() - timedelta(hours=2))
    assert send(client, organisation()).status_code == 302
    assert db.session.scalar(sa.select(FormalResponse.late)) is True


def test_a_consultation_not_open_yet_takes_no_open_answers(app, client):
    make_consultation(opens_at=utcnow() + timedelta(days=2))
    assert send(client, organisation()).status_code == 400


def test_open_answers_are_rate_limited_like_comments(rate_limited, app, client):
    make_consultation()
    app.config["COMMENT_RATE_LIMIT"] = "2 per minute"
    assert [send(client, person(contact_email=f"ola{n}@example.no")).status_code for n in range(3)] == [302, 302, 429]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_and_text_stay_text(app, client, payload):
    make_consultation()
    send(client, organisation(organisation_name=payload[:200], text=payload))
    assert_inert(client.get(LIST).get_data(as_text=True))
