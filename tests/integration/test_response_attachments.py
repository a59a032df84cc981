"""Attachments through the response form: stored and listed with name, type, size and SHA-256 (in the
receipt, the public list and the API), always served as downloads, refused with the text kept when a
file is bad, read by the personal-data guard, and taken out of a changed answer when the body says so."""
from __future__ import annotations

import hashlib
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import sqlalchemy as sa

from hoering.extensions import db
from hoering.responses.models import HELD, AttachmentBlob, FormalResponse, InvitedBody, ResponseAttachment
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.fixtures.documents import docx_bytes, odt_bytes, pdf_bytes
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.pages import checked_page, field_error
from tests.uploads import post_files

LIST = "/hoeringer/digital-dialog/hoeringssvar"
TEXT = "Kommunen støtter forslaget; se vedlagt brev."
IDENTITY_NUMBER = "01010112345"


@pytest.fixture
def invited(app) -> InvitedBody:
    return invite_bodies(app, make_consultation(), ORSTA)[0]


def send(client, invited: InvitedBody, files: list[tuple[str, bytes]], **fields):
    data = {"contact_name": "Kari Nordmann", "contact_email": "kari@orsta.example.no", "text": TEXT, **fields}
    return post_files(client, f"/hoeringer/digital-dialog/svar/{invited.token}", data, files)


def receipt(app):
    folder = Path(app.config["MAIL_OUTBOX"])
    messages = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(folder.glob("*.eml"))]
    return [message for message in messages if "Kvittering" in message["Subject"]][-1]


def test_a_pdf_and_a_word_file_are_stored_and_listed_everywhere(app, client, invited):
    letter, appendix = pdf_bytes("Brev fra Ørsta kommune"), docx_bytes(["Vedlegg med tall"])
    assert send(client, invited, [("brev.pdf", letter), ("Vedlegg 1.docx", appendix)]).status_code == 302
    attachments = db.session.scalars(sa.select(ResponseAttachment).order_by(ResponseAttachment.id)).all()
    assert [(a.name, a.kind, a.size) for a in attachments] == [
        ("brev.pdf", "pdf", len(letter)), ("Vedlegg 1.docx", "docx", len(appendix))]
    assert attachments[0].sha256 == hashlib.sha256(letter).hexdigest()
    assert "Brev fra Ørsta kommune" in attachments[0].text  # extracted for the guard and the analysis

    content = receipt(app).get_content()
    assert f"brev.pdf ({len(letter):,} byte)".replace(",", "\xa0") in content
    assert hashlib.sha256(appendix).hexdigest() in content

    page = checked_page(client.get(LIST))
    links = page.select(".attachment-list a")
    assert [link.get_text() for link in links] == ["brev.pdf", "Vedlegg 1.docx"]
    api = client.get("/api/v1/consultations/digital-dialog/responses").get_json()["responses"][0]["attachments"]
    assert [(a["name"], a["content_type"], a["size"], a["sha256"]) for a in api] == [
        (a.name, a.content_type, a.size, a.sha256) for a in attachments]
    assert api[0]["url"].endswith(links[0]["href"])


def test_an_attachment_is_always_a_download(app, client, invited):
    send(client, invited, [("brev.pdf", pdf_bytes("Brev"))])
    link = checked_page(client.get(LIST)).select_one(".attachment-list a")["href"]
    download = client.get(link)
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_a_name_with_norwegian_letters_is_kept_in_the_download(app, client, invited):
    send(client, invited, [("Høringssvar Ørsta.pdf", pdf_bytes("Brev"))])
    link = checked_page(client.get(LIST)).select_one(".attachment-list a")["href"]
    disposition = client.get(link).headers["Content-Disposition"]
    assert "filename*=UTF-8''H%C3%B8ringssvar%20%C3%98rsta.pdf" in disposition


def test_only_text_may_be_left_out_when_a_file_says_it_all(app, client, invited):
    assert send(client, invited, [("brev.pdf", pdf_bytes("Hele svaret"))], text="").status_code == 302
    assert db.session.scalar(sa.select(FormalResponse.text)) == ""


