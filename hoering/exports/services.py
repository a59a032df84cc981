"""Rules for exports: who may export and who sees e-mail addresses, the audit entries, and the files made
in the background (an XLSX of every comment, the memo as DOCX): asking for one, making it, handing it
out, and deleting it a day later.

A file is made once and may be downloaded by anyone allowed to export the consultation, for
KEEP_FILES_FOR; a file with e-mail addresses only by those who see them. Files are kept in the
database (hoering.exports.files), so the web processes and workers of every machine find them there.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import BinaryIO

import sqlalchemy as sa
from flask import Flask
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from hoering.accounts.models import SEES_EMAIL
from hoering.audit import services as audit
from hoering.background import ACTIVE, DONE, FAILED, QUEUED, RUNNING
from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation
from hoering.consultations.planning import may_manage
from hoering.database import begin_write
from hoering.exports import files
from hoering.exports.comments import comment_rows, date_format, header
from hoering.exports.memo import DOCX_MIMETYPE, write_memo
from hoering.exports.memo_data import appendix_entries, memo_for
from hoering.exports.models import MEMO, XLSX, ExportJob
from hoering.exports.writers import XLSX_MIMETYPE, write_xlsx
from hoering.extensions import db
from hoering.languages import LOCALES

EXECUTE_EXPORT = "hoering.exports.services:execute_export"
KEEP_FILES_FOR = timedelta(hours=24)
# A job still queued or running after this long is taken to have died with its worker or process.
ABANDONED_AFTER = timedelta(hours=1)
PROGRESS_EVERY = 5000  # rows between two progress updates
RECENT_LIMIT = 20
SHEET_TITLE = _l("Innspill")
FILES = {  # kind: (mimetype, download name after the slug)
    XLSX: (XLSX_MIMETYPE, "innspill.xlsx"),
    MEMO: (DOCX_MIMETYPE, "horingsnotat.docx"),
}


def may_export(user, consultation: Consultation) -> bool:
    """Caseworkers and admins (who see e-mail addresses) export any consultation; a planner only one
    they may manage."""
    return user.has_any_role(SEES_EMAIL) or may_manage(user, consultation)


def sees_email(user) -> bool:
    """Whether the export includes the commenters' e-mail addresses."""
    return user.sees_email


def record_export(actor, consultation: Consultation, file_format: str, with_email: bool) -> None:
    """Log who exported which consultation, in which format, and how many e-mail addresses; commits.

    The export is a GET, whose transaction starts as a reader; on SQLite it could not become a
    writer while an analysis is writing, so the entry gets a write transaction of its own.
    """
    begin_write()
    _log_export(actor, consultation, file_format, with_email)
    db.session.commit()


def _log_export(actor, consultation: Consultation, file_format: str, with_email: bool) -> None:
    addresses = email_addresses(consultation.id) if with_email else 0
    audit.record(actor, "consultation.export", "consultation", consultation.id,
                 after={"format": file_format, "email": with_email, "addresses": addresses})


def email_addresses(consultation_id: int, until: datetime | None = None) -> int:
    """How many different citizens' e-mail addresses an export of the consultation holds: those of its
    comments (any status), or of those written up to ``until``, when the file was made."""
    query = sa.select(sa.func.count(sa.distinct(sa.func.lower(Comment.email)))).where(
        Comment.consultation_id == consultation_id, Comment.email.is_not(None), Comment.email != "")
    if until is not None:
        query = query.where(Comment.created_at <= until)
    return db.session.scalar(query)


def request_export(consultation: Consultation, actor, kind: str, language: str,
                   open_fields: bool = False) -> tuple[ExportJob, bool]:
    """Queue a new export (returns it and True), or return the same export already under way (and False).

    ``open_fields`` (the memo only): a draft with a place for each assessment not written yet.
    Logged like any export. Files older than KEEP_FILES_FOR are deleted first, of every consultation.
    Commits; the caller hands the job to the background (hoering.background, EXECUTE_EXPORT).
    """
    with_email = kind == XLSX and sees_email(actor)
    open_fields = kind == MEMO and open_fields
    begin_write()
    delete_expired_exports()
    active = _active_job(consultation, kind, with_email, open_fields)
    if active is not None:
        db.session.commit()
        return active, False
    job = ExportJob(consultation_id=consultation.id, requested_by_id=actor.id, kind=kind, with_email=with_email,
                    open_fields=open_fields, language=language if language in LOCALES else "nb")
    db.session.add(job)
    _log_export(actor, consultation, kind, with_email)
    db.session.commit()
    return job, True


def _active_job(consultation: Consultation, kind: str, with_email: bool, open_fields: bool) -> ExportJob | None:
    """The same export queued or running, if it is not abandoned (an abandoned one is marked failed)."""
    active = db.session.scalar(
        sa.select(ExportJob)
        .where(ExportJob.consultation_id == consultation.id, ExportJob.kind == kind,
               ExportJob.with_email == with_email, ExportJob.open_fields == open_fields,
               ExportJob.status.in_(ACTIVE))
        .order_by(ExportJob.id.desc())
    )
    if active is not None and utcnow() - active.created_at >= ABANDONED_AFTER:
        active.status, active.error, active.finished_at = FAILED, "abandoned", utcnow()
        return None
    return active


