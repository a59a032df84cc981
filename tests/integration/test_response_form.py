"""A body answers through its personal link: the form, "no comments", changing the answer until the
deadline with every version kept, the receipt by e-mail, late answers refused or marked as the
planner chose, and guessed or expired links answered with a 404."""
from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import sqlalchemy as sa

from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.responses.models import FormalResponse, InvitedBody, ResponseVersion
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import checked_page, field_error


@pytest.fixture
def invited(app) -> InvitedBody:
    """Ørsta kommune, invited to an open consultation (its letter is in the outbox)."""
    return invite_bodies(app, make_consultation(), ORSTA)[0]


def link(invited: InvitedBody) -> str:
    return f"/hoeringer/digital-dialog/svar/{invited.token}"


def form(**changes) -> dict:
    return {"contact_name": "Kari Nordmann", "contact_email": "kari@orsta.example.no",
            "text": "Kommunen støtter forslaget, men ber om **lengre frist** for punkt 3.", **changes}


def receipts(app) -> list:
    wait_for_threads()
    folder = Path(app.config["MAIL_OUTBOX"])
    messages = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(folder.glob("*.eml"))]
    return [message for message in messages if "Kvittering" in message["Subject"]]


def set_deadline(invited: InvitedBody, moment, late_responses: str) -> None:
    wait_for_threads()
    db.session.rollback()
    consultation = db.session.get(InvitedBody, invited.id)
    from hoering.consultations.models import Consultation

    consultation = db.session.get(Consultation, invited.consultation_id)
    consultation.closes_at, consultation.late_responses = moment, late_responses
    db.session.commit()


def test_the_link_opens_a_form_with_the_body_filled_in(app, client, invited):
    page = checked_page(client.get(link(invited)))
    facts = page.select_one(".facts").get_text(" ")
    assert "Ørsta kommune" in facts and "964 978 557" in facts
    assert "offentleglova" in page.get_text()
    assert page.select_one("#contact_email")["value"] == "postmottak@orsta.example.no"


def test_an_answer_is_saved_with_a_receipt_holding_the_whole_text(app, client, invited):
    response = client.post(link(invited), data=form())
    assert response.status_code == 302
    saved = db.session.scalar(sa.select(FormalResponse))
    assert (saved.body_name, saved.organisation_number, saved.category) == ("Ørsta kommune", "964978557", "kommune")
    assert saved.reference.startswith("HS-") and not saved.late and not saved.no_comments
    receipt, = receipts(app)
    assert receipt["To"] == "kari@orsta.example.no"
    content = receipt.get_content()
    assert saved.reference in content and form()["text"] in content and "Kari Nordmann" in content
    page = checked_page(client.get(link(invited)))
    assert page.select_one(".response-sent strong").get_text() == "lengre frist"  # the Markdown subset
    assert saved.reference in page.get_text()


def test_no_comments_is_an_answer_of_its_own(app, client, invited):
    assert client.post(link(invited), data=form(text="", no_comments="y")).status_code == 302
    saved = db.session.scalar(sa.select(FormalResponse))
    assert saved.no_comments and saved.text == ""
    assert "Vi har ingen merknader" in receipts(app)[0].get_content()


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"text": ""}, "text", "kryss av for at dere ikke har merknader"),
    ({"no_comments": "y"}, "text", "Fjern krysset"),
    ({"contact_name": ""}, "contact_name", "kontaktpersonen"),
    ({"contact_email": "ikke-en-adresse"}, "contact_email", "gyldig e-postadresse"),
    ({"text": "> " * 200 + "dypt"}, "text", "for mange nivåer"),
])
def test_a_wrong_answer_is_refused_with_the_text_kept(app, client, invited, changes, field, words):
    response = client.post(link(invited), data=form(**changes))
    assert response.status_code == 400
    page = checked_page(response)
    assert words in field_error(page, field)
    assert page.select_one("#text").get_text().lstrip("\r\n") == form(**changes)["text"]
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_an_expired_form_token_keeps_the_text(app, settings, client, invited):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(link(invited), data=form())
    assert response.status_code == 400
    page = checked_page(response)
    assert "Skjemaet var utløpt" in page.select_one(".error-summary").get_text()
    assert page.select_one("#text").get_text().lstrip("\r\n") == form()["text"]


def test_the_answer_can_be_changed_and_every_version_is_kept(app, client, invited):
    client.post(link(invited), data=form())
    client.post(link(invited), data=form(text="Endret: kommunen støtter forslaget."))
    saved = db.session.scalar(sa.select(FormalResponse))
    assert saved.text == "Endret: kommunen støtter forslaget."
    texts = db.session.scalars(sa.select(ResponseVersion.text).order_by(ResponseVersion.id)).all()
    assert texts == [form()["text"], "Endret: kommunen støtter forslaget."]
    assert [message["Subject"].split(" HS-")[0].strip() for message in receipts(app)] == [
        "Kvittering for høringssvar", "Kvittering for endret høringssvar"]
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 1


def test_after_the_deadline_an_answer_is_marked_late_when_the_planner_accepts_them(app, client, invited):
    set_deadline(invited, utcnow() - timedelta(hours=1), "accept")
    page = checked_page(client.get(link(invited)))
    assert "merkes som for sent" in page.get_text()
    client.post(link(invited), data=form())
    assert db.session.scalar(sa.select(FormalResponse)).late
    assert "etter fristen" in receipts(app)[0].get_content()


def test_after_the_deadline_the_link_expires_when_the_planner_refuses_late_answers(app, client, invited):
    set_deadline(invited, utcnow() - timedelta(hours=1), "refuse")
    assert client.get(link(invited)).status_code == 404
    assert client.post(link(invited), data=form()).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_a_later_deadline_for_the_body_keeps_its_link_open(app, client, invited):
    set_deadline(invited, utcnow() - timedelta(hours=1), "refuse")
    row = db.session.get(InvitedBody, invited.id)
    row.deadline, row.deadline_reason = utcnow() + timedelta(days=3), "Styremøte"
    db.session.commit()
    assert client.post(link(invited), data=form()).status_code == 302
    assert not db.session.scalar(sa.select(FormalResponse)).late


@pytest.mark.parametrize("token", ["gjettet", "A" * 43, "A" * 500, "%00", "..%2F..%2Fetc"])
def test_a_guessed_link_is_not_found(app, client, invited, token):
    assert client.get(f"/hoeringer/digital-dialog/svar/{token}").status_code == 404


def test_a_link_of_another_consultation_is_not_found(app, client, invited):
    make_consultation("annen-hoering")
    assert client.get(f"/hoeringer/annen-hoering/svar/{invited.token}").status_code == 404


def test_a_picked_body_not_yet_invited_has_no_working_link(app, client, invited):
    row = db.session.get(InvitedBody, invited.id)
    row.invited_at = None
    db.session.commit()
    assert client.get(link(invited)).status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_stays_text(app, client, invited, payload):
    client.post(link(invited), data=form(text=payload, contact_name=payload[:200]))
    assert_inert(client.get(link(invited)).get_data(as_text=True))
