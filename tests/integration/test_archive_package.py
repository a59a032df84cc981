"""The archive package of a consultation (`flask responses archive <slug> OUT.zip` and the staff
download): every response (held ones too) with its attachments, the published comments, the
signed-off summary and the memo, metadata as JSON and CSV with Noark 5 names, and a SHA-256 of every
file that matches what is in the ZIP."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import PurePosixPath

import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.background import wait_for_threads
from hoering.extensions import db
from hoering.responses.archive import FIELDS
from hoering.responses.models import HELD, FormalResponse, ResponseAttachment
from hoering.responses.services import BodyInput
from tests.factories import ORSTA, invite_bodies, make_comment, make_consultation, make_summary_version
from tests.fixtures.documents import pdf_bytes
from tests.fixtures.xss import PAYLOADS

SLUG = "digital-dialog"
DOWNLOAD = f"/admin/hoeringer/{SLUG}/arkiv.zip"
IDENTITY_NUMBER = "01010112345"
LETTER, TABLES = pdf_bytes("Brev fra Ørsta kommune"), pdf_bytes("Tabeller", pages=2)
HELD_FILE = pdf_bytes("Vedlegg fra velforeningen")
HOSTILE_NAMES = ["../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/absolutt.pdf", "..", *PAYLOADS[:4]]
FOLDERS = {"arkiv", "hoeringssvar", "innspill", "oppsummering.json", "hoeringsnotat.docx", "sjekksummer.sha256"}


def answer(client, invited, files=(), **fields) -> None:
    data = {"contact_name": "Kari Nordmann", "contact_email": "kari@orsta.example.no",
            "text": "Kommunen støtter forslaget.", **fields,
            "attachments": [(io.BytesIO(content), name) for name, content in files]}
    assert client.post(f"/hoeringer/{SLUG}/svar/{invited.token}", data=data,
                       content_type="multipart/form-data").status_code == 302
    wait_for_threads()
    db.session.rollback()


@pytest.fixture
def consultation(app, client):
    consultation = make_consultation()
    for text in ("Jeg støtter forslaget.", "Husk de som ikke bruker nett."):
        make_comment(consultation, text=text)
    orsta, sentret, vel = invite_bodies(
        app, consultation, ORSTA,
        BodyInput(name="Ungdomsrådet", email="ungdom@fjordvik.example.no", category="annet"),
        BodyInput(name="Ørnevågen vel", email="vel@example.no", category="organisasjon"))
    answer(client, orsta, [("brev.pdf", LETTER), ("tabeller.pdf", TABLES)])
    answer(client, sentret, no_comments="y", text="", contact_email="ungdom@fjordvik.example.no")
    answer(client, vel, [("vedlegg.pdf", HELD_FILE)] * len(HOSTILE_NAMES),
           text=f"Kontakt meg, fødselsnummer {IDENTITY_NUMBER}.", contact_email="vel@example.no")
    assert client.post(f"/hoeringer/{SLUG}/hoeringssvar/ny", data={
        "answering_as": "privatperson", "publish_name": "nei", "contact_name": "Ola Nordmann",
        "contact_email": "ola@example.no", "text": "Jeg er imot forslaget."}).status_code == 302
    wait_for_threads()
    db.session.rollback()
    _name_attachments_as_an_attacker_would()
    make_summary_version(consultation)
    return consultation


def _name_attachments_as_an_attacker_would() -> None:
    """Names the upload's cleaning would never let through: the package must not trust it."""
    held = db.session.scalar(sa.select(FormalResponse).where(FormalResponse.status == HELD))
    for attachment, name in zip(held.attachments, HOSTILE_NAMES):
        db.session.execute(sa.update(ResponseAttachment).where(ResponseAttachment.id == attachment.id)
                           .values(name=name))
    db.session.commit()


def run_archive(app, *args: str):
    return app.test_cli_runner().invoke(args=["responses", "archive", *args])


def opened(data: bytes) -> zipfile.ZipFile:
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.testzip() is None
    return package


def metadata(package: zipfile.ZipFile) -> dict:
    return json.loads(package.read("arkiv/metadata.json"))


def documents_of(package: zipfile.ZipFile, reference: str) -> list[dict]:
    return [entry for entry in metadata(package)["dokumenter"] if entry["referanse"] == reference]


