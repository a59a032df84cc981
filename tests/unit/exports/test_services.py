"""Export jobs: one at a time per kind, made in the background, failures kept, files handed out only to
those allowed, and deleted a day later."""
from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from hoering.audit.models import AuditEntry
from hoering.background import DONE, FAILED, QUEUED, run_in_background, wait_for_threads
from hoering.clock import utcnow
from hoering.exports import services
from hoering.exports.models import MEMO, XLSX, ExportJob
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation


@pytest.fixture
def export_folder(settings) -> Path:
    return Path(settings["EXPORT_FOLDER"])


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


def test_an_xlsx_export_writes_the_file_and_records_size_and_rows(consultation, caseworker, export_folder):
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    job = services.execute_export(job.id)
    assert job.status == DONE and job.error is None and job.finished_at is not None
    path = export_folder / job.file_name
    assert path.stat().st_size == job.size and job.file_name.startswith(f"{job.id}-") and path.suffix == ".xlsx"
    assert (job.rows_total, job.rows_done) == (7, 7)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][5] == "E-post" and rows[1][5] == "ase@example.no" and rows[1][3] == "Åse Ødegård"
    assert rows[-1][rows[0].index("Tekst")] == "'=1+1 er to"
    assert [p.name for p in export_folder.iterdir()] == [job.file_name]  # no partial file left behind


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


def test_a_failed_export_is_recorded_and_leaves_no_file(consultation, caseworker, export_folder, monkeypatch):
    def broken(header, rows, target, **options):
        Path(target).write_bytes(b"halvferdig")
        raise OSError("disken er full")

    monkeypatch.setattr(services, "write_xlsx", broken)
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    with pytest.raises(OSError):
        services.execute_export(job.id)
    db.session.refresh(job)
    assert job.status == FAILED and job.error == "OSError: disken er full" and job.file_name is None
    assert list(export_folder.iterdir()) == []
    assert services.finished_export(consultation, job.id) is None


def test_exports_run_in_a_background_thread(app, consultation, caseworker):
    assert app.config["ANALYSIS_BACKEND"] == "thread"
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    run_in_background(app, services.EXECUTE_EXPORT, job.id)
    wait_for_threads()
    db.session.rollback()  # see what the thread committed
    job = db.session.get(ExportJob, job.id)
    assert job.status == DONE, job.error
    document = Document(services.export_path(job))
    assert "Vedlegg: alle innspill" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert not any("ase@example.no" in p.text for p in document.paragraphs)


def test_a_failure_in_a_background_thread_is_recorded_not_raised(app, consultation, caseworker, monkeypatch):
    monkeypatch.setattr(services, "write_memo", lambda *args: 1 / 0)
    job, _ = services.request_export(consultation, caseworker, MEMO, "nb")
    run_in_background(app, services.EXECUTE_EXPORT, job.id)
    wait_for_threads()
    db.session.rollback()
    assert db.session.get(ExportJob, job.id).error == "ZeroDivisionError: division by zero"


def test_old_exports_and_stray_files_are_deleted_when_a_new_one_is_requested(consultation, caseworker, export_folder):
    old, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(old.id)
    old_path = services.export_path(old)
    old.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    stray, recent = export_folder / "17-gammel.xlsx.part", export_folder / "18-ny.docx"
    stray.write_bytes(b"x"), recent.write_bytes(b"y")
    a_day_ago = time.time() - 25 * 3600
    os.utime(stray, (a_day_ago, a_day_ago))
    old_id = old.id
    services.request_export(consultation, caseworker, MEMO, "nb")
    assert db.session.get(ExportJob, old_id) is None
    assert not old_path.exists() and not stray.exists() and recent.exists()


def test_flask_exports_prune_deletes_expired_files(app, consultation, caseworker, export_folder):
    old, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    services.execute_export(old.id)
    old_path = services.export_path(old)
    old.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["exports", "prune"])
    assert result.exit_code == 0 and "Deleted 1 expired export files." in result.output
    assert not old_path.exists()


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
