"""The archive package of a consultation (arkivpakke): every formal response with its attachments, the
published comments, the signed-off summary and the memo, in one ZIP file with metadata the records
office can import into the municipality's archive system.

This builds the package only: a consultation in, a ZIP written to a binary file out. How it is
delivered (``flask responses archive``, the staff download, later direct filing through Fiks Arkiv)
is up to the caller. Layout (paths inside the ZIP)::

    arkiv/metadata.json              the consultation and one entry per document file (below)
    arkiv/metadata.csv               the same entries, one row per file (UTF-8 with BOM, comma-separated)
    hoeringssvar/<referanse>/svar.txt             the response as it stands, with a header of who and when
    hoeringssvar/<referanse>/versjoner/svar-versjon-<n>.txt   each earlier version, when it was changed
    hoeringssvar/<referanse>/vedlegg/<navn>       each current attachment, its bytes as received
    innspill/innspill.csv            the published comments (the staff export's columns, with e-mail)
    oppsummering.json                the newest signed-off summary, when there is one
    hoeringsnotat.docx               the memo (høringsnotat), as the exports page makes it
    sjekksummer.sha256               SHA-256 of every other file, in ``sha256sum`` format

Metadata names follow Noark 5's metadata catalogue where one fits (tittel, offentligTittel,
dokumentetsDato, mottattDato, dokumenttype, tilknyttetRegistreringSom, journalposttype,
korrespondansepart with korrespondanseparttype, korrespondansepartNavn, organisasjonsnummer,
kontaktperson and epostadresse, referanseDokumentfil, sjekksum, sjekksumAlgoritme, filstoerrelse);
the rest (referanse, status, publisert, ...) are this system's own and are described in the README.

Held and hidden responses are in the package with their status: the archive is the record, the
public list is not. Private persons' names are kept. Contact and commenters' e-mail addresses are
included when ``with_email`` (the command line; staff who see e-mail addresses), as the exports are.

Memory stays flat: files are written into the ZIP one at a time, attachments read one at a time,
the comments a batch at a time, and the memo through a temporary file.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED as COMMENT_PUBLISHED
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.exports.comments import columns as comment_columns
from hoering.exports.comments import comment_rows, header as comment_header
from hoering.exports.memo import DOCX_MIMETYPE, write_memo
from hoering.exports.memo_data import appendix_entries, memo_for
from hoering.exports.writers import csv_chunks
from hoering.extensions import db
from hoering.responses.attaching import data_of
from hoering.responses.models import (
    CHANNEL_EMAIL,
    CHANNEL_FORM,
    CHANNEL_LINK,
    CHANNEL_MEETING,
    CHANNEL_POST,
    HELD,
    HIDDEN,
    PUBLISHED,
    FormalResponse,
    ResponseAttachment,
    ResponseVersion,
)
from hoering.summaries.services import published_summary

FORMAT_NAME = "hoering-arkivpakke"
FORMAT_VERSION = 1
LANGUAGE = "nb"  # the records office's: the memo and the comments' headers are written in bokmål
CHECKSUM_ALGORITHM = "SHA-256"
CHECKSUMS = "sjekksummer.sha256"
METADATA_JSON = "arkiv/metadata.json"
METADATA_CSV = "arkiv/metadata.csv"
COMMENTS = "innspill/innspill.csv"
SUMMARY = "oppsummering.json"
MEMO = "hoeringsnotat.docx"
RESPONSES = "hoeringssvar"
COPY_CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 150

# dokumenttype (Noark 5 M083: the organisation's own values)
RESPONSE_DOCUMENT = "høringssvar"
ATTACHMENT_DOCUMENT = "vedlegg"
COMMENTS_DOCUMENT = "innspill"
SUMMARY_DOCUMENT = "oppsummering"
MEMO_DOCUMENT = "høringsnotat"

STATUS_WORDS = {PUBLISHED: "publisert", HELD: "holdt tilbake", HIDDEN: "skjult"}
CHANNEL_WORDS = {CHANNEL_LINK: "personlig lenke", CHANNEL_FORM: "åpent skjema", CHANNEL_POST: "post",
                 CHANNEL_EMAIL: "e-post", CHANNEL_MEETING: "møte"}

# One row of arkiv/metadata.csv per document file, in this order; metadata.json has the same fields,
# with the correspondence party's gathered under "korrespondansepart".
PARTY_FIELDS = ("korrespondanseparttype", "korrespondansepartNavn", "organisasjonsnummer", "kategori",
                "kontaktperson", "epostadresse")
FIELDS = (
    "referanseDokumentfil", "dokumenttype", "tilknyttetRegistreringSom", "tittel", "offentligTittel",
    "dokumentetsDato", "mottattDato", "journalposttype", "referanse", *PARTY_FIELDS,
    "status", "publisert", "navnPublisert", "ingenMerknader", "etterFristen", "kanal", "versjonsnummer",
    "filnavn", "mimeType", "filstoerrelse", "sjekksum", "sjekksumAlgoritme",
)


@dataclass
class Package:
    """What was written: the document entries (as in metadata.json) and every file's checksum."""

    documents: list[dict] = field(default_factory=list)
    checksums: dict[str, str] = field(default_factory=dict)  # path in the ZIP: SHA-256

    @property
    def responses(self) -> int:
        return len({entry["referanse"] for entry in self.documents if entry["referanse"]})


