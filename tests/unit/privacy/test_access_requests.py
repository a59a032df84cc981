"""What an access request finds for an e-mail address, category by category, and what it never gives."""
from __future__ import annotations

import json
import secrets

import pytest
import sqlalchemy as sa

from hoering.audit import services as audit
from hoering.accounts.services import create_user
from hoering.audit.models import AuditEntry
from hoering.comments.models import HIDDEN
from hoering.extensions import db
from hoering.mail import sending
from hoering.notifications.models import CONSULTATION, Subscription
from hoering.privacy.access_requests import (
    AUDIT_ACTION,
    AddressRejected,
    address_digest,
    checked_address,
    collect,
    record_access_request,
)
from hoering.responses.models import AttachmentBlob, FormalResponse, ResponseAttachment, ResponseVersion
from hoering.responses.services import BodyInput, save_body, set_picks
from tests.factories import make_comment, make_consultation

KARI = "kari.nordmann@example.no"


def _response(consultation, email: str, reference: str = "HS-1") -> FormalResponse:
    response = FormalResponse(consultation_id=consultation.id, reference=reference, channel="form",
                              body_name="Fjordvik idrettslag", category="organisasjon", contact_name="Kari Nordmann",
                              contact_email=email, text="Idrettslaget støtter planen.")
    db.session.add(response)
    db.session.flush()
    version = ResponseVersion(response_id=response.id, contact_name="Kari Nordmann", contact_email=email,
                              text=response.text)
    db.session.add_all([version, AttachmentBlob(sha256="a" * 64, data=b"%PDF-1.7 hemmelige bytes")])
    db.session.flush()
    db.session.add(ResponseAttachment(response_id=response.id, version_id=version.id, name="vedlegg.pdf", kind="pdf",
                                      content_type="application/pdf", size=24, sha256="a" * 64))
    db.session.commit()
    return response


@pytest.fixture
def kari_everywhere(app):
    """Kari's address in every place hoering keeps one, written in mixed case where people type it."""
    consultation = make_consultation()
    comment = make_comment(consultation, "formal", email="Kari.Nordmann@Example.no", author_name="Kari Nordmann",
                           organisation="Fjordvik idrettslag", text="Kommentarfeltet bør være åpent i helgene.")
    db.session.add(Subscription(email=KARI, language="nb", kind=CONSULTATION, consultation_id=consultation.id,
                                token=secrets.token_hex(32)))
    db.session.commit()
    _response(consultation, "Kari.Nordmann@example.no")
    body = save_body(None, BodyInput(name="Kari Nordmann ENK", organisation_number="", email=KARI,
                                     category="naeringsliv"), None)
    set_picks(consultation, set(), {body.id}, None)
    create_user(KARI, "Kari Nordmann", "et langt nok passord", ["caseworker"])
    sending.queue(KARI, "Kvittering for innspillet ditt", "Lenke: https://hoering.test/innspill/hemmelig", "receipt")
    db.session.commit()
    return {"consultation": consultation, "comment": comment}


def test_every_category_is_found_whatever_the_case_and_spaces(kari_everywhere, tmp_path):
    (tmp_path / "20250101T000000Z-1@hoering.eml").write_bytes(
        b"To: Kari.Nordmann@EXAMPLE.no\r\nSubject: Bekreft at du vil f\xc3\xb8lge\r\n\r\nhemmelig lenke\r\n")

    report = collect("  KARI.Nordmann@example.NO ", tmp_path)

    assert report.address == KARI
    counts = report.counts()
    for category in ("comments", "subscriptions", "formal_responses", "invitations", "staff_account", "mail",
                     "outbox_files", "audit_entries"):
        assert counts[category] >= 1, category
    comment = report.comments[0]
    assert comment["text"] == "Kommentarfeltet bør være åpent i helgene."
    assert comment["organisation"] == "Fjordvik idrettslag"
    assert comment["consultation"]["slug"] == "digital-dialog"
    assert comment["status"] == "published" and comment["agreements"] == 0
    assert report.subscriptions[0]["follows"] == CONSULTATION
    response = report.formal_responses[0]
    assert response["body"] == "Fjordvik idrettslag" and response["contact_now"] is True
    assert response["attachments"] == [{"name": "vedlegg.pdf", "content_type": "application/pdf", "size": 24,
                                        "pages": None}]
    assert report.invitations[0]["invited_to"][0]["consultation"]["slug"] == "digital-dialog"
    assert report.staff_account[0]["roles"] == ["caseworker"]
    assert report.mail[0]["purpose"] == "receipt"
    assert report.outbox_files[0]["file"] == "20250101T000000Z-1@hoering.eml"
    assert {"user.create", "body.add"} <= {entry["action"] for entry in report.audit_entries}


