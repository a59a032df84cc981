"""Export jobs: one at a time per kind, made in the background, failures kept, files kept in the database
(whole or not at all), handed out only to those allowed, and deleted a day later."""
from __future__ import annotations

import io
import math
from datetime import timedelta

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from hoering.audit.models import AuditEntry
from hoering.background import DONE, FAILED, QUEUED, run_in_background, wait_for_threads
from hoering.clock import utcnow
from hoering.exports import files, services
from hoering.exports.models import MEMO, XLSX, ExportFilePart, ExportJob
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation


def stored_file(job: ExportJob) -> bytes:
    """The export's file as the database holds it, put together from its parts."""
    return b"".join(files.parts(job.id))


def stored_parts(job_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(ExportFilePart.job_id == job_id))


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS):
        make_comment(consultation, None, text=f"{text} – æøå {n}", author_name="Åse Ødegård", email="ase@example.no")
    make_comment(consultation, None, text="=1+1 er to")
    return consultation


@pytest.fixture
def caseworker(auth):
    return auth.user("caseworker")


@pytest.fixture
def planner(auth):
    return auth.user("planner")


def test_an_export_is_queued_logged_and_a_second_request_joins_it(consultation, caseworker):
    job, started = services.request_export(consultation, caseworker, XLSX, "nn")
    assert started and job.status == QUEUED and job.with_email and job.language == "nn"
    again, started_again = services.request_export(consultation, caseworker, XLSX, "nb")
    assert not started_again and again.id == job.id
    memo, memo_started = services.request_export(consultation, caseworker, MEMO, "nb")
    assert memo_started and not memo.with_email  # the memo never holds e-mail addresses
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "consultation.export")).all()
    assert [entry.after for entry in entries] == [{"format": "xlsx", "email": True, "addresses": 1},
                                                  {"format": "memo", "email": False, "addresses": 0}]


def test_a_planner_s_export_has_no_e_mail_and_is_a_separate_job(consultation, caseworker, planner):
    with_email, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    without, started = services.request_export(consultation, planner, XLSX, "nb")
    assert started and without.id != with_email.id and not without.with_email


def test_an_abandoned_export_does_not_block_a_new_one(consultation, caseworker):
    stuck, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    stuck.created_at -= timedelta(hours=2)
    db.session.commit()
    fresh, started = services.request_export(consultation, caseworker, XLSX, "nb")
    assert started and fresh.id != stuck.id and stuck.status == FAILED and stuck.error == "abandoned"


def test_an_xlsx_export_stores_the_file_in_the_database_and_records_size_and_rows(consultation, caseworker):
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    job = services.execute_export(job.id)
    assert job.status == DONE and job.error is None and job.finished_at is not None
    data = stored_file(job)
    assert len(data) == job.size and data.startswith(b"PK")  # an XLSX is a ZIP
    assert (job.rows_total, job.rows_done) == (7, 7)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][5] == "E-post" and rows[1][5] == "ase@example.no" and rows[1][3] == "Åse Ødegård"
    assert rows[-1][rows[0].index("Tekst")] == "'=1+1 er to"
    assert services.finished_export(consultation, job.id).id == job.id


def test_a_large_file_is_stored_and_read_back_a_part_at_a_time(consultation, caseworker, monkeypatch):
    monkeypatch.setattr(files, "PART_SIZE", 1000)
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    job = services.execute_export(job.id)
    parts = list(files.parts(job.id))
    assert len(parts) == stored_parts(job.id) == math.ceil(job.size / 1000) > 5
    assert all(len(part) == 1000 for part in parts[:-1]) and 0 < len(parts[-1]) <= 1000
    assert "Vedlegg: alle innspill" in [p.text for p in Document(io.BytesIO(b"".join(parts))).paragraphs]


def test_a_download_is_cut_off_when_the_file_is_deleted_while_it_is_read(consultation, caseworker, monkeypatch):
    monkeypatch.setattr(files, "PART_SIZE", 1000)
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(job.id)
    reading = files.parts(job.id)
    assert len(next(reading)) == 1000
    files.delete(sa.select(ExportJob.id))  # as the hourly prune would, had the export expired meanwhile
    db.session.commit()
    with pytest.raises(files.FileGone):  # rather than handing out the first part as if it were the file
        next(reading)


