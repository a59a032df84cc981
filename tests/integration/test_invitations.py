"""Inviting bodies through the test client: the letter and its placeholders, sending to the picked
bodies (as .eml files in the outbox, and through a real SMTP server), reminders, resending a failed
letter, a later deadline for one body, and the tracking page's figures."""
from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.mail.models import FAILED, SENT, MailMessage
from hoering.responses import invitations
from hoering.responses.models import INVITATION, REMINDER, InvitationLetter, InvitedBody, Mailing
from hoering.responses.services import BodyInput, save_body, set_picks
from tests.factories import make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import checked_page

LETTER = "/admin/hoeringer/digital-dialog/hoeringsbrev"
INVITATIONS = "/admin/hoeringer/digital-dialog/invitasjoner"
TOKEN_IN_LINK = re.compile(r"/hoeringer/digital-dialog/svar/([A-Za-z0-9_-]+)")


@pytest.fixture
def outbox(app) -> Path:
    """The folder the tests' e-mail goes to (tests/conftest.py sets no MAIL_SERVER)."""
    return Path(app.config["MAIL_OUTBOX"])


def letters_in(folder: Path) -> list:
    wait_for_threads()
    return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(folder.glob("*.eml"))]


def picked_bodies(consultation, *names: str) -> list[InvitedBody]:
    bodies = [save_body(None, BodyInput(name=name, email=f"post@{index}.example.no", category="kommune",
                                        organisation_number=""), None) for index, name in enumerate(names)]
    set_picks(consultation, set(), {body.id for body in bodies}, None)
    return list(db.session.scalars(sa.select(InvitedBody).order_by(InvitedBody.id)))


def letter_form(**changes) -> dict:
    return {"subject": "Høring: {høring}", "text": "Til {instans}\n\nSvar her: {svarlenke}\nFrist: {frist}",
            "reminder_subject": "Påminnelse: {høring}", "reminder_text": "Husk {frist}: {svarlenke}",
            "reminder_days": "5", **changes}


# Who may use the pages.

@pytest.mark.parametrize("url", [LETTER, INVITATIONS])
def test_only_the_consultations_planners_use_the_invitation_pages(app, client, auth, outbox, url):
    make_consultation()
    assert client.get(url).status_code == 302
    auth.login_as("moderator")
    assert client.get(url).status_code == 403
    auth.logout()
    auth.login_as("planner", email="annen@fjordvik.example.no")  # a planner, not of this consultation
    assert client.get(url).status_code in (200, 403)


# The letter.

def test_the_default_letter_is_previewed_for_the_first_picked_body(app, client, auth, outbox):
    consultation = make_consultation()
    picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    page = checked_page(client.get(LETTER))
    preview = page.select_one(".letter-preview").get_text(" ")
    assert "Til Ørsta kommune" in preview
    assert "Strategi for digital dialog med innbyggerne" in preview
    assert "/hoeringer/digital-dialog/svar/EKSEMPEL" in preview  # no token is made by looking
    assert db.session.scalar(sa.select(InvitedBody.token)) is None
    assert "E-post sendes ikke" in page.get_text()  # no MAIL_SERVER: staff are told


def test_a_saved_letter_is_used_and_logged(app, client, auth, outbox):
    make_consultation()
    auth.login_as("planner")
    response = client.post(LETTER, data=letter_form())
    assert response.status_code == 302
    letter = db.session.scalar(sa.select(InvitationLetter))
    assert (letter.subject, letter.reminder_days) == ("Høring: {høring}", 5)
    assert "Til Eksempel-instansen" in checked_page(client.get(LETTER)).select_one(".letter-preview").get_text()


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"text": "Til {instans}, uten lenke"}, "text", "{svarlenke}"),
    ({"text": "Til {navn}: {svarlenke}"}, "text", "{navn} er ikke en av plassholderne"),
    ({"subject": "Høring {x.__class__}"}, "subject", "er ikke en av plassholderne"),
    ({"reminder_text": "Husk fristen"}, "reminder_text", "{svarlenke}"),
    ({"reminder_days": "0"}, "reminder_days", "mellom 1 og 60"),
    ({"reminder_days": "mange"}, "reminder_days", ""),
    ({"subject": ""}, "subject", "Skriv emnet"),
])
def test_a_wrong_letter_is_refused_at_its_field_and_the_text_kept(app, client, auth, outbox, changes, field, words):
    make_consultation()
    auth.login_as("planner")
    response = client.post(LETTER, data=letter_form(**changes))
    assert response.status_code == 400
    page = checked_page(response)
    assert words in page.select_one(f".field-error #{field}").find_parent(class_="field-error").get_text()
    assert page.select_one("#text").get_text().lstrip("\r\n") == letter_form(**changes)["text"]
    assert db.session.scalar(sa.select(InvitationLetter)) is None