def test_secrets_and_bytes_are_never_included(kari_everywhere, tmp_path):
    exported = collect(KARI, tmp_path).as_json()

    user_row = db.session.execute(sa.text("SELECT password_hash, session_token FROM staff_user")).one()
    subscription_token = db.session.scalar(sa.select(Subscription.token))
    for secret in (*user_row, subscription_token, "hemmelig", "password", "token"):
        assert secret not in exported
    data = json.loads(exported)  # valid JSON, letters as they are
    assert "Kommentarfeltet bør være åpent" in exported
    assert set(data["counts"]) == {"comments", "subscriptions", "formal_responses", "invitations", "staff_account",
                                   "mail", "outbox_files", "audit_entries", "mentions"}


def test_held_hidden_and_withdrawn_comments_are_included_with_their_status(app):
    consultation = make_consultation()
    comment = make_comment(consultation, email=KARI)
    comment.status, comment.moderation_note = HIDDEN, "Bryter retningslinjene"
    db.session.commit()

    [found] = collect(KARI).comments

    assert found["status"] == HIDDEN and found["moderation_note"] == "Bryter retningslinjene"


def test_an_unknown_address_finds_nothing(kari_everywhere, tmp_path):
    report = collect("ola.nordmann@example.no", tmp_path)

    assert report.total == 0
    assert set(report.counts().values()) == {0}


def test_only_the_persons_own_comments_in_a_shared_thread(app):
    consultation = make_consultation()
    first = make_comment(consultation, email="ola@example.no", author_name="Ola Nordmann",
                         text="Åpne kommentarfeltet i helgene.")
    reply = make_comment(consultation, email=KARI, author_name="Kari Nordmann", parent_id=first.id,
                         text="Enig, særlig om vinteren.")
    make_comment(consultation, email="ola@example.no", author_name="Ola Nordmann", parent_id=reply.id,
                 text="Takk for støtten.")

    report = collect(KARI)

    assert [c["id"] for c in report.comments] == [reply.id]
    assert report.comments[0]["reply_to"] == first.id
    exported = report.as_json()
    assert "Ola" not in exported and "ola@example.no" not in exported and "Takk for støtten" not in exported


def test_a_response_with_another_contact_now_gives_only_the_versions_sent_under_the_address(app):
    consultation = make_consultation()
    response = _response(consultation, KARI)
    response.contact_email, response.contact_name = "per@example.no", "Per Hansen"
    db.session.add(ResponseVersion(response_id=response.id, contact_name="Per Hansen", contact_email="per@example.no",
                                   text="Ny tekst fra Per."))
    db.session.commit()

    [found] = collect(KARI).formal_responses

    assert found["contact_now"] is False
    assert [v["contact_email"] for v in found["versions_with_this_contact"]] == [KARI]


def test_audit_entries_say_where_the_address_is_named_without_copying_the_details(app):
    audit.record(None, "comment.redact", "comment", 7, before={"text": "Ring meg, skriv til KARI.nordmann@example.no"},
                 after={"text": "Ring meg, skriv til [fjernet]"})
    audit.record(None, "topic.create", "topic", 1, after={"name": "Skole"})
    db.session.commit()

    [entry] = collect(KARI).audit_entries

    assert entry["action"] == "comment.redact" and entry["named_in"] == ["before.text"]
    assert "text" not in entry and "before" not in entry


def test_an_address_only_written_in_someone_elses_comment_is_pointed_to(app):
    consultation = make_consultation()
    other = make_comment(consultation, email="ola@example.no", author_name="Ola Nordmann",
                         text="Kontakt Kari på kari.nordmann@example.no om dette.")

    report = collect(KARI)

    assert report.comments == []
    assert report.mentions == [{"kind": "comment", "id": other.id, "status": other.status,
                                "consultation": {"slug": "digital-dialog",
                                                 "title": "Strategi for digital dialog med innbyggerne"}}]
    assert "Ola" not in report.as_json()


@pytest.mark.parametrize("text", ["", "   ", "kari", "kari@", "ikke en adresse@", "a" * 250 + "@example.no"])
def test_what_is_not_an_address_is_rejected(app, text):
    with pytest.raises(AddressRejected) as rejected:
        checked_address(text)
    assert rejected.value.field == "email"


def test_the_audit_entry_of_a_request_holds_no_address(kari_everywhere):
    report = collect(KARI)

    entry = record_access_request(None, report, "hemmelig-nøkkel", "command")

    stored = db.session.get(AuditEntry, entry.id)
    assert stored.action == AUDIT_ACTION
    assert stored.after["rows"] == report.total
    assert stored.after["address_hmac"] == address_digest("Kari.Nordmann@Example.no ", "hemmelig-nøkkel")
    assert "kari" not in json.dumps([stored.target_id, stored.before, stored.after]).lower()