def write_archive(consultation: Consultation, target, *, with_email: bool = True) -> Package:
    """Write the consultation's archive package as a ZIP to ``target`` (a path or a binary file)."""
    package = Package()
    with force_locale(LANGUAGE), zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive, package)
        for response in _responses(consultation):
            _write_response(writer, consultation, response, with_email)
        _write_comments(writer, consultation, with_email)
        _write_summary(writer, consultation)
        _write_memo(writer, consultation)
        _write_metadata(writer, consultation, with_email)
        writer.write_bytes(CHECKSUMS, _checksum_lines(package.checksums).encode())
    return package


def archive_file(consultation: Consultation, *, with_email: bool):
    """(a temporary file holding the package, at its start; the Package): for a download, which sends
    the file and closes it, so that it is deleted."""
    file = tempfile.TemporaryFile()
    try:
        package = write_archive(consultation, file, with_email=with_email)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file, package


def record_archive(actor, consultation: Consultation, package: Package, with_email: bool) -> None:
    """Log who took the archive package out, and whether it held e-mail addresses; commits."""
    begin_write()
    audit.record(actor, "consultation.archive", "consultation", consultation.id,
                 after={"email": with_email, "responses": package.responses, "files": len(package.checksums)})
    db.session.commit()


def download_name(consultation: Consultation) -> str:
    return f"arkiv-{consultation.slug}-{_local(utcnow()).date().isoformat()}.zip"


class _Writer:
    """Writes files into the ZIP, hashing them as they go, under names unique in the package."""

    def __init__(self, archive: zipfile.ZipFile, package: Package):
        self.archive, self.package = archive, package
        self.moment = _local(utcnow()).timetuple()[:6]
        self.taken: set[str] = set()  # casefolded: "Brev.pdf" and "brev.pdf" are one file on Windows and macOS

    def unique(self, folder: str, name: str) -> str:
        """``folder/name``, or ``folder/name (2).ext`` and so on when that path is taken (in any case)."""
        stem, dot, extension = name.rpartition(".") if "." in name.strip(".") else (name, "", "")
        path, n = f"{folder}/{name}", 1
        while path.casefold() in self.taken:
            n += 1
            path = f"{folder}/{stem} ({n}){dot}{extension}"
        return path

    def write_bytes(self, path: str, data: bytes, compress: bool = True) -> tuple[str, int]:
        return self.write_chunks(path, [data], compress)

    def write_chunks(self, path: str, chunks: Iterable[bytes], compress: bool = True) -> tuple[str, int]:
        """Write the chunks as one file; returns its SHA-256 and size."""
        info = zipfile.ZipInfo(path, date_time=self.moment)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        digest, size = hashlib.sha256(), 0
        with self.archive.open(info, "w", force_zip64=True) as stream:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                stream.write(chunk)
        self.package.checksums[path] = digest.hexdigest()
        self.taken.add(path.casefold())
        return digest.hexdigest(), size

    def add_document(self, path: str, chunks: Iterable[bytes], entry: dict, mime_type: str,
                     compress: bool = True) -> None:
        """Write a document file and its metadata entry."""
        sha256, size = self.write_chunks(path, chunks, compress)
        self.package.documents.append(_entry(entry, referanseDokumentfil=path, mimeType=mime_type,
                                             filstoerrelse=size, sjekksum=sha256,
                                             sjekksumAlgoritme=CHECKSUM_ALGORITHM))