def test_placeholders_are_filled_without_interpreting_anything_else():
    from hoering.responses import letters

    values = letters.LetterValues("Ørsta {frist}", "Tittel", "1. mars", "https://x/svar/t", "https://x", "Kommune")
    filled = letters.fill("Til {instans} {ukjent} {frist} {0} {__class__}", values)
    assert filled == "Til Ørsta {frist} {ukjent} 1. mars {0} {__class__}"  # a value's braces stay as typed


# Sending.

def test_invitations_go_to_every_picked_body_with_a_personal_link_each(app, client, auth, outbox):
    consultation = make_consultation()
    picked_bodies(consultation, "Ørsta kommune", "Volda kommune")
    auth.login_as("planner")
    client.post(LETTER, data=letter_form())
    response = client.post(INVITATIONS, data={"action": "invite"})
    assert response.status_code == 302
    sent = letters_in(outbox)
    assert sorted(message["To"] for message in sent) == ["post@0.example.no", "post@1.example.no"]
    tokens = {TOKEN_IN_LINK.search(message.get_content()).group(1) for message in sent}
    assert len(tokens) == 2 and all(len(token) >= 43 for token in tokens)  # 256 bits, base64: 43 characters
    assert all(message["Subject"] == "Høring: Strategi for digital dialog med innbyggerne" for message in sent)
    rows = db.session.scalars(sa.select(InvitedBody)).all()
    assert {row.token for row in rows} == tokens and all(row.invited_at for row in rows)
    assert {message.status for message in db.session.scalars(sa.select(MailMessage))} == {SENT}

    again = client.post(INVITATIONS, data={"action": "invite"}, follow_redirects=True)
    assert "Ingen å sende til" in again.get_data(as_text=True)  # "every invited body not yet sent to"
    assert len(letters_in(outbox)) == 2


def test_the_tracking_page_shows_each_letter_and_the_figures(app, client, auth, outbox):
    consultation = make_consultation()
    picked_bodies(consultation, "Ørsta kommune", "Volda kommune")
    auth.login_as("planner")
    client.post(INVITATIONS, data={"action": "invite"})
    wait_for_threads()
    page = checked_page(client.get(INVITATIONS))
    total = [cell.get_text() for cell in page.select("tfoot td")]
    assert total[:3] == ["2", "2", "2"]  # picked, invited, sent
    assert total[-1] == "2"  # not answered
    assert len(page.select("tbody .badge-open")) == 2


def test_a_draft_or_closed_consultation_sends_nothing(app, client, auth, outbox):
    consultation = make_consultation(open_=False)
    picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    response = client.post(INVITATIONS, data={"action": "invite"})
    assert response.status_code == 400
    assert "Høringsfristen er ute" in checked_page(response).select_one(".error-summary").get_text()
    assert db.session.scalar(sa.select(sa.func.count(MailMessage.id))) == 0


def test_reminders_go_to_invited_bodies_that_have_not_answered(app, client, auth, outbox):
    consultation = make_consultation()
    ørsta, volda = picked_bodies(consultation, "Ørsta kommune", "Volda kommune")
    auth.login_as("planner")
    client.post(LETTER, data=letter_form())
    client.post(INVITATIONS, data={"action": "invite"})
    _answer(volda)
    client.post(INVITATIONS, data={"action": "remind"})
    reminders = [message for message in letters_in(outbox) if message["Subject"].startswith("Påminnelse")]
    assert [message["To"] for message in reminders] == ["post@0.example.no"]
    assert TOKEN_IN_LINK.search(reminders[0].get_content()).group(1) == db.session.get(InvitedBody, ørsta.id).token


def test_due_reminders_go_once_within_the_days_before_the_deadline(app, outbox):
    consultation = make_consultation(closes_at=utcnow() + timedelta(days=10))
    picked_bodies(consultation, "Ørsta kommune")
    with app.test_request_context():
        invitations.save_letter(consultation, invitations.LetterInput(**_letter_input(reminder_days=7)), None)
        invitations.send_invitations(consultation, None)
        assert invitations.due_reminders(None) == []  # ten days left: not yet
        _settle()
        consultation.closes_at = utcnow() + timedelta(days=6)
        db.session.commit()
        assert [sent.bodies for _, sent in invitations.due_reminders(None)] == [["Ørsta kommune"]]
        assert invitations.due_reminders(None) == []  # once
    kinds = db.session.scalars(sa.select(Mailing.kind).order_by(Mailing.id)).all()
    assert kinds == [INVITATION, REMINDER]