def execute_export(job_id: int) -> ExportJob | None:
    """Make the file of a queued export and record the outcome; commits as it goes (runs in the background).

    The file is written to a temporary file of this process (a ZIP is only complete once it has been
    written to the end), then stored in the database in the transaction that marks the export done, so
    a half-made file is never handed out. On failure nothing is stored and the error is kept on the job.
    """
    begin_write()
    job = db.session.get(ExportJob, job_id)
    if job is None or job.status != QUEUED:
        db.session.commit()
        return job
    consultation = db.session.get(Consultation, job.consultation_id)
    job.status, job.started_at = RUNNING, utcnow()
    job.rows_total = _rows_to_write(job)
    db.session.commit()
    try:
        with tempfile.TemporaryFile(prefix=f"hoering-export-{job.id}-") as file:
            with force_locale(LOCALES[job.language]):
                _write(job, consultation, file)
            file.seek(0)
            begin_write()
            _finish(job, DONE, size=files.store(job.id, file))
    except Exception as error:  # the page must say it failed, whatever the reason
        db.session.rollback()
        begin_write()
        _finish(job, FAILED, error=f"{type(error).__name__}: {error}"[:2000])
        raise
    return job


def _write(job: ExportJob, consultation: Consultation, target: BinaryIO) -> None:
    if job.kind == XLSX:
        rows = comment_rows(consultation, with_email=job.with_email, sheet=True)
        write_xlsx(header(job.with_email), _counted(rows, job), target, sheet_title=str(SHEET_TITLE),
                   date_format=date_format())
    else:
        write_memo(memo_for(consultation, job.language, open_fields=job.open_fields),
                   _counted(appendix_entries(consultation), job), target)


def _rows_to_write(job: ExportJob) -> int:
    """Every comment for the XLSX (all statuses), the citizens' published ones for the memo's appendix."""
    query = sa.select(sa.func.count()).where(Comment.consultation_id == job.consultation_id)
    if job.kind == MEMO:
        query = query.where(Comment.status == PUBLISHED, Comment.official.is_(False))
    return db.session.scalar(query)


def _counted(rows: Iterable, job: ExportJob) -> Iterator:
    """The rows unchanged, storing on the job how many have been written every PROGRESS_EVERY rows."""
    job_id = job.id
    for n, row in enumerate(rows, start=1):
        yield row
        if n % PROGRESS_EVERY == 0:
            begin_write()
            db.session.execute(sa.update(ExportJob).where(ExportJob.id == job_id).values(rows_done=n))
            db.session.commit()


def _finish(job: ExportJob, status: str, size: int | None = None, error: str | None = None) -> None:
    """Record the outcome and commit, in the write transaction the caller began (with the stored file)."""
    job.status, job.finished_at, job.size, job.error = status, utcnow(), size, error
    if status == DONE:
        job.rows_done = job.rows_total
    db.session.commit()


def recent_exports(consultation: Consultation, user, limit: int = RECENT_LIMIT) -> list[ExportJob]:
    """The consultation's exports of the last KEEP_FILES_FOR that ``user`` may download, newest first."""
    query = (
        sa.select(ExportJob)
        .where(ExportJob.consultation_id == consultation.id, ExportJob.created_at >= utcnow() - KEEP_FILES_FOR)
        .order_by(ExportJob.id.desc())
        .limit(limit)
    )
    if not sees_email(user):
        query = query.where(ExportJob.with_email.is_(False))
    return list(db.session.scalars(query))


def finished_export(consultation: Consultation, job_id: int) -> ExportJob | None:
    """The consultation's export with this id if its file is ready, else None (also another consultation's)."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.consultation_id != consultation.id or job.status != DONE or not files.is_stored(job.id):
        return None
    return job


def may_download(user, job: ExportJob) -> bool:
    """A file with e-mail addresses only for those who see them; may_export is checked first."""
    return sees_email(user) or not job.with_email


def record_download(actor, job: ExportJob) -> None:
    """Log who downloaded which export file, and how many e-mail addresses it holds: it may be someone
    other than who asked for it; commits."""
    addresses = email_addresses(job.consultation_id, until=job.finished_at) if job.with_email else 0
    begin_write()
    audit.record(actor, "consultation.export_download", "consultation", job.consultation_id,
                 after={"job": job.id, "format": job.kind, "email": job.with_email, "addresses": addresses})
    db.session.commit()


def download_details(job: ExportJob, slug: str) -> tuple[str, str]:
    """(mimetype, the file name the browser saves it as)."""
    mimetype, name = FILES[job.kind]
    return mimetype, f"{slug}-{name}"


def file_body(app: Flask, job: ExportJob) -> Iterator[bytes]:
    """The export's file for a response body, streamed from the database a part at a time."""
    return files.streamed(app, job.id)


def delete_expired_exports() -> int:
    """Delete exports made more than KEEP_FILES_FOR ago with their files; returns how many files went.
    Does not commit.

    Nothing else can be left over: a file is stored in the transaction that marks its export done (a
    process that dies while making one stores nothing), and deleting a consultation deletes its
    exports and their files with it (ON DELETE CASCADE)."""
    expired = sa.select(ExportJob.id).where(ExportJob.created_at < utcnow() - KEEP_FILES_FOR)
    deleted = files.delete(expired)
    for job in db.session.scalars(sa.select(ExportJob).where(ExportJob.id.in_(expired))).all():
        db.session.delete(job)
    return deleted