def _entry(*parts: dict, **values) -> dict:
    """A metadata entry with every field of FIELDS, None where it does not apply."""
    entry = dict.fromkeys(FIELDS)
    for part in parts:
        entry.update(part)
    entry.update(values)
    return entry


def _responses(consultation: Consultation) -> Iterator[FormalResponse]:
    """Every response, in the order received, with its versions and current attachments (without their
    extracted text, which the package does not need)."""
    return iter(db.session.scalars(
        sa.select(FormalResponse).where(FormalResponse.consultation_id == consultation.id)
        .options(selectinload(FormalResponse.versions),
                 selectinload(FormalResponse.attachments).defer(ResponseAttachment.text))
        .order_by(FormalResponse.submitted_at, FormalResponse.id)).all())


def _write_response(writer: _Writer, consultation: Consultation, response: FormalResponse, with_email: bool) -> None:
    folder = f"{RESPONSES}/{safe_name(response.reference)}"
    common = _response_fields(consultation, response, with_email)
    earlier = response.versions[:-1]
    writer.add_document(
        f"{folder}/svar.txt", [_response_text(consultation, response, response, with_email).encode()],
        _entry(common, dokumenttype=RESPONSE_DOCUMENT, tilknyttetRegistreringSom="Hoveddokument",
               dokumentetsDato=_day(response.updated_at), mottattDato=_moment(response.updated_at),
               versjonsnummer=len(earlier) + 1, filnavn="svar.txt"),
        "text/plain; charset=utf-8")
    for number, version in enumerate(earlier, start=1):
        writer.add_document(
            f"{folder}/versjoner/svar-versjon-{number}.txt",
            [_response_text(consultation, response, version, with_email, number).encode()],
            _entry(common, dokumenttype=RESPONSE_DOCUMENT, tilknyttetRegistreringSom="Hoveddokument",
                   dokumentetsDato=_day(version.saved_at), mottattDato=_moment(version.saved_at),
                   versjonsnummer=number, filnavn=f"svar-versjon-{number}.txt", ingenMerknader=version.no_comments,
                   etterFristen=version.late),
            "text/plain; charset=utf-8")
    for attachment in response.attachments:
        path = writer.unique(f"{folder}/vedlegg", _file_name(attachment))
        writer.add_document(
            path, [data_of(attachment)],
            _entry(common, dokumenttype=ATTACHMENT_DOCUMENT, tilknyttetRegistreringSom="Vedlegg",
                   tittel=f"Vedlegg til høringssvar {response.reference}: {attachment.name}",
                   offentligTittel=f"Vedlegg til høringssvar {response.reference}: {attachment.name}",
                   dokumentetsDato=_day(response.updated_at), mottattDato=_moment(response.updated_at),
                   filnavn=attachment.name),
            attachment.content_type, compress=False)  # PDFs and ZIP-based documents hardly compress


def _file_name(attachment: ResponseAttachment) -> str:
    """The attachment's name made safe, ending in its real type's extension so that it opens."""
    name = safe_name(attachment.name)
    extension = f".{attachment.kind}"
    return name if name.lower().endswith(extension) else name + extension