def test_a_failed_letter_shows_the_servers_words_and_can_be_sent_again(app, client, auth, outbox):
    consultation = make_consultation()
    ørsta, = picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    client.post(INVITATIONS, data={"action": "invite"})
    _settle()
    message = db.session.scalar(sa.select(MailMessage))
    message.status, message.error = FAILED, "550 5.1.1 <post@0.example.no>: Recipient address rejected"
    db.session.commit()
    page = checked_page(client.get(INVITATIONS))
    assert "550 5.1.1" in page.select_one(".invited-table tbody").get_text()
    assert [cell.get_text() for cell in page.select("tfoot td")][4] == "1"  # failed

    client.post(INVITATIONS, data={"action": "resend", "instans": str(ørsta.id)})
    assert len(letters_in(outbox)) == 2
    assert db.session.scalars(sa.select(Mailing.kind)).all() == [INVITATION, INVITATION]
    assert "badge-open" in str(checked_page(client.get(INVITATIONS)).select_one(".invited-table tbody"))


# One body.

def test_one_body_may_be_given_a_later_deadline_with_a_reason(app, client, auth, outbox):
    consultation = make_consultation()
    ørsta, = picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    url = f"{INVITATIONS}/{ørsta.id}"
    later = (consultation.closes_at + timedelta(days=14)).date().isoformat()
    refused = client.post(url, data={"deadline": later, "reason": ""})
    assert refused.status_code == 400 and "Skriv hvorfor" in checked_page(refused).get_text()
    too_early = client.post(url, data={"deadline": consultation.opens_at.date().isoformat(), "reason": "Ferie"})
    assert "etter høringsfristen" in checked_page(too_early).get_text()
    assert client.post(url, data={"deadline": later, "reason": "Styremøte først 3. mars"}).status_code == 302
    invited = db.session.get(InvitedBody, ørsta.id)
    assert invited.deadline.date().isoformat() == later and invited.deadline_reason == "Styremøte først 3. mars"
    client.post(INVITATIONS, data={"action": "invite"})
    letter = letters_in(outbox)[0].get_content()
    assert str(int(later[8:10])) + "." in letter  # the body's own deadline in its letter


def test_a_body_of_another_consultation_is_not_found(app, client, auth, outbox):
    make_consultation()
    other = make_consultation("annen-hoering")
    invited, = picked_bodies(other, "Ørsta kommune")
    auth.login_as("planner")
    assert client.get(f"{INVITATIONS}/{invited.id}").status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_hostile_names_and_letters_stay_text(app, client, auth, outbox, payload):
    consultation = make_consultation()
    picked_bodies(consultation, payload[:150])
    auth.login_as("planner")
    client.post(LETTER, data=letter_form(text=payload + " {svarlenke}", subject=payload[:200]))
    for url in (LETTER, INVITATIONS):
        assert_inert(client.get(url).get_data(as_text=True))


def _settle() -> None:
    """Let the sending thread finish, and end this session's read transaction: on SQLite a
    transaction that read before the thread wrote cannot write."""
    wait_for_threads()
    db.session.rollback()


def _letter_input(**changes) -> dict:
    form = letter_form(**{key: str(value) for key, value in changes.items()})
    return {**{key: form[key] for key in ("subject", "text", "reminder_subject", "reminder_text")},
            "reminder_days": int(form["reminder_days"])}


def _answer(invited: InvitedBody) -> None:
    from hoering.responses.models import FormalResponse

    _settle()
    db.session.add(FormalResponse(consultation_id=invited.consultation_id, invited_body_id=invited.id,
                                  reference=f"HS-{invited.id}", channel="link", body_name="x", category="kommune",
                                  contact_name="Kari", contact_email="kari@example.no", text="Svar"))
    db.session.commit()


def test_a_new_link_replaces_the_old_one_and_goes_out_with_the_latest_letter(app, client, auth, outbox):
    consultation = make_consultation()
    ørsta, = picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    client.post(INVITATIONS, data={"action": "invite"})
    _settle()
    old_token = db.session.get(InvitedBody, ørsta.id).token
    response = client.post(f"{INVITATIONS}/{ørsta.id}/ny-lenke")
    assert response.status_code == 302
    _settle()
    new_token = db.session.get(InvitedBody, ørsta.id).token
    assert new_token != old_token and len(new_token) >= 43
    letters = letters_in(outbox)
    assert [TOKEN_IN_LINK.search(letter.get_content()).group(1) for letter in letters] == [old_token, new_token]
    assert client.get(f"/hoeringer/digital-dialog/svar/{old_token}").status_code == 404
    assert client.get(f"/hoeringer/digital-dialog/svar/{new_token}").status_code == 200
    assert "consultation.renew_link" in db.session.scalars(sa.select(AuditEntry.action)).all()


def test_a_body_without_a_letter_gets_no_new_link(app, client, auth, outbox):
    consultation = make_consultation()
    ørsta, = picked_bodies(consultation, "Ørsta kommune")
    auth.login_as("planner")
    page = checked_page(client.get(f"{INVITATIONS}/{ørsta.id}"))
    assert not page.select("form[action$='/ny-lenke']")
    response = client.post(f"{INVITATIONS}/{ørsta.id}/ny-lenke", follow_redirects=True)
    assert "har ikke fått noe brev ennå" in response.get_data(as_text=True)
    assert db.session.get(InvitedBody, ørsta.id).token is None
