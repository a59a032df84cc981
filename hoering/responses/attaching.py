"""Files attached to a formal response: each checked by its content and scanned for viruses before
anything is written, then stored with the version of the response it came with.

Checking and scanning happen outside the write transaction (a 20 MB PDF takes a moment); only the
storing takes the lock. When ClamAV is configured (CLAMD_SOCKET), a file it cannot scan is refused,
never taken unscanned.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from hoering.extensions import db
from hoering.rejections import Missing, Rejected
from hoering.responses import attachment_files, scanning
from hoering.responses.attachment_files import MAX_FILES, AttachmentRejected, CheckedFile
from hoering.responses.models import AttachmentBlob, FormalResponse, ResponseAttachment, ResponseVersion

FIELD = "attachments"
# A form with ten files of the largest size: the request limit of the forms that take attachments,
# far above the site's own (MAX_CONTENT_LENGTH).
MAX_RESPONSE_REQUEST_BYTES = MAX_FILES * attachment_files.MAX_FILE_BYTES + 5 * 1024 * 1024


class AttachmentsRejected(Rejected):
    """A file that cannot be attached, with why, shown at the attachments field."""


class AttachmentNotFound(Missing):
    pass


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def checked(uploads: list[Upload], kept: int = 0) -> tuple[list[CheckedFile], bool]:
    """The uploads scanned (when configured: first, so that no parser reads malware) and checked, and
    whether they were scanned; or
    AttachmentsRejected naming the first file refused. ``kept``: attachments of the response that stay."""
    if len(uploads) + kept > MAX_FILES:
        raise _rejected(AttachmentRejected(attachment_files.TOO_MANY_FILES))
    address = current_app.config.get("CLAMD_SOCKET", "")
    files = []
    for upload in uploads:
        try:
            if address:  # before any parser reads the file
                _scan(upload, address, attachment_files.cleaned_name(upload.name))
            files.append(attachment_files.check(upload.name, upload.data))
        except AttachmentRejected as rejection:
            raise _rejected(rejection) from rejection
    return files, bool(address)


def _scan(upload: Upload, address: str, name: str) -> None:
    try:
        result = scanning.scan(upload.data, address)
    except scanning.ScannerUnavailable as error:
        current_app.logger.error("Virus scanning failed for %r: %s", name, error)
        raise AttachmentRejected(attachment_files.NOT_SCANNED, name) from error
    if not result.clean:
        current_app.logger.warning("Refused an infected upload %r: %s", name, result.signature)
        raise AttachmentRejected(attachment_files.INFECTED, name, signature=result.signature or "?")


def _rejected(rejection: AttachmentRejected) -> AttachmentsRejected:
    return AttachmentsRejected(FIELD, rejection.message(gettext) + " " + gettext(
        "Teksten du skrev er tatt vare på; velg filene på nytt."))


def store(response: FormalResponse, version: ResponseVersion, files: list[CheckedFile], uploads: list[Upload],
          keep: set[int], scanned: bool) -> None:
    """Attach ``files`` to ``response`` from ``version`` on, and take out its current attachments not
    in ``keep``; the caller commits. The bytes are stored once per SHA-256."""
    for attachment in list(response.attachments):
        if attachment.id not in keep:
            attachment.removed_version_id = version.id
    known = set(db.session.scalars(sa.select(AttachmentBlob.sha256).where(
        AttachmentBlob.sha256.in_([file.sha256 for file in files]))))
    for file, upload in zip(files, uploads):
        if file.sha256 not in known:
            db.session.add(AttachmentBlob(sha256=file.sha256, data=upload.data))
            known.add(file.sha256)
        db.session.add(ResponseAttachment(
            response_id=response.id, version_id=version.id, name=file.name, kind=file.kind,
            content_type=file.content_type, size=file.size, sha256=file.sha256, pages=file.pages, text=file.text,
            scanned=scanned))
    db.session.flush()
    db.session.expire(response, ["attachments"])


def get_attachment(response: FormalResponse, attachment_id: int) -> ResponseAttachment:
    """One of the response's current attachments; AttachmentNotFound for any other."""
    attachment = db.session.get(ResponseAttachment, attachment_id)
    if attachment is None or attachment.response_id != response.id or attachment.removed_version_id is not None:
        raise AttachmentNotFound(attachment_id)
    return attachment


def data_of(attachment: ResponseAttachment) -> bytes:
    return db.session.scalar(sa.select(AttachmentBlob.data).where(AttachmentBlob.sha256 == attachment.sha256))