def _response_fields(consultation: Consultation, response: FormalResponse, with_email: bool) -> dict:
    """The fields every file of a response shares."""
    return {
        "tittel": f"Høringssvar fra {response.body_name} – {consultation.title}",
        "offentligTittel": f"Høringssvar fra {response.public_name} – {consultation.title}",
        "journalposttype": "Inngående dokument",
        "referanse": response.reference,
        "korrespondanseparttype": "Avsender",
        "korrespondansepartNavn": response.body_name,
        "organisasjonsnummer": response.organisation_number,
        "kategori": response.category,
        "kontaktperson": response.contact_name,
        "epostadresse": (response.contact_email or None) if with_email else None,  # "": none given, or erased
        "status": STATUS_WORDS.get(response.status, response.status),
        "publisert": response.status == PUBLISHED,
        "navnPublisert": response.publish_name,
        "ingenMerknader": response.no_comments,
        "etterFristen": response.late,
        "kanal": CHANNEL_WORDS.get(response.channel, response.channel),
    }


def _response_text(consultation: Consultation, response: FormalResponse, version: FormalResponse | ResponseVersion,
                   with_email: bool, number: int | None = None) -> str:
    """A response (or an earlier ``version`` of it, numbered) as text: a header of who and when, then its words."""
    saved = version.saved_at if isinstance(version, ResponseVersion) else response.updated_at
    sender = response.body_name + (f" (org.nr. {response.organisation_number_text})"
                                   if response.organisation_number else "")
    contact = version.contact_name + (f" <{version.contact_email}>" if with_email and version.contact_email else "")
    lines = [
        f"Høringssvar {response.reference}" + (f", versjon {number} (senere endret)" if number else ""),
        f"Høring: {consultation.title} ({consultation.slug})",
        f"Fra: {sender}, {response.category_label}",
        f"Kontaktperson: {contact}",
        f"Mottatt første gang: {_moment(response.submitted_at)}",
        f"Denne versjonen lagret: {_moment(saved)}",
        f"Kanal: {CHANNEL_WORDS.get(response.channel, response.channel)}",
        f"Status: {STATUS_WORDS.get(response.status, response.status)}"
        + ("" if response.publish_name else " (navnet publiseres ikke: vises som «Privatperson»)"),
        f"Etter fristen: {'ja' if version.late else 'nei'}",
    ]
    if number is None and response.attachments:
        lines.append("Vedlegg: " + ", ".join(attachment.name for attachment in response.attachments))
    body = "Vi har ingen merknader." if version.no_comments else version.text
    return "\n".join(lines) + "\n\n" + (body or "").strip() + "\n"


def _write_comments(writer: _Writer, consultation: Consultation, with_email: bool) -> None:
    status = comment_columns(with_email).index("status")
    rows = (row for row in comment_rows(consultation, with_email=with_email) if row[status] == COMMENT_PUBLISHED)
    writer.add_document(
        COMMENTS, (chunk.encode() for chunk in csv_chunks(comment_header(with_email), rows)),
        _entry(dokumenttype=COMMENTS_DOCUMENT, tilknyttetRegistreringSom="Hoveddokument",
               tittel=f"Publiserte innspill – {consultation.title}", dokumentetsDato=_day(utcnow()),
               filnavn="innspill.csv"),
        "text/csv; charset=utf-8")


def _write_summary(writer: _Writer, consultation: Consultation) -> None:
    """The newest signed-off summary as it was frozen, with who signed it off and when (and whether it
    was withdrawn since); nothing when none was signed off."""
    version = published_summary(consultation)
    if version is None:
        return
    summary = {
        "versjon": version.number,
        "godkjentDato": _moment(version.signed_off_at),
        "godkjentAv": version.signed_off_by_name,
        "foreloepigBegrunnelse": version.interim_reason or None,
        "trukketTilbakeDato": _moment(version.withdrawn_at) if version.withdrawn_at else None,
        "trukketTilbakeBegrunnelse": version.withdrawal_reason or None,
        "innhold": version.content,
    }
    writer.add_document(
        SUMMARY, [_json(summary)],
        _entry(dokumenttype=SUMMARY_DOCUMENT, tilknyttetRegistreringSom="Hoveddokument",
               tittel=f"Oppsummering av innspillene, versjon {version.number} – {consultation.title}",
               dokumentetsDato=_day(version.signed_off_at), versjonsnummer=version.number,
               status="trukket tilbake" if version.is_withdrawn else "godkjent", filnavn=SUMMARY),
        "application/json")