@pytest.mark.parametrize(("name", "content", "words"), [
    ("svar.pdf", b"MZ\x90\x00 this is a program", "ikke en PDF"),
    ("svar.pdf", b"<html><script>alert(1)</script></html>", "ikke en PDF"),
    ("svar.pdf", pdf_bytes("Hemmelig", user_password="hemmelig"), "kryptert"),
    ("svar.pdf", b"%PDF-1.7\n garbage", "skadet"),
    ("tom.pdf", b"", "tom"),
])
def test_a_bad_file_is_refused_with_the_text_kept(app, client, invited, name, content, words):
    response = send(client, invited, [(name, content)])
    assert response.status_code == 400
    page = checked_page(response)
    error = field_error(page, "attachments")
    assert words in error and "Teksten du skrev er tatt vare på" in error
    assert page.select_one("#text").get_text().lstrip("\r\n") == TEXT
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(AttachmentBlob.sha256))) == 0


def test_more_than_ten_files_are_refused(app, client, invited):
    files = [(f"vedlegg-{n}.pdf", pdf_bytes(f"Vedlegg {n}")) for n in range(11)]
    response = send(client, invited, files)
    assert response.status_code == 400 and "høyst 10 filer" in response.get_data(as_text=True)


def test_no_comments_with_files_is_a_contradiction(app, client, invited):
    response = send(client, invited, [("brev.pdf", pdf_bytes("Brev"))], text="", no_comments="y")
    assert response.status_code == 400 and "lagt ved filer" in response.get_data(as_text=True)


def test_personal_data_in_an_attachment_holds_the_response_back(app, client, invited):
    send(client, invited, [("brev.odt", odt_bytes(paragraphs=[f"Saksbehandler: {IDENTITY_NUMBER}"]))])
    response = db.session.scalar(sa.select(FormalResponse))
    assert response.status == HELD
    assert checked_page(client.get(LIST)).select(".response-item") == []
    attachment = db.session.scalar(sa.select(ResponseAttachment))
    public = f"{LIST}/{response.id}/vedlegg/{attachment.id}"
    assert client.get(public).status_code == 404  # not while it is held
    own = f"/hoeringer/digital-dialog/svar/{invited.token}/vedlegg/{attachment.id}"
    assert client.get(own).status_code == 200  # the body still reaches its own file


def test_a_changed_answer_may_leave_an_attachment_out_and_add_another(app, client, invited):
    send(client, invited, [("første.pdf", pdf_bytes("Første")), ("andre.pdf", pdf_bytes("Andre"))])
    first, second = db.session.scalars(sa.select(ResponseAttachment).order_by(ResponseAttachment.id)).all()
    page = checked_page(client.get(f"/hoeringer/digital-dialog/svar/{invited.token}"))
    assert len(page.select("input[name=behold][checked]")) == 2
    send(client, invited, [("tredje.docx", docx_bytes(["Tredje"]))], behold=str(second.id))
    response = db.session.scalar(sa.select(FormalResponse))
    assert [a.name for a in response.attachments] == ["andre.pdf", "tredje.docx"]
    assert db.session.get(ResponseAttachment, first.id).removed_version_id is not None  # the history keeps it
    assert client.get(f"{LIST}/{response.id}/vedlegg/{first.id}").status_code == 404
    assert "første.pdf" not in receipt(app).get_content()


def test_the_same_file_twice_is_stored_once(app, client, invited):
    same = pdf_bytes("Samme")
    send(client, invited, [("a.pdf", same), ("b.pdf", same)])
    assert db.session.scalar(sa.select(sa.func.count(AttachmentBlob.sha256))) == 1
    assert db.session.scalar(sa.select(sa.func.count(ResponseAttachment.id))) == 2


def test_staff_see_that_uploads_are_not_scanned_without_clamav(app, client, auth, invited):
    send(client, invited, [("brev.pdf", pdf_bytes("Brev"))])
    auth.login_as("moderator")
    page = checked_page(client.get("/admin/hoeringer/digital-dialog/hoeringssvar"))
    assert "blir ikke virussjekket" in page.get_text()
    link = page.select_one(".attachment-list a")["href"]
    assert client.get(link).headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_file_names_stay_text(app, client, auth, invited, payload):
    send(client, invited, [(payload[:140] + ".pdf", pdf_bytes("Brev"))])
    for url in (LIST, f"/hoeringer/digital-dialog/svar/{invited.token}"):
        assert_inert(client.get(url).get_data(as_text=True))
    auth.login_as("moderator")
    assert_inert(client.get("/admin/hoeringer/digital-dialog/hoeringssvar").get_data(as_text=True))
