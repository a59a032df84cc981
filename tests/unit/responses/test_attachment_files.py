"""Attachments are checked by content: every kind of bad file is refused, names are cleaned, text is read.

Every file is built here, small, in memory: pypdf writes the PDFs, python-docx the .docx, odfpy the .odt
and zipfile the zip bombs (zeros compress about 1000:1, so a 201 MB member takes 200 kB).
"""
from __future__ import annotations

import io
import unicodedata
import zipfile

import docx
import pytest
from pypdf.errors import DependencyError

from hoering.responses import attachment_files
from hoering.responses.attachment_files import (
    CONTENT_TYPES, DAMAGED, EMPTY, ENCRYPTED, MAX_FILE_BYTES, MAX_FILES, MAX_NAME_LENGTH, TOO_LARGE, TOO_MANY_FILES,
    TYPE_NOT_ALLOWED, ZIP_BOMB, AttachmentRejected, check, check_all, cleaned_name,
)
from tests.fixtures.documents import MB, NORWEGIAN, docx_bytes, odt_bytes, pdf_bytes
from tests.fixtures.xss import PAYLOADS


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_members(package: bytes, extra: dict[str, bytes]) -> bytes:
    """A copy of a .docx or .odt with members added (the mimetype member stays first and stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            target.writestr(member, source.read(member))
        for name, data in extra.items():
            target.writestr(name, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def refusal(name: str, data: bytes) -> AttachmentRejected:
    with pytest.raises(AttachmentRejected) as raised:
        check(name, data)
    return raised.value


def test_a_pdf_is_accepted_with_its_pages_text_and_hash():
    data = pdf_bytes(NORWEGIAN, pages=3)
    checked = check("Svar fra Årdal.pdf", data)
    assert (checked.kind, checked.content_type, checked.pages, checked.size) == ("pdf", "application/pdf", 3, len(data))
    assert checked.name == "Svar fra Årdal.pdf"
    assert checked.text.count(NORWEGIAN) == 3
    assert len(checked.sha256) == 64


def test_a_pdf_may_have_bytes_before_its_header_as_readers_allow():
    checked = check("svar.pdf", b"\r\n" * 100 + pdf_bytes(NORWEGIAN))
    assert checked.kind == "pdf" and NORWEGIAN in checked.text


def test_a_docx_is_accepted_with_the_text_of_its_paragraphs_and_tables_in_order():
    table = [["Tiltak", "Kostnad"], ["Økt bemanning", "2 mill."]]
    data = docx_bytes(paragraphs=("Første avsnitt", NORWEGIAN), table=table)
    checked = check("svar.docx", data)
    assert (checked.kind, checked.pages) == ("docx", None)
    assert checked.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert checked.text.splitlines() == ["Første avsnitt", NORWEGIAN, "Tiltak", "Kostnad", "Økt bemanning", "2 mill."]


def test_a_merged_docx_table_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Sammenslått celle"
    out = io.BytesIO()
    document.save(out)
    assert check("svar.docx", out.getvalue()).text == "Sammenslått celle"


def test_an_odt_is_accepted_with_the_text_of_its_headings_paragraphs_and_tables_in_order():
    checked = check("svar.odt", odt_bytes(heading="Vår vurdering", table=[["Å gjøre", "Når"]]))
    assert (checked.kind, checked.content_type) == ("odt", "application/vnd.oasis.opendocument.text")
    assert checked.text.splitlines() == ["Vår vurdering", NORWEGIAN, "Å gjøre", "Når"]


@pytest.mark.parametrize("name, data, expected", [
    ("svar", pdf_bytes(), "svar.pdf"),
    ("svar.PDF", pdf_bytes(), "svar.pdf"),
    ("svar.docx", pdf_bytes(), "svar.pdf"),
    ("svar.exe", pdf_bytes(), "svar.pdf"),
    ("Høringssvar v1.2", pdf_bytes(), "Høringssvar v1.2.pdf"),
    ("svar.pdf", docx_bytes(), "svar.docx"),
    ("svar.doc", docx_bytes(), "svar.docx"),
    ("svar.txt", odt_bytes(), "svar.odt"),
])
def test_the_extension_is_that_of_the_real_type(name, data, expected):
    assert check(name, data).name == expected


def test_check_all_checks_up_to_ten_files():
    files = [(f"svar {number}.pdf", pdf_bytes()) for number in range(MAX_FILES)]
    assert [checked.name for checked in check_all(files)] == [name for name, _ in files]
    assert refusal_of_all(files + [("ellevte.pdf", pdf_bytes())]).code == TOO_MANY_FILES


def refusal_of_all(files) -> AttachmentRejected:
    with pytest.raises(AttachmentRejected) as raised:
        check_all(files)
    return raised.value


def test_an_empty_file_is_refused():
    assert refusal("tom.pdf", b"").code == EMPTY


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    data = pdf_bytes()
    assert refusal("stor.pdf", data + b"\0" * (MAX_FILE_BYTES + 1 - len(data))).code == TOO_LARGE


@pytest.mark.parametrize("name, data", [
    ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200),
    ("side.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    ("tegning.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    ("bilde.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
    ("bilde.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\0" * 100),
    ("notat.pdf", "Bare tekst med æøå".encode()),
    ("arkiv.pdf", zip_bytes({"svar.pdf": pdf_bytes()})),
    ("regneark.docx", zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})),
    ("regneark.odt", zip_bytes({"mimetype": CONTENT_TYPES["odt"].replace("text", "spreadsheet").encode(),
                                "content.xml": b"<x/>"})),
    ("gammel.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
])
def test_a_file_of_another_type_is_refused_whatever_its_name(name, data):
    assert refusal(name, data).code == TYPE_NOT_ALLOWED


def test_an_encrypted_pdf_is_refused():
    assert refusal("hemmelig.pdf", pdf_bytes(NORWEGIAN, user_password="hemmelig")).code == ENCRYPTED


def test_an_encrypted_pdf_that_opens_without_a_password_is_refused_too():
    assert refusal("låst.pdf", pdf_bytes(NORWEGIAN, user_password="")).code == ENCRYPTED


def test_a_pdf_whose_encryption_pypdf_cannot_handle_is_refused_as_encrypted(monkeypatch):
    def needs_cryptography(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr("pypdf._encryption.Encryption.read", needs_cryptography)
    assert refusal("aes.pdf", pdf_bytes(NORWEGIAN, user_password="")).code == ENCRYPTED


def test_an_encrypted_word_document_is_refused_as_encrypted():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100
    assert refusal("kryptert.docx", ole).code == ENCRYPTED


def test_a_zip_with_an_encrypted_member_is_refused():
    data = bytearray(docx_bytes())
    # Set bit 0 of the general purpose flags in every local and central header: "this member is encrypted".
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + offset] |= 0x1
            start = data.find(signature, start + 4)
    assert refusal("kryptert.docx", bytes(data)).code == ENCRYPTED


def test_an_odt_encrypted_by_its_own_manifest_is_refused():
    manifest = (b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                b"</manifest:file-entry></manifest:manifest>")
    data = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"\x8a\x01garbled",
                      "META-INF/manifest.xml": manifest}, zipfile.ZIP_STORED)
    assert refusal("kryptert.odt", data).code == ENCRYPTED


@pytest.mark.parametrize("data", [
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog", id="truncated"),
    pytest.param(pdf_bytes(NORWEGIAN)[:200], id="cut-off"),
    pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 40, id="noise"),
])
def test_a_damaged_pdf_is_refused(data):
    assert refusal("skadet.pdf", data).code == DAMAGED


def test_a_damaged_zip_is_refused():
    data = docx_bytes()
    assert refusal("skadet.docx", data[: len(data) // 2]).code in {DAMAGED, TYPE_NOT_ALLOWED}
    corrupt = bytearray(data)
    start = corrupt.find(b"word/document.xml") + len("word/document.xml") + 20
    corrupt[start:start + 50] = b"\xff" * 50  # inside the deflated document: its CRC no longer matches
    assert refusal("skadet.docx", bytes(corrupt)).code == DAMAGED


def test_a_docx_python_docx_cannot_read_is_refused():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not-closed"})
    assert refusal("skadet.docx", data).code == DAMAGED


def test_an_odt_odfpy_cannot_read_is_refused():
    data = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<not-closed"})
    assert refusal("skadet.odt", data).code == DAMAGED


def test_a_zip_bomb_unpacking_to_more_than_200_mb_is_refused(monkeypatch):
    monkeypatch.setattr(attachment_files, "MAX_MEMBER_RATIO", 10_000)  # so that the total is what refuses it
    zeros = b"\0" * (50 * MB)
    data = with_members(docx_bytes(), {f"word/media/fyll{n}.bin": zeros for n in range(5)})
    assert len(data) < MB
    assert refusal("bombe.docx", data).code == ZIP_BOMB


def test_a_member_compressed_more_than_100_to_1_is_refused():
    data = with_members(odt_bytes(), {"Pictures/fyll.bin": b"\0" * (2 * MB)})
    assert refusal("bombe.odt", data).code == ZIP_BOMB


def test_a_zip_bomb_that_declares_a_small_size_is_refused():
    """zipfile unpacks no more than a member declares, and the rest fails its checksum: refused, not believed."""
    data = bytearray(with_members(docx_bytes(), {"word/media/fyll.bin": b"\0" * (2 * MB)}))
    local, central = data.rfind(b"PK\x03\x04"), data.rfind(b"PK\x01\x02")  # the member added last
    data[local + 22:local + 26] = data[central + 24:central + 28] = (1024).to_bytes(4, "little")
    assert refusal("bombe.docx", bytes(data)).code == DAMAGED


def test_a_docx_with_too_much_markup_is_refused(monkeypatch):
    monkeypatch.setattr(attachment_files, "MAX_MEMBER_RATIO", 10_000)  # so that the markup is what refuses it
    markup = b"<w:p/>" * (attachment_files.MAX_MARKUP_BYTES // 6 + 1)
    data = with_members(docx_bytes(), {"word/extra.xml": markup})
    assert refusal("lang.docx", data).code == ZIP_BOMB


def test_a_zip_with_more_than_10000_members_is_refused(monkeypatch):
    monkeypatch.setattr(attachment_files, "MAX_MEMBERS", 20)
    data = with_members(docx_bytes(), {f"word/media/{n}.png": b"\x89PNG" for n in range(21)})
    assert refusal("mange.docx", data).code == ZIP_BOMB


def test_a_pdf_whose_text_cannot_be_read_is_accepted_without_text(monkeypatch):
    def broken(*args, **kwargs):
        raise RecursionError("hostile content stream")

    monkeypatch.setattr("pypdf._page.PageObject.extract_text", broken)
    checked = check("svar.pdf", pdf_bytes(NORWEGIAN))
    assert (checked.kind, checked.text, checked.pages) == ("pdf", "", 1)


def test_text_is_cut_at_the_limit(monkeypatch):
    monkeypatch.setattr(attachment_files, "MAX_TEXT_CHARS", 50)
    checked = check("svar.docx", docx_bytes(paragraphs=[NORWEGIAN] * 3))
    assert checked.text == NORWEGIAN[:50]


def test_pdf_pages_past_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(attachment_files, "MAX_PDF_PAGES", 2)
    checked = check("svar.pdf", pdf_bytes(NORWEGIAN, pages=5))
    assert (checked.pages, checked.text.count(NORWEGIAN)) == (5, 2)


def test_pdf_text_extraction_stops_when_its_time_is_up(monkeypatch):
    clock = iter(range(0, 10_000, 20))  # each look at the clock is 20 seconds later
    monkeypatch.setattr(attachment_files.time, "monotonic", lambda: next(clock))
    checked = check("svar.pdf", pdf_bytes(NORWEGIAN, pages=5))
    assert (checked.pages, checked.text.count(NORWEGIAN)) == (5, 1)


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\ola\\Dokumenter\\svar.pdf", "svar.pdf"),
    ("/var/www/../svar.pdf", "svar.pdf"),
    ("svar\0.exe.pdf", "svar .exe.pdf"),
    ("svar\u202efdp.exe", "svarfdp.pdf"),
    ("sv\u200bar.pdf", "svar.pdf"),
    ("linje\nskift\r\n.pdf", "linje skift.pdf"),
    ("..", "vedlegg.pdf"),
    ("", "vedlegg.pdf"),
    (".pdf", "vedlegg.pdf"),
    ("...skjult.pdf", "skjult.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
    (unicodedata.normalize("NFD", "Bærum og Ålesund.pdf"), "Bærum og Ålesund.pdf"),
])
def test_names_are_cleaned(name, expected):
    assert check(name, pdf_bytes()).name == expected


def test_a_long_name_is_cut_keeping_its_extension():
    name = check("æ" * 300 + ".pdf", pdf_bytes()).name
    assert len(name) == MAX_NAME_LENGTH and name == "æ" * (MAX_NAME_LENGTH - 4) + ".pdf"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_come_out_harmless(payload):
    name = cleaned_name(payload + ".pdf", "pdf")
    assert name.endswith(".pdf") and len(name) <= MAX_NAME_LENGTH
    assert not set(name) & set('<>"/\\')
    assert all(unicodedata.category(char)[0] != "C" for char in name)


def test_a_refusal_names_the_file_cleaned_and_says_why_in_bokmal():
    error = refusal("../<b>skadet<b>.pdf", b"%PDF-1.4 ikke noe mer")
    assert error.name == "_b_skadet_b_.pdf"
    assert error.message() == "«_b_skadet_b_.pdf» er skadet og kan ikke leses. Lagre filen på nytt, og prøv igjen."
    assert refusal("låst.pdf", pdf_bytes(user_password="")).message().startswith("«låst.pdf» er kryptert")


def test_every_code_has_a_message_with_only_the_placeholders_it_is_given():
    for code in attachment_files.MESSAGES:
        assert AttachmentRejected(code, "x.pdf", signature="Eicar").message()
