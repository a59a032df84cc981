"""Check an uploaded file is a readable .docx before anything parses it: by content, not by name.

Size first, then an OLE file (password-protected, or the old .doc format), then a ZIP with the parts
Word writes, then the total unpacked size against zip bombs. ``DocxRejected.reason`` tells the planner
what is wrong and what to do, in their language.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from flask_babel import lazy_gettext as _l

MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

TOO_LARGE = _l("Filen er for stor. Et Word-dokument kan være på høyst 10 MB.")
TOO_LARGE_UNPACKED = _l("Dokumentet inneholder for mye data. Fjern eller komprimer store bilder, og prøv igjen.")
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


class DocxRejected(ValueError):
    """An upload that cannot become a draft; ``reason`` tells the planner why and what to do."""

    def __init__(self, reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


def check_package(data: bytes) -> None:
    """Reject by content, before python-docx parses anything: size, format, zip bombs."""
    if len(data) > MAX_DOCX_BYTES:
        raise DocxRejected(TOO_LARGE)
    if data.startswith(_OLE_MAGIC):
        raise DocxRejected(PASSWORD_PROTECTED if _OLE_ENCRYPTION_INFO in data else PROTECTED_OR_OLD_DOC)
    if not data.startswith(b"PK\x03\x04"):
        raise DocxRejected(NOT_DOCX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise DocxRejected(CORRUPT) from error
    if not {"word/document.xml", "[Content_Types].xml"} <= {member.filename for member in members}:
        raise DocxRejected(NOT_DOCX)
    # A declared size is binding: zipfile never inflates a member past it (the CRC check fails).
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise DocxRejected(TOO_LARGE_UNPACKED)
