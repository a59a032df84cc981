"""Check the attachments of a formal response by their content, not their names, and read their text.

A PDF, a Word document (.docx) or an OpenDocument text (.odt) is accepted; anything else is refused,
whatever it is called. ``check`` decides the type from the bytes: a PDF has ``%PDF-`` in its first
1024 bytes (where readers look for it) and pypdf opens it; a .docx or .odt is a ZIP with the parts its
format requires. It refuses encrypted, damaged and empty files, zip bombs and files over the size
limit, with an ``AttachmentRejected`` whose ``code`` says which. What an accepted file is comes back
as a ``CheckedFile``: a cleaned name ending in the real type's extension, its MIME type, size,
SHA-256 and extracted text (for the personal-data guard and the analysis).

A ZIP is measured by unpacking every member through a counting reader before python-docx or odfpy
parse anything: what the archive declares is checked first, but not taken on trust.

Plain Python, no Flask: the caller words the messages through ``AttachmentRejected.message`` with its
own ``gettext`` (the bokmål texts below are marked with ``N_`` so ``make messages`` finds them).
"""
from __future__ import annotations

import hashlib
import io
import logging
import lzma
import re
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import docx
import pypdf
from pypdf.errors import PyPdfError
from docx.table import Table
from odf import opendocument, teletype
from odf.namespaces import TEXTNS

logger = logging.getLogger(__name__)

MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024
# Zip bombs: everything a .docx or .odt unpacks to, how many members it has, and how much one
# member may grow (a member of more than 1 MB that unpacks to over 100 times what it takes packed).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_MEMBER_RATIO = 100
RATIO_APPLIES_ABOVE = 1024 * 1024
# The markup among it (every member but pictures and embedded files): python-docx and odfpy parse it into
# trees many times its size, odfpy in Python objects. 20 MB is millions of words, as for a planner's draft.
MAX_MARKUP_BYTES = 20 * 1024 * 1024
# Text extraction is bounded: the text kept, the PDF pages read, and the seconds spent on a PDF (checked
# between pages; pypdf's own limits bound one page). A file past a bound is accepted with the text so far.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 2_000
MAX_PDF_TEXT_SECONDS = 30.0
MAX_NAME_LENGTH = 150
DEFAULT_STEM = "vedlegg"

PDF, DOCX, ODT = "pdf", "docx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}

# Why a file was refused. INFECTED and NOT_SCANNED are raised by the caller after hoering.responses.scanning.
EMPTY = "empty"
TOO_LARGE = "too_large"
TOO_MANY_FILES = "too_many_files"
TYPE_NOT_ALLOWED = "type_not_allowed"
ENCRYPTED = "encrypted"
DAMAGED = "damaged"
ZIP_BOMB = "zip_bomb"
INFECTED = "infected"
NOT_SCANNED = "not_scanned"


def N_(message: str) -> str:
    """Mark a message for extraction (pybabel's default keywords include N_) without translating it here."""
    return message


MESSAGES = {
    EMPTY: N_("«%(name)s» er tom."),
    TOO_LARGE: N_("«%(name)s» er for stor. Et vedlegg kan være på høyst 20 MB."),
    TOO_MANY_FILES: N_("Du kan legge ved høyst 10 filer."),
    TYPE_NOT_ALLOWED: N_(
        "«%(name)s» er ikke en PDF, et Word-dokument (.docx) eller et OpenDocument-dokument (.odt). "
        "Lagre filen i et av disse formatene, og prøv igjen."
    ),
    ENCRYPTED: N_(
        "«%(name)s» er kryptert eller passordbeskyttet, og da kan vi ikke lese den. Det gjelder også en PDF som "
        "åpnes uten passord, men som har sperret kopiering eller utskrift. Lagre filen uten passord og kryptering, "
        "og prøv igjen."
    ),
    DAMAGED: N_("«%(name)s» er skadet og kan ikke leses. Lagre filen på nytt, og prøv igjen."),
    ZIP_BOMB: N_("«%(name)s» pakker seg ut til altfor mye data, og kan ikke tas imot."),
    INFECTED: N_("«%(name)s» inneholder skadelig kode (%(signature)s), og kan ikke tas imot."),
    NOT_SCANNED: N_(
        "Vi kunne ikke sjekke «%(name)s» for virus akkurat nå, og tar derfor ikke imot den. Prøv igjen om litt."
    ),
}


class AttachmentRejected(ValueError):
    """A file that cannot be attached: ``code`` is one of the constants above, ``name`` the cleaned name."""

    def __init__(self, code: str, name: str = "", **details: str) -> None:
        super().__init__(f"{code}: {name}")
        self.code = code
        self.name = name
        self.details = details

    def message(self, translate: Callable[[str], str] = str) -> str:
        """The message for the person uploading, through ``translate`` (Flask-Babel's ``gettext``)."""
        return translate(MESSAGES[self.code]) % {"name": self.name, **self.details}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    text: str = field(repr=False)
    pages: int | None = None