def _write_memo(writer: _Writer, consultation: Consultation) -> None:
    """The memo as the exports page makes it, through a temporary file (write_memo needs to seek)."""
    with tempfile.TemporaryFile() as memo:
        write_memo(memo_for(consultation, LANGUAGE), appendix_entries(consultation), memo)
        memo.seek(0)
        writer.add_document(
            MEMO, iter(lambda: memo.read(COPY_CHUNK), b""),
            _entry(dokumenttype=MEMO_DOCUMENT, tilknyttetRegistreringSom="Hoveddokument",
                   tittel=f"Høringsnotat – {consultation.title}", dokumentetsDato=_day(utcnow()), filnavn=MEMO),
            DOCX_MIMETYPE, compress=False)


def _write_metadata(writer: _Writer, consultation: Consultation, with_email: bool) -> None:
    metadata = {
        "pakke": {"format": FORMAT_NAME, "versjon": FORMAT_VERSION, "laget": _moment(utcnow()),
                  "sjekksumAlgoritme": CHECKSUM_ALGORITHM, "medEpostadresser": with_email},
        "hoering": {
            "tittel": consultation.title,
            "adresse": _address(consultation),
            "kortnavn": consultation.slug,
            "organisasjon": consultation.organisation,
            "aapnet": _moment(consultation.opens_at),
            "frist": _moment(consultation.closes_at),
            "status": consultation.status,
        },
        "dokumenter": [_nested(entry) for entry in writer.package.documents],
    }
    writer.write_bytes(METADATA_JSON, _json(metadata))
    rows = ([entry[name] for name in FIELDS] for entry in writer.package.documents)
    writer.write_bytes(METADATA_CSV, "".join(csv_chunks(list(FIELDS), rows)).encode())


def _nested(entry: dict) -> dict:
    """An entry for metadata.json: the correspondence party's fields in one object (None when there is none)."""
    party = {name: entry[name] for name in PARTY_FIELDS}
    flat = {name: value for name, value in entry.items() if name not in PARTY_FIELDS}
    return {**flat, "korrespondansepart": party if entry["korrespondansepartNavn"] else None}


def _checksum_lines(checksums: dict[str, str]) -> str:
    """``sha256sum`` format: the digest, two spaces, the path; ``sha256sum -c`` checks it after unzipping."""
    return "".join(f"{digest}  {path}\n" for path, digest in checksums.items())


def safe_name(name: str) -> str:
    """A file name safe inside the ZIP: the last part of any path, no control or invisible characters,
    no leading dots (so never ``..``), at most MAX_NAME_LENGTH characters; "vedlegg" if nothing is left."""
    text = unicodedata.normalize("NFC", name or "")
    text = PurePosixPath(re.split(r"[/\\]", text)[-1]).name
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    text = re.sub(r'[<>:"|?*]', "_", text)[-MAX_NAME_LENGTH:]  # the end, to keep the extension
    return text.strip().lstrip(".").strip() or "vedlegg"


def _address(consultation: Consultation) -> str:
    """The consultation's public address: absolute when PUBLIC_URL is set, else its path."""
    return current_app.config.get("PUBLIC_URL", "").rstrip("/") + f"/hoeringer/{consultation.slug}"


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode() + b"\n"


def _local(moment: datetime) -> datetime:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=timezone.utc).astimezone(zone)


def _moment(moment: datetime) -> str:
    """ISO 8601 with the offset, in the configured time zone (stored times are UTC)."""
    return _local(moment).isoformat(timespec="seconds")


def _day(moment: datetime) -> str:
    return _local(moment).date().isoformat()