def test_progress_is_stored_while_the_file_is_written(consultation, caseworker, monkeypatch):
    seen = []
    real_write = services.write_xlsx

    def watching(header, rows, target, **options):
        def rows_and_progress():
            for row in rows:
                yield row
                seen.append(db.session.scalar(sa.select(ExportJob.rows_done)))
        real_write(header, rows_and_progress(), target, **options)

    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(services, "write_xlsx", watching)
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(job.id)
    assert seen == [0, 0, 2, 2, 4, 4, 6]  # stored once a row has been written, every second row


def test_a_failed_export_is_recorded_and_stores_no_file(consultation, caseworker, monkeypatch):
    def broken(header, rows, target, **options):
        target.write(b"halvferdig")
        raise OSError("disken er full")

    monkeypatch.setattr(services, "write_xlsx", broken)
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    with pytest.raises(OSError):
        services.execute_export(job.id)
    db.session.refresh(job)
    assert job.status == FAILED and job.error == "OSError: disken er full" and job.size is None
    assert stored_parts(job.id) == 0
    assert services.finished_export(consultation, job.id) is None


def test_a_file_is_stored_whole_or_not_at_all(consultation, caseworker, monkeypatch):
    real_store = files.store

    def cut_short(job_id, source):
        real_store(job_id, io.BytesIO(source.read(100)))
        raise OSError("forbindelsen til databasen brøt")

    monkeypatch.setattr(files, "store", cut_short)
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    with pytest.raises(OSError):
        services.execute_export(job.id)
    db.session.refresh(job)
    assert job.status == FAILED and job.error == "OSError: forbindelsen til databasen brøt"
    assert stored_parts(job.id) == 0 and services.finished_export(consultation, job.id) is None


def test_exports_run_in_a_background_thread(app, consultation, caseworker):
    assert app.config["ANALYSIS_BACKEND"] == "thread"
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    run_in_background(app, services.EXECUTE_EXPORT, job.id)
    wait_for_threads()
    db.session.rollback()  # see what the thread committed
    job = db.session.get(ExportJob, job.id)
    assert job.status == DONE, job.error
    document = Document(io.BytesIO(stored_file(job)))
    assert "Vedlegg: alle innspill" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert not any("ase@example.no" in p.text for p in document.paragraphs)


def test_a_failure_in_a_background_thread_is_recorded_not_raised(app, consultation, caseworker, monkeypatch):
    monkeypatch.setattr(services, "write_memo", lambda *args: 1 / 0)
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    run_in_background(app, services.EXECUTE_EXPORT, job.id)
    wait_for_threads()
    db.session.rollback()
    assert db.session.get(ExportJob, job.id).error == "ZeroDivisionError: division by zero"


def test_old_exports_and_their_files_are_deleted_when_a_new_one_is_requested(consultation, caseworker):
    old, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(old.id)
    recent, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    services.execute_export(recent.id)
    old.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    old_id, recent_id = old.id, recent.id
    assert stored_parts(old_id) > 0
    services.request_export(consultation, caseworker, XLSX, "nb")
    assert db.session.get(ExportJob, old_id) is None and stored_parts(old_id) == 0
    assert db.session.get(ExportJob, recent_id).is_done and stored_parts(recent_id) > 0


def test_flask_exports_prune_deletes_expired_files(app, consultation, caseworker):
    old, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(old.id)
    old.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    old_id = old.id
    result = app.test_cli_runner().invoke(args=["exports", "prune"])
    assert result.exit_code == 0 and "Deleted 1 expired export files." in result.output
    db.session.rollback()  # see what the command committed
    assert db.session.get(ExportJob, old_id) is None and stored_parts(old_id) == 0


def test_deleting_a_consultation_deletes_its_export_files(consultation, caseworker):
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(job.id)
    job_id = job.id
    db.session.delete(consultation)
    db.session.commit()
    assert stored_parts(job_id) == 0


def test_files_with_e_mail_are_only_for_those_who_see_e_mail(consultation, caseworker, planner):
    with_email, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    memo, _ = services.request_export(consultation, planner, MEMO, "nb")
    assert [job.id for job in services.recent_exports(consultation, caseworker)] == [memo.id, with_email.id]
    assert [job.id for job in services.recent_exports(consultation, planner)] == [memo.id]
    assert services.may_download(caseworker, with_email) and not services.may_download(planner, with_email)
    assert services.may_download(planner, memo)


def test_an_export_is_only_found_through_its_own_consultation(consultation, caseworker):
    other = make_consultation("annen-horing")
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    assert services.finished_export(consultation, job.id) is None  # not made yet
    services.execute_export(job.id)
    assert services.finished_export(consultation, job.id).id == job.id
    assert services.finished_export(other, job.id) is None
    assert services.finished_export(consultation, job.id + 1000) is None