def check_all(files: list[tuple[str, bytes]]) -> list[CheckedFile]:
    """Check each (name, bytes); refuses more than MAX_FILES, and raises at the first file refused."""
    if len(files) > MAX_FILES:
        raise AttachmentRejected(TOO_MANY_FILES)
    return [check(name, data) for name, data in files]


def check(name: str, data: bytes) -> CheckedFile:
    """The file, its type found from its content, or AttachmentRejected."""
    if not data:
        raise AttachmentRejected(EMPTY, cleaned_name(name))
    if len(data) > MAX_FILE_BYTES:
        raise AttachmentRejected(TOO_LARGE, cleaned_name(name))
    kind = _kind_of(name, data)
    text, pages = _READERS[kind](name, data)
    return CheckedFile(
        name=cleaned_name(name, kind), kind=kind, content_type=CONTENT_TYPES[kind], size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), text=text, pages=pages,
    )


# Characters Windows refuses in a file name; a browser would rename the download. Never markup either.
_UNSAFE_IN_NAMES = re.compile(r'[<>:"/\\|?*]')
# "svar.exe" → "svar.pdf", but "Høringssvar v1.2" and "Notat fra 3. mai" only get ".pdf" added.
_EXTENSION = re.compile(r"\.(?=[^.]*[a-zA-Z])[a-zA-Z0-9]{1,5}$")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def cleaned_name(name: str, kind: str | None = None) -> str:
    """A name safe to show and to offer as a download, of at most MAX_NAME_LENGTH characters.

    The last part of a path only; no control or invisible formatting characters (such as U+202E, the
    right-to-left override that shows "svar<U+202E>fdp.exe" as "svarexe.pdf"); NFC, so "å" from a Mac
    is one character; the extension that of ``kind``, the real type.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(_visible(char) for char in text)
    text = _UNSAFE_IN_NAMES.sub("_", text)
    text = " ".join(text.split())
    stem = _EXTENSION.sub("", text) if kind else text
    stem = stem.strip(". ") or DEFAULT_STEM
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    extension = f".{kind}" if kind else ""
    return stem[:MAX_NAME_LENGTH - len(extension)].rstrip(". ") + extension


def _visible(char: str) -> str:
    category = unicodedata.category(char)
    if category in {"Cc", "Zl", "Zp"}:
        return " "  # a tab or line break between words
    if category in {"Cf", "Cs", "Co", "Cn"}:
        return ""  # invisible: direction overrides, zero widths, unassigned
    return char


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and an encrypted .docx (Office wraps it in one)
_OLE_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
_ODT_MIMETYPE = CONTENT_TYPES[ODT].encode()


def _kind_of(name: str, data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        raise AttachmentRejected(ENCRYPTED if _OLE_ENCRYPTION_INFO in data else TYPE_NOT_ALLOWED, cleaned_name(name))
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(name, data)
    if _PDF_MAGIC in data[:1024]:
        return PDF
    raise AttachmentRejected(TYPE_NOT_ALLOWED, cleaned_name(name))


def _zip_kind(name: str, data: bytes) -> str:
    """DOCX or ODT after the ZIP is measured; a ZIP of anything else (.xlsx, .ods, .zip) is not allowed."""
    if data.count(_CENTRAL_DIRECTORY_ENTRY) > MAX_MEMBERS:
        raise AttachmentRejected(ZIP_BOMB, cleaned_name(name))  # before zipfile builds an object for each
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            kind = _package_kind(archive, {member.filename for member in members})
            if kind is None:
                raise AttachmentRejected(TYPE_NOT_ALLOWED, cleaned_name(name))
            if any(member.flag_bits & 0x1 for member in members):
                raise AttachmentRejected(ENCRYPTED, cleaned_name(name))
            _measure(archive, members, name)
            if kind == ODT and _odf_encrypted(archive):
                raise AttachmentRejected(ENCRYPTED, cleaned_name(name))
    except AttachmentRejected:
        raise
    except (*_UNPACKING_ERRORS, ValueError) as error:
        raise AttachmentRejected(DAMAGED, cleaned_name(name)) from error
    return kind


def _package_kind(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if {"[Content_Types].xml", "word/document.xml"} <= names:
        return DOCX
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
        if archive.read("mimetype").strip() == _ODT_MIMETYPE and "content.xml" in names:
            return ODT
    return None


def _odf_encrypted(archive: zipfile.ZipFile) -> bool:
    """ODF encrypts parts itself, not with ZIP encryption: the manifest lists encryption data for them."""
    if "META-INF/manifest.xml" not in archive.namelist():
        return False
    return b"encryption-data" in archive.read("META-INF/manifest.xml")


# What a damaged or unusual member raises while it is unpacked: zipfile raises NotImplementedError for a
# compression method it does not know and RuntimeError for an encrypted member.
_UNPACKING_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, NotImplementedError,
                     RuntimeError)
_CHUNK = 1024 * 1024
# The first bytes of members no parser reads as markup: PNG, JPEG, GIF, BMP, TIFF, EMF, WMF, WebP, and
# embedded files (a ZIP, an OLE compound file, a PDF). No XML starts with them.
_NOT_MARKUP = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"\x01\x00\x00\x00",
    b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00", b"RIFF", _ZIP_MAGIC, _OLE_MAGIC, _PDF_MAGIC,
)


def _measure(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a zip bomb: by what the archive declares, then by unpacking every member, counting."""
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise AttachmentRejected(ZIP_BOMB, cleaned_name(name))
    unpacked = markup = 0
    for member in members:
        if _too_compressed(member.file_size, member.compress_size):
            raise AttachmentRejected(ZIP_BOMB, cleaned_name(name))
        member_unpacked = 0
        with archive.open(member) as stream:
            chunk = stream.read(_CHUNK)
            is_markup = not chunk.startswith(_NOT_MARKUP)
            while chunk:
                member_unpacked += len(chunk)
                unpacked += len(chunk)
                markup += len(chunk) if is_markup else 0
                if (unpacked > MAX_UNPACKED_BYTES or markup > MAX_MARKUP_BYTES
                        or _too_compressed(member_unpacked, member.compress_size)):
                    raise AttachmentRejected(ZIP_BOMB, cleaned_name(name))
                chunk = stream.read(_CHUNK)


