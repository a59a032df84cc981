"""check_package: a zip bomb, or a file built to make python-docx work for minutes, is refused before
parsing, in a fraction of a second and a few megabytes, with a message the planner understands."""
import io
import zipfile

import pytest
from docx import Document

from hoering.consultations import docx_package
from hoering.consultations.docx_package import DocxRejected, check_package

PARAGRAPH = "<w:p><w:r><w:t>Kommunen foreslår nye gang- og sykkelveier langs fylkesveien.</w:t></w:r></w:p>".encode()


def word_file() -> bytes:
    document = Document()
    document.add_paragraph("PLASSHOLDER")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repack(data: bytes, replace: dict | None = None, add: dict | None = None) -> bytes:
    """Copy a .docx, a member's content given as bytes or as an iterable of chunks (written as it comes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = {info.filename: source.read(info) for info in source.infolist()}
        for name, content in {**members, **(replace or {}), **(add or {})}.items():
            with target.open(name, "w", force_zip64=True) as stream:
                for chunk in [content] if isinstance(content, bytes) else content:
                    stream.write(chunk)
    return out.getvalue()


def document_of(paragraphs, count: int):
    """word/document.xml as chunks: ``count`` copies of ``paragraphs`` inside the body."""
    with zipfile.ZipFile(io.BytesIO(word_file())) as archive:
        head, tail = archive.read("word/document.xml").split(b"<w:body>")
    yield head + b"<w:body>"
    for _ in range(count):
        yield paragraphs
    yield b"</w:body>" + tail.split(b"</w:body>")[1]


def refusal(data: bytes) -> str:
    with pytest.raises(DocxRejected) as caught:
        check_package(data)
    return caught.value.reason


def test_the_reported_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    """A few hundred KB whose document.xml unpacks to 97 MB: python-docx took 23 s and over 1 GB.

    The check reads at most its cap of markup (plus one chunk), never the whole member; how fast and
    how small that is, bench/docx_upload.py measures.
    """
    megabyte = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
    bomb = repack(word_file(), replace={"word/document.xml": document_of(megabyte, 97)})
    assert len(bomb) < 1024 * 1024
    inflated = []
    original_read = zipfile.ZipExtFile.read

    def counting_read(self, size=-1):
        data = original_read(self, size)
        inflated.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    assert refusal(bomb) == docx_package.TOO_LONG
    assert sum(inflated) < docx_package.MAX_MARKUP_BYTES + 2 * 1024 * 1024


def test_a_real_draft_passes():
    check_package(repack(word_file(), replace={"word/document.xml": document_of(PARAGRAPH, 5_000)}))


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/tema.xml"])
def test_markup_past_its_limit_in_any_member_is_refused(monkeypatch, member):
    """Every member but pictures may be parsed by python-docx, whatever its name says."""
    monkeypatch.setattr(docx_package, "MAX_MARKUP_BYTES", 500_000)
    padding = b"<!-- " + b"fyll " * 120_000 + b"-->"
    with zipfile.ZipFile(io.BytesIO(word_file())) as archive:
        original = archive.read(member) if member in archive.namelist() else b"<tema/>"
    assert refusal(repack(word_file(), replace={member: original + padding})) == docx_package.TOO_LONG


def test_markup_is_measured_in_tags_as_well_as_bytes(monkeypatch):
    """Six bytes make a paragraph: the work of converting grows with the elements, not the bytes."""
    monkeypatch.setattr(docx_package, "MAX_MARKUP_TAGS", 50_000)
    data = repack(word_file(), replace={"word/document.xml": document_of(b"<w:p/>" * 1_000, 60)})
    assert len(data) < 100_000
    assert refusal(data) == docx_package.TOO_LONG


def test_pictures_count_toward_the_unpacked_total_but_not_the_markup(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_MARKUP_BYTES", 1_000_000)
    pictures = {f"word/media/image{n}.png": b"\x89PNG\r\n\x1a\n" + bytes(600_000) for n in range(3)}
    data = repack(word_file(), add=pictures)
    check_package(data)
    monkeypatch.setattr(docx_package, "MAX_UNPACKED_BYTES", 1_500_000)
    assert refusal(data) == docx_package.TOO_LARGE_UNPACKED


def test_too_many_members_are_refused_before_the_archive_is_read():
    tiny = {f"word/media/bilde{n}.png": b"\x89PNG" for n in range(docx_package.MAX_MEMBERS)}
    assert refusal(repack(word_file(), add=tiny)) == docx_package.TOO_LARGE_UNPACKED


def test_a_member_larger_than_it_declares_is_not_inflated_past_its_declared_size():
    """zipfile stops at the declared size, and the checksum then tells the file is damaged."""
    data = bytearray(repack(word_file(), replace={"word/document.xml": document_of(PARAGRAPH, 50_000)}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    central = bytes(data).rindex(b"PK\x01\x02", 0, bytes(data).rindex(b"word/document.xml"))
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")  # the central directory's file_size
    assert refusal(bytes(data)) == docx_package.CORRUPT
    assert info.file_size > 4_000_000