def assert_consistent(package: zipfile.ZipFile) -> None:
    """Every file is listed in sjekksummer.sha256 with its SHA-256, every document in both metadata
    files with its checksum and size, and no path leaves the package's folders."""
    names = package.namelist()
    assert len(names) == len(set(names))
    for name in names:
        path = PurePosixPath(name)
        assert not path.is_absolute() and ".." not in path.parts and "\\" not in name, name
        assert path.parts[0] in FOLDERS, name
    lines = package.read("sjekksummer.sha256").decode().splitlines()
    checksums = {line[66:]: line[:64] for line in lines}
    assert all(line[64:66] == "  " for line in lines)
    assert set(checksums) == set(names) - {"sjekksummer.sha256"}
    for name, digest in checksums.items():
        assert hashlib.sha256(package.read(name)).hexdigest() == digest, name
    documents = metadata(package)["dokumenter"]
    for entry in documents:
        data = package.read(entry["referanseDokumentfil"])
        assert (entry["sjekksum"], entry["filstoerrelse"], entry["sjekksumAlgoritme"]) == (
            hashlib.sha256(data).hexdigest(), len(data), "SHA-256")
    text = package.read("arkiv/metadata.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == FIELDS
    assert [(row["referanseDokumentfil"], row["sjekksum"]) for row in rows] == [
        (entry["referanseDokumentfil"], entry["sjekksum"]) for entry in documents]


def test_the_command_writes_every_response_attachment_and_document(app, consultation, tmp_path):
    out = tmp_path / "arkiv.zip"
    result = run_archive(app, SLUG, str(out))
    assert result.exit_code == 0, result.output
    assert "4 response(s)" in result.output and "sha256sum -c sjekksummer.sha256" in result.output
    package = opened(out.read_bytes())
    assert_consistent(package)

    responses = db.session.scalars(sa.select(FormalResponse).order_by(FormalResponse.id)).all()
    orsta, youth, held, person = responses
    assert held.status == HELD
    for response in responses:
        assert f"hoeringssvar/{response.reference}/svar.txt" in package.namelist()
    letter, tables = (entry for entry in documents_of(package, orsta.reference) if entry["dokumenttype"] == "vedlegg")
    assert package.read(letter["referanseDokumentfil"]) == LETTER
    assert package.read(tables["referanseDokumentfil"]) == TABLES
    assert (letter["filnavn"], letter["mimeType"], letter["tilknyttetRegistreringSom"]) == (
        "brev.pdf", "application/pdf", "Vedlegg")

    main, = (entry for entry in documents_of(package, orsta.reference) if entry["dokumenttype"] == "høringssvar")
    assert main["tittel"] == f"Høringssvar fra Ørsta kommune – {consultation.title}"
    assert main["dokumentetsDato"][:4].isdigit() and main["mottattDato"].startswith(main["dokumentetsDato"])
    assert main["korrespondansepart"] == {
        "korrespondanseparttype": "Avsender", "korrespondansepartNavn": "Ørsta kommune",
        "organisasjonsnummer": "964978557", "kategori": "kommune", "kontaktperson": "Kari Nordmann",
        "epostadresse": "kari@orsta.example.no"}
    assert (main["journalposttype"], main["status"], main["publisert"]) == ("Inngående dokument", "publisert", True)
    text = package.read(main["referanseDokumentfil"]).decode()
    assert orsta.reference in text and "Kommunen støtter forslaget." in text and "brev.pdf" in text

    youth_text = package.read(f"hoeringssvar/{youth.reference}/svar.txt").decode()
    assert "Vi har ingen merknader." in youth_text
    held_entry = documents_of(package, held.reference)[0]
    assert (held_entry["status"], held_entry["publisert"]) == ("holdt tilbake", False)
    assert IDENTITY_NUMBER in package.read(f"hoeringssvar/{held.reference}/svar.txt").decode()
    person_entry = documents_of(package, person.reference)[0]
    assert person_entry["korrespondansepart"]["korrespondansepartNavn"] == "Ola Nordmann"
    assert person_entry["navnPublisert"] is False and "Privatperson" in person_entry["offentligTittel"]

    described = metadata(package)
    assert described["hoering"]["kortnavn"] == SLUG and described["pakke"]["medEpostadresser"] is True
    assert {entry["dokumenttype"] for entry in described["dokumenter"]} == {
        "høringssvar", "vedlegg", "innspill", "oppsummering", "høringsnotat"}
    comments = csv.DictReader(io.StringIO(package.read("innspill/innspill.csv").decode("utf-8-sig")))
    assert sorted(row["Tekst"] for row in comments) == ["Husk de som ikke bruker nett.", "Jeg støtter forslaget."]
    assert json.loads(package.read("oppsummering.json"))["versjon"] == 1
    memo = zipfile.ZipFile(io.BytesIO(package.read("hoeringsnotat.docx")))
    assert consultation.title in memo.read("word/document.xml").decode()


def test_hostile_attachment_names_stay_in_their_folder_and_apart(app, consultation, tmp_path):
    out = tmp_path / "arkiv.zip"
    assert run_archive(app, SLUG, str(out)).exit_code == 0
    package = opened(out.read_bytes())
    held = db.session.scalar(sa.select(FormalResponse).where(FormalResponse.status == HELD))
    folder = f"hoeringssvar/{held.reference}/vedlegg/"
    paths = [entry["referanseDokumentfil"] for entry in documents_of(package, held.reference)
             if entry["dokumenttype"] == "vedlegg"]
    assert len(paths) == len(set(paths)) == len(HOSTILE_NAMES)
    assert all(path.startswith(folder) and "/" not in path[len(folder):] and path.endswith(".pdf") for path in paths)
    assert f"{folder}passwd.pdf" in paths and f"{folder}win.ini.pdf" in paths
    assert all(package.read(path) == HELD_FILE for path in paths)
    assert {entry["filnavn"] for entry in documents_of(package, held.reference)} >= set(HOSTILE_NAMES)


def test_an_unknown_slug_or_folder_is_refused_and_an_existing_file_replaced(app, consultation, tmp_path):
    out = tmp_path / "ut" / "arkiv.zip"
    result = run_archive(app, "finnes-ikke", str(out))
    assert result.exit_code != 0 and "No consultation with the slug 'finnes-ikke'" in result.output
    result = run_archive(app, SLUG, str(out))
    assert result.exit_code != 0 and f"No folder {out.parent}" in result.output

    out.parent.mkdir()
    out.write_bytes(b"gammel fil")
    result = run_archive(app, SLUG, str(out))
    assert result.exit_code == 0 and "exists: it will be replaced" in result.output
    assert_consistent(opened(out.read_bytes()))
    assert list(out.parent.iterdir()) == [out]  # no partial file left behind
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "consultation.archive"))
    assert entry.actor_id is None and entry.after["email"] is True