def _too_compressed(unpacked: int, packed: int) -> bool:
    return unpacked > RATIO_APPLIES_ABOVE and unpacked > MAX_MEMBER_RATIO * max(packed, 1)


def _read_pdf(name: str, data: bytes) -> tuple[str, int]:
    """Open the PDF (refusing it when pypdf cannot, or when it is encrypted), count its pages, read its text."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise AttachmentRejected(ENCRYPTED, cleaned_name(name, PDF))
        pages = len(reader.pages)
        if not pages:
            raise PyPdfError("no pages")
    except AttachmentRejected:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file; any means it is not a PDF we can use
        # An encryption pypdf cannot even verify (AES needs the cryptography package) is still encryption.
        code = ENCRYPTED if b"/Encrypt" in data else DAMAGED
        raise AttachmentRejected(code, cleaned_name(name, PDF)) from error
    return _bounded(_pdf_texts(reader, pages)), pages


def _pdf_texts(reader: pypdf.PdfReader, pages: int) -> Iterator[str]:
    """Each page's text, up to MAX_PDF_PAGES and MAX_PDF_TEXT_SECONDS; a page pypdf cannot read gives none."""
    deadline = time.monotonic() + MAX_PDF_TEXT_SECONDS
    for number in range(min(pages, MAX_PDF_PAGES)):
        if time.monotonic() > deadline:
            logger.info("PDF text extraction stopped at page %d of %d: time limit", number, pages)
            return
        try:
            yield reader.pages[number].extract_text()
        except Exception:  # a valid file whose text cannot be read is kept, without that text
            logger.info("no text from PDF page %d", number, exc_info=True)


def _read_docx(name: str, data: bytes) -> tuple[str, None]:
    try:
        document = docx.Document(io.BytesIO(data))
        text = _bounded(_docx_texts(document.iter_inner_content()))
    except Exception as error:  # python-docx and lxml raise many kinds on a package they cannot read
        raise AttachmentRejected(DAMAGED, cleaned_name(name, DOCX)) from error
    return text, None


def _docx_texts(blocks: Iterable) -> Iterator[str]:
    """Paragraphs and tables in document order; a table's rows as lines, cells separated by tabs."""
    for block in blocks:
        if isinstance(block, Table):
            yield from _docx_table_texts(block)
        else:
            yield block.text


def _docx_table_texts(table: Table) -> Iterator[str]:
    for row in table.rows:
        seen = []  # a merged cell is returned once for each grid column it spans
        for cell in row.cells:
            if all(cell._tc is not other for other in seen):
                seen.append(cell._tc)
                yield "\n".join(_docx_texts(cell.iter_inner_content()))


def _read_odt(name: str, data: bytes) -> tuple[str, None]:
    try:
        document = opendocument.load(io.BytesIO(data))
        text = _bounded(_odt_texts(document.text))
    except Exception as error:  # odfpy and defusedxml raise many kinds on a document they cannot read
        raise AttachmentRejected(DAMAGED, cleaned_name(name, ODT)) from error
    return text, None


_ODT_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


def _odt_texts(element) -> Iterator[str]:
    """The text of every text:p and text:h in document order (in lists and tables too), each as one line."""
    for child in element.childNodes:
        if getattr(child, "qname", None) in _ODT_BLOCKS:
            yield teletype.extractText(child)
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odt_texts(child)


def _bounded(texts: Iterable[str]) -> str:
    """The texts as lines, stopping at MAX_TEXT_CHARS."""
    kept, length = [], 0
    for text in texts:
        kept.append(text[:MAX_TEXT_CHARS - length])
        length += len(kept[-1]) + 1
        if length >= MAX_TEXT_CHARS:
            break
    return "\n".join(kept).strip()


_READERS = {PDF: _read_pdf, DOCX: _read_docx, ODT: _read_odt}
