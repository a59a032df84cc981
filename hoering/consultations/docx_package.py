"""Check an uploaded file is a readable .docx before anything parses it: by content, not by name.

Size first, then an OLE file (password-protected, or the old .doc format), then a ZIP with the parts
Word writes, then what it unpacks to. ``DocxRejected.reason`` tells the planner what is wrong and what
to do, in their language.

A zip bomb is refused before python-docx sees it, in a fraction of a second: a 342 KB file whose
document.xml unpacked to 97 MB took python-docx 23 seconds and more than a gigabyte. Every part is
unpacked through a reader that stops at the limit (what a zip declares is not taken on trust), and
the markup is measured in tags as well as bytes: six bytes, ``<w:p/>``, make a paragraph, and the
work of converting grows with the number of elements.
"""
from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from flask_babel import lazy_gettext as _l

MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 2_000  # parts in the archive; Word writes a dozen, plus one per picture
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # every part: pictures unpack to about what they take packed
# Every part but pictures and embedded files, which python-docx keeps as bytes: it parses the rest into
# trees of about ten times their size. A draft of 1,000,000 characters (planning.MAX_DRAFT_LENGTH)
# written in Word is about 6 MB and 250,000 tags of markup.
MAX_MARKUP_BYTES = 20 * 1024 * 1024
MAX_MARKUP_TAGS = 500_000

TOO_LARGE = _l("Filen er for stor. Et Word-dokument kan være på høyst 10 MB.")
TOO_LARGE_UNPACKED = _l("Dokumentet inneholder for mye data. Fjern eller komprimer store bilder, og prøv igjen.")
TOO_LONG = _l("Dokumentet er for langt. Del det opp, eller kort det ned, og prøv igjen.")
NOT_DOCX = _l("Filen er ikke et Word-dokument. Lagre dokumentet som .docx i Word, og prøv igjen.")
PASSWORD_PROTECTED = _l("Filen er passordbeskyttet. Fjern passordet i Word, lagre dokumentet som .docx, og prøv igjen.")
PROTECTED_OR_OLD_DOC = _l(
    "Filen er passordbeskyttet eller i det gamle .doc-formatet. "
    "Fjern passordet, eller lagre den som .docx, og prøv igjen."
)
CORRUPT = _l("Filen er skadet og kan ikke leses.")
EMPTY = _l("Dokumentet er tomt.")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # a stream name in the OLE directory
_CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"  # zipfile insists on it before each member it lists
# The first bytes of what python-docx never parses: PNG, JPEG, GIF, BMP, TIFF, EMF, WMF, WebP, and
# embedded files (a workbook is a ZIP, an OLE object a compound file). No XML can start with them.
_NOT_MARKUP = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"\x01\x00\x00\x00",
    b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00", b"RIFF", b"PK\x03\x04", _OLE_MAGIC,
)
_CHUNK = 1024 * 1024
# What a damaged or unusual member can raise while it is unpacked. zipfile raises
# NotImplementedError for a compression method it does not know, and RuntimeError for an encrypted
# member: both are files we cannot read, not unfinished code.
UNPACKING_ERRORS = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, NotImplementedError, RuntimeError,
)


class DocxRejected(ValueError):
    """An upload that cannot become a draft; ``reason`` tells the planner why and what to do."""

    def __init__(self, reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


def check_package(data: bytes) -> None:
    """Reject by content, before python-docx parses anything: size, format, what it unpacks to."""
    if len(data) > MAX_DOCX_BYTES:
        raise DocxRejected(TOO_LARGE)
    if data.startswith(_OLE_MAGIC):
        raise DocxRejected(PASSWORD_PROTECTED if _OLE_ENCRYPTION_INFO in data else PROTECTED_OR_OLD_DOC)
    if not data.startswith(b"PK\x03\x04"):
        raise DocxRejected(NOT_DOCX)
    if data.count(_CENTRAL_DIRECTORY_ENTRY) > MAX_MEMBERS:
        raise DocxRejected(TOO_LARGE_UNPACKED)  # before zipfile builds an object for each of them
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not {"word/document.xml", "[Content_Types].xml"} <= {member.filename for member in members}:
                raise DocxRejected(NOT_DOCX)
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise DocxRejected(TOO_LARGE_UNPACKED)  # what it declares is already too much
            _measure(archive, members)
    except DocxRejected:
        raise
    except (*UNPACKING_ERRORS, ValueError) as error:
        raise DocxRejected(CORRUPT) from error


def _measure(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Unpack every member in chunks, counting, and stop at the first limit it passes."""
    unpacked = markup = tags = 0
    for member in members:
        with archive.open(member) as stream:
            chunk = stream.read(_CHUNK)
            is_markup = not chunk.startswith(_NOT_MARKUP)
            while chunk:
                unpacked += len(chunk)
                if is_markup:
                    markup += len(chunk)
                    tags += chunk.count(b"<")
                if unpacked > MAX_UNPACKED_BYTES:
                    raise DocxRejected(TOO_LARGE_UNPACKED)
                if markup > MAX_MARKUP_BYTES or tags > MAX_MARKUP_TAGS:
                    raise DocxRejected(TOO_LONG)
                chunk = stream.read(_CHUNK)