def test_staff_download_is_the_same_package_with_addresses_for_those_who_see_them(
        app, client, auth, consultation):
    auth.login_as("caseworker")
    response = client.get(DOWNLOAD)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"arkiv-{SLUG}-" in disposition and ".zip" in disposition
    package = opened(response.get_data())
    assert_consistent(package)
    assert "kari@orsta.example.no" in package.read("arkiv/metadata.json").decode()

    auth.logout()
    auth.login_as("planner")
    package = opened(client.get(DOWNLOAD).get_data())
    assert_consistent(package)
    assert metadata(package)["pakke"]["medEpostadresser"] is False
    for name in package.namelist():
        content = package.read(name)
        assert b"kari@orsta.example.no" not in content and b"ola@example.no" not in content, name
    actions = db.session.scalars(sa.select(AuditEntry.after).where(AuditEntry.action == "consultation.archive")).all()
    assert [after["email"] for after in actions] == [True, False]


def test_only_those_who_may_export_take_the_package_out(app, client, auth, consultation):
    owner = auth.user("planner", email="eier@fjordvik.example.no")
    consultation.owner_id = owner.id
    db.session.commit()
    auth.login_as("planner")
    assert client.get(DOWNLOAD).status_code == 403
    auth.logout()
    auth.login_as("moderator")
    assert client.get(DOWNLOAD).status_code == 403
    auth.logout()
    auth.login_as("caseworker")
    assert client.get("/admin/hoeringer/finnes-ikke/arkiv.zip").status_code == 404
