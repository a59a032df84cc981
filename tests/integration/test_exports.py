"""Staff export every comment as CSV (streamed) or XLSX, and the høringsnotat as DOCX (both made in the
background): what each role sees, the analysis columns, the exports page, downloads, the audit log;
and that what they hand in is ready: a memo without Markdown whose counts are the database's, a
spreadsheet in the reader's language with real dates, a frozen header and filters."""
from __future__ import annotations

import contextvars
import csv
import io
import os
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from hoering.analysis.participation import person_key
from hoering.audit.models import AuditEntry
from hoering.background import wait_for_threads
from hoering.casework.review import current_summary
from hoering.casework.services import run_now
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.consultations.services import current_units
from hoering.config import INSTANCE_DIR
from hoering.exports import files, services
from hoering.exports.comments import comment_rows
from hoering.exports.models import XLSX, ExportFilePart, ExportJob
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation
from tests.integration.test_languages import ENGLISH, compiled_catalogues  # noqa: F401 (compiles the .mo files)

CSV_URL = "/admin/hoeringer/digital-dialog/eksport.csv"
XLSX_URL = "/admin/hoeringer/digital-dialog/eksport.xlsx"
EXPORTS_URL = "/admin/hoeringer/digital-dialog/eksport"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    first = make_comment(consultation, "formal", text="=HYPERLINK(\"http://ond.example\",\"Klikk her\")",
                         author_name="Åse Ødegård", email="ase@example.no", stance="support",
                         organisation="Blåbær velforening")
    make_comment(consultation, "formal", text="Enig med Åse.", parent_id=first.id, author_name="Per Ås")
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        comment = make_comment(consultation, None, text=f"{text} ({n})")
        if n in (3, 7):
            comment.status = "hidden"  # exported too, in id order among the published ones
    db.session.commit()
    return consultation


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="digital-dialog-innspill.csv"'
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def get_as_served(client, url: str):
    """GET ``url`` as a WSGI server serves it: outside the tests' app context, with the body read only
    after the view has returned and the request's context (and database session) has been torn down."""
    def serve():
        response = client.get(url, buffered=False)
        response.get_data()  # reads the streamed body now, after the request has ended
        return response
    return contextvars.Context().run(serve)


def finish_exports() -> None:
    """Wait for the export threads, then end this session's snapshot to see what they committed."""
    wait_for_threads()
    db.session.rollback()


def download_links(pages) -> list[str]:
    page = pages.get(EXPORTS_URL)
    return [a["href"] for a in page.select("tbody a[href]")]


def export_entries() -> list[tuple]:
    """(actor, action, consultation id, details) of each export and download in the audit log."""
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action.like("consultation.export%")).order_by(AuditEntry.id)
    )
    return [(entry.actor, entry.action, entry.target_id, entry.after) for entry in entries]


def appendix_headers(document) -> list[str]:
    """The line above each comment in the memo's appendix."""
    paragraphs = document.paragraphs
    start = [p.text for p in paragraphs].index("Vedlegg: alle innspill")
    return [p.text for p in paragraphs[start + 2:] if p.runs and p.runs[0].bold and p.text.startswith("Innspill ")]


def start_xlsx(client):
    """Press the exports page's XLSX button."""
    response = client.post(EXPORTS_URL, data={"kind": "xlsx"})
    assert response.status_code == 302 and response.location.endswith(EXPORTS_URL)


def export_xlsx(client, pages):
    """Start the XLSX from the exports page, wait for it and download the file."""
    start_xlsx(client)
    finish_exports()
    links = download_links(pages)
    assert links, "the finished export has a download link"
    return client.get(links[0])


def test_caseworker_gets_every_comment_with_e_mail(consultation, client, auth):
    auth.login_as("caseworker")
    rows = read_csv(client.get(CSV_URL))
    assert len(rows) == 2 + len(TOPICAL_COMMENTS) * 3
    first, reply = rows[0], rows[1]
    assert first["E-post"] == "ase@example.no"
    assert first["Navn"] == "Åse Ødegård" and first["Organisasjon"] == "Blåbær velforening"
    assert first["Tekst"] == "'=HYPERLINK(\"http://ond.example\",\"Klikk her\")"
    assert first["Standpunkt"] == "support" and first["Status"] == "published"
    assert first["Nummer"] != "" and rows[2]["Nummer"] == ""  # a paragraph; the whole document
    assert reply["Svar på"] == first["ID"]
    assert first["Opprettet"].endswith(("+01:00", "+02:00"))  # Oslo time
    assert [int(row["ID"]) for row in rows] == sorted(int(row["ID"]) for row in rows)
    assert [row["Status"] for row in rows].count("hidden") == 2
    assert first["Innsender"] == "organisation" and rows[2]["Innsender"] == "person"
    assert list(rows[0])[-2:] == ["Tekst", "Innsender"]  # a new column goes last: scripts read by position


def test_the_csv_streams_every_row_after_the_request_has_ended(consultation, client, auth):
    auth.login_as("caseworker")
    rows = read_csv(get_as_served(client, CSV_URL))
    assert len(rows) == 2 + len(TOPICAL_COMMENTS) * 3
    assert rows[0]["E-post"] == "ase@example.no" and rows[-1]["Tekst"].endswith(f"({len(TOPICAL_COMMENTS) * 3 - 1})")


def test_rows_are_the_same_whatever_the_batch_size(consultation):
    everything = list(comment_rows(consultation, with_email=True, batch_size=1000))
    assert list(comment_rows(consultation, with_email=True, batch_size=3)) == everything
    assert [row[0] for row in everything] == sorted(row[0] for row in everything)
    assert len(everything) == 2 + len(TOPICAL_COMMENTS) * 3


def test_planner_gets_no_e_mail_column(consultation, client, auth, pages):
    auth.login_as("planner")
    rows = read_csv(client.get(CSV_URL))
    assert "E-post" not in rows[0]
    assert "ase@example.no" not in client.get(CSV_URL).get_data(as_text=True)
    sheet = load_workbook(io.BytesIO(export_xlsx(client, pages).data)).active
    assert "E-post" not in [cell.value for cell in sheet[1]]


def test_planner_cannot_export_a_consultation_owned_by_someone_else(consultation, client, auth):
    consultation.owner_id = auth.user("planner", email="eier@fjordvik.example.no").id
    db.session.commit()
    auth.login_as("planner")
    for url in (CSV_URL, XLSX_URL, EXPORTS_URL):
        assert client.get(url).status_code == 403
    assert client.post(EXPORTS_URL, data={"kind": "memo"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob)) == 0


def test_theme_and_campaign_columns_come_from_the_latest_analysis(consultation, client, auth):
    auth.login_as("caseworker")
    assert all(row["Tema"] == "" for row in read_csv(client.get(CSV_URL)))
    run = run_now(consultation)
    assert run.status == "done", run.error
    labels = {theme["label"] for theme in run.result["themes"]}
    rows = read_csv(client.get(CSV_URL))
    assert labels and {row["Tema"] for row in rows} - {""} <= labels
    assert any(row["Tema"] for row in rows)
    in_campaigns = {cid for c in run.result["campaigns"] for cid in c["comment_ids"]}
    assert {int(row["ID"]) for row in rows if row["Kampanje"]} == in_campaigns


def test_xlsx_holds_the_same_rows_with_formulas_as_text(consultation, client, auth, pages):
    auth.login_as("caseworker")
    response = export_xlsx(client, pages)
    assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
    assert response.headers["Content-Disposition"].startswith("attachment; filename=digital-dialog-innspill.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, sheet[2]))
    assert first["Navn"].value == "Åse Ødegård" and first["E-post"].value == "ase@example.no"
    assert first["Tekst"].value.startswith("'=HYPERLINK") and first["Tekst"].data_type == "s"
    assert isinstance(first["ID"].value, int)
    assert sheet.max_row == 1 + 2 + len(TOPICAL_COMMENTS) * 3


def test_anonymous_visitors_are_sent_to_login(consultation, client):
    for url in (CSV_URL, XLSX_URL, EXPORTS_URL, f"{EXPORTS_URL}/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/logg-inn" in response.headers["Location"]


def test_moderators_may_not_export(consultation, client, auth):
    auth.login_as("moderator")
    for url in (CSV_URL, XLSX_URL, EXPORTS_URL, f"{EXPORTS_URL}/1"):
        assert client.get(url).status_code == 403
    assert client.post(EXPORTS_URL, data={"kind": "xlsx"}).status_code == 403


@pytest.mark.parametrize("roles", [("caseworker",), ("admin",), ("planner",)])
def test_caseworkers_admins_and_planners_who_manage_it_make_the_memo(consultation, client, auth, pages, roles):
    user = auth.login_as(*roles)
    consultation.owner_id = user.id  # the planner's own consultation
    db.session.commit()
    response = client.post(EXPORTS_URL, data={"kind": "memo"})
    assert response.status_code == 302 and response.location.endswith(EXPORTS_URL)
    finish_exports()
    page = pages.get(EXPORTS_URL)
    row = page.select_one("tbody tr")
    assert "Høringsnotat (Word)" in row.get_text() and "Ferdig" in row.get_text() and user.name in row.get_text()
    download = client.get(row.select_one("a")["href"])
    assert download.status_code == 200 and download.mimetype == DOCX_MIMETYPE
    assert download.headers["Content-Disposition"] == "attachment; filename=digital-dialog-horingsnotat.docx"
    document = Document(io.BytesIO(download.data))
    outline = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert outline == ["Bakgrunn", "Høringsprosessen", "Innspill til hvert punkt i utkastet", "Temaer i innspillene",
                       "Vedlegg: alle innspill"]
    paragraphs = [p.text for p in document.paragraphs]
    appendix = appendix_headers(document)
    assert len(appendix) == 2 + len(TOPICAL_COMMENTS) * 3 - 2  # every published comment (2 are hidden)
    assert appendix[0].startswith("Innspill ") and "Åse Ødegård, Blåbær velforening" in appendix[0]
    assert not any("ase@example.no" in text for text in paragraphs)


def test_the_memo_quotes_the_reviewed_analysis(consultation, client, auth):
    run = run_now(consultation)
    assert run.status == "done", run.error
    auth.login_as("caseworker")
    client.post(EXPORTS_URL, data={"kind": "memo"})
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    assert job.status == "done", job.error
    document = Document(io.BytesIO(client.get(f"{EXPORTS_URL}/{job.id}").data))
    themes = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert {theme["label"] for theme in run.result["themes"]} <= set(themes)
    assert any(p.style.name == "Quote" for p in document.paragraphs)
    assert "Utkast – ikke godkjent" in [p.text for p in document.paragraphs[:4]]  # nothing signed off yet


def test_the_xlsx_button_starts_the_export_in_the_background(consultation, client, auth, pages):
    auth.login_as("caseworker")
    started = time.monotonic()
    response = client.post(EXPORTS_URL, data={"kind": "xlsx"}, follow_redirects=True)
    assert response.status_code == 200 and time.monotonic() - started < 5  # the request does not wait
    assert "Eksporten er startet." in response.get_data(as_text=True)
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    assert (job.kind, job.with_email, job.status, job.rows_done) == ("xlsx", True, "done", 2 + len(TOPICAL_COMMENTS) * 3)
    assert download_links(pages) == [f"{EXPORTS_URL}/{job.id}"]


def test_the_old_xlsx_address_leads_to_the_exports_page_and_starts_nothing(consultation, client, auth, pages):
    auth.login_as("caseworker")
    response = client.get(XLSX_URL)  # a bookmark, or a browser prefetching the link
    assert response.status_code == 302 and response.location.endswith(EXPORTS_URL)
    finish_exports()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob)) == 0
    assert export_entries() == []
    page = pages.get(response.location)
    assert page.select_one("form[method=post] input[name=kind][value=xlsx]") is not None
    assert "Eksporten er startet." not in page.get_text()


def test_the_exports_page_shows_progress_and_a_link_to_refresh(consultation, client, auth, pages):
    user = auth.login_as("caseworker")
    db.session.add(ExportJob(consultation_id=consultation.id, requested_by_id=user.id, kind="xlsx", with_email=True,
                             status="running", rows_total=100_000, rows_done=35_000))
    db.session.commit()
    page = pages.get(EXPORTS_URL)
    progress = page.select_one("tbody progress")
    assert (progress["max"], progress["value"]) == ("100000", "35000")
    assert "35\u00a0000 av 100\u00a0000 innspill" in page.get_text()
    assert page.find("a", string="Oppdater siden")["href"] == EXPORTS_URL
    assert not page.select("tbody a") and not page.select("meta[http-equiv]")


def test_a_planner_gets_no_file_with_e_mail_addresses(consultation, client, auth, pages):
    auth.login_as("caseworker")
    start_xlsx(client)
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    assert job.with_email
    auth.logout()
    auth.login_as("planner")
    assert download_links(pages) == []
    assert client.get(f"{EXPORTS_URL}/{job.id}").status_code == 403


def test_another_consultation_s_export_is_not_found(consultation, client, auth):
    make_consultation("annen-horing")
    auth.login_as("caseworker")
    start_xlsx(client)
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    assert client.get(f"{EXPORTS_URL}/{job.id}").status_code == 200
    assert client.get(f"/admin/hoeringer/annen-horing/eksport/{job.id}").status_code == 404
    assert client.get(f"{EXPORTS_URL}/{job.id + 1}").status_code == 404


def test_an_unknown_kind_of_export_is_refused_with_a_message(consultation, client, auth):
    auth.login_as("caseworker")
    response = client.post(EXPORTS_URL, data={"kind": "pdf"}, follow_redirects=True)
    assert "Velg hva som skal eksporteres." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob)) == 0


def test_each_export_and_download_is_in_the_audit_log_with_how_many_addresses(consultation, client, auth, pages):
    make_comment(consultation, text="Enda et innspill.", email="ASE@example.no")  # the same address
    make_comment(consultation, text="Et tredje.", email="ola@example.no")
    caseworker = auth.login_as("caseworker")
    client.get(CSV_URL).close()
    export_xlsx(client, pages).close()
    client.post(EXPORTS_URL, data={"kind": "memo"})
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    target = str(consultation.id)
    assert export_entries() == [
        (caseworker.email, "consultation.export", target, {"format": "csv", "email": True, "addresses": 2}),
        (caseworker.email, "consultation.export", target, {"format": "xlsx", "email": True, "addresses": 2}),
        (caseworker.email, "consultation.export_download", target,
         {"job": job.id, "format": "xlsx", "email": True, "addresses": 2}),
        (caseworker.email, "consultation.export", target, {"format": "memo", "email": False, "addresses": 0}),
    ]


def test_a_download_logs_the_addresses_in_the_file_not_those_written_since(consultation, client, auth, pages):
    auth.login_as("caseworker")
    export_xlsx(client, pages).close()
    link = download_links(pages)[0]
    make_comment(consultation, text="Skrevet etter eksporten.", email="ny@example.no")
    auth.logout()
    admin = auth.login_as("admin")
    assert client.get(link).status_code == 200
    assert export_entries()[-1][:2] == (admin.email, "consultation.export_download")
    assert export_entries()[-1][3]["addresses"] == 1


def test_a_planner_s_export_is_logged_without_addresses(consultation, client, auth):
    consultation.owner_id = auth.user("planner").id
    db.session.commit()
    planner = auth.login_as("planner")
    client.get(CSV_URL).close()
    assert export_entries() == [(planner.email, "consultation.export", str(consultation.id),
                                 {"format": "csv", "email": False, "addresses": 0})]


def test_a_stored_character_xml_cannot_hold_fails_no_export(consultation, client, auth):
    comment = make_comment(consultation, None, text="Før")
    db.session.execute(sa.update(Comment).where(Comment.id == comment.id)  # stored before input was cleaned
                       .values(text="Nei\ufffe takk\uffff", html="<p>Nei\ufffe takk\uffff</p>", author_name="Kari\ufffe"))
    db.session.commit()
    auth.login_as("caseworker")
    for kind in ("xlsx", "memo", "xlsx"):
        client.post(EXPORTS_URL, data={"kind": kind})
        finish_exports()
    jobs = db.session.scalars(sa.select(ExportJob).order_by(ExportJob.id)).all()
    assert [(job.kind, job.status, job.error) for job in jobs] == [("xlsx", "done", None), ("memo", "done", None),
                                                                   ("xlsx", "done", None)]
    sheet = load_workbook(io.BytesIO(client.get(f"{EXPORTS_URL}/{jobs[2].id}").data)).active
    assert ["Kari\ufffd", "Nei\ufffd takk\ufffd"] in [[row[3], row[-2]] for row in sheet.iter_rows(values_only=True)]
    document = Document(io.BytesIO(client.get(f"{EXPORTS_URL}/{jobs[1].id}").data))
    assert document.paragraphs[-1].text.endswith("Nei\ufffd takk\ufffd")


def test_a_failed_export_does_not_stop_the_next_one(consultation, client, auth, pages, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disken er full")

    auth.login_as("caseworker")
    monkeypatch.setattr(services, "write_xlsx", fail)
    client.post(EXPORTS_URL, data={"kind": "xlsx"})
    finish_exports()
    monkeypatch.undo()
    failed = db.session.scalar(sa.select(ExportJob))
    assert (failed.status, failed.size, failed.error) == ("failed", None, "OSError: disken er full")
    assert "Prøv igjen" in pages.get(EXPORTS_URL).select_one(f"#eksport-{failed.id}").get_text()
    response = client.post(EXPORTS_URL, data={"kind": "xlsx"}, follow_redirects=True)
    assert "Eksporten er startet." in response.get_data(as_text=True)
    finish_exports()
    assert [job.status for job in db.session.scalars(sa.select(ExportJob).order_by(ExportJob.id))] == ["failed", "done"]
    done = db.session.get(ExportJob, failed.id + 1)
    assert download_links(pages) == [f"{EXPORTS_URL}/{done.id}"]
    assert db.session.scalars(sa.select(ExportFilePart.job_id).distinct()).all() == [done.id]  # nothing half-stored


def test_a_download_is_streamed_from_the_database_a_part_at_a_time(consultation, client, auth, monkeypatch):
    monkeypatch.setattr(files, "PART_SIZE", 4096)
    auth.login_as("caseworker")
    start_xlsx(client)
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    parts = db.session.scalar(sa.select(sa.func.count()).where(ExportFilePart.job_id == job.id))
    assert parts == -(-job.size // 4096) > 1

    def serve():  # as a WSGI server does: the body read after the request's context is gone
        response = client.get(f"{EXPORTS_URL}/{job.id}", buffered=False)
        return response, list(response.iter_encoded())

    response, body = contextvars.Context().run(serve)
    assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
    assert [len(part) for part in body[:-1]] == [4096] * (parts - 1)  # one part of the file at a time
    assert response.headers["Content-Length"] == str(job.size) == str(sum(map(len, body)))
    assert response.headers["Content-Disposition"] == "attachment; filename=digital-dialog-innspill.xlsx"
    assert response.headers["Cache-Control"] == "no-store"  # it holds e-mail addresses
    assert len(list(load_workbook(io.BytesIO(b"".join(body))).active.iter_rows())) == 3 + len(TOPICAL_COMMENTS) * 3


def test_a_file_made_by_a_worker_elsewhere_is_downloaded_from_the_database(consultation, client, auth, settings,
                                                                           tmp_path):
    """The worker is another process, as on another machine: it shares only DATABASE_URL with this one,
    runs from a folder of its own with a temporary folder of its own, and leaves nothing in either."""
    caseworker = auth.login_as("caseworker")
    job, _ = services.request_export(consultation, caseworker, XLSX, "nb")
    worker_folder, worker_tmp = tmp_path / "arbeider", tmp_path / "arbeider-tmp"
    worker_folder.mkdir(), worker_tmp.mkdir()
    instance_before = sorted(INSTANCE_DIR.rglob("*"))
    environ = {"PATH": os.environ["PATH"], "PYTHONPATH": str(INSTANCE_DIR.parent), "TMPDIR": str(worker_tmp),
               "DATABASE_URL": settings["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "en annen maskin"}
    subprocess.run([sys.executable, "-c", "import sys; from hoering.worker import run_job; "
                    "run_job('hoering.exports.services:execute_export', int(sys.argv[1]))", str(job.id)],
                   cwd=worker_folder, env=environ, check=True, capture_output=True, timeout=120)
    db.session.rollback()  # see what the worker committed
    assert db.session.get(ExportJob, job.id).status == "done"
    sheet = load_workbook(io.BytesIO(client.get(f"{EXPORTS_URL}/{job.id}").data)).active
    assert ["Åse Ødegård", "ase@example.no"] in [[row[3], row[5]] for row in sheet.iter_rows(values_only=True)]
    assert list(worker_folder.iterdir()) == list(worker_tmp.iterdir()) == []
    assert sorted(INSTANCE_DIR.rglob("*")) == instance_before  # no exports folder, no file in one


def test_an_export_without_a_stored_file_is_not_found(consultation, client, auth):
    """An export finished before its file was kept in the database: its file is not there to hand out."""
    caseworker = auth.login_as("caseworker")
    db.session.add(ExportJob(consultation_id=consultation.id, requested_by_id=caseworker.id, kind=XLSX,
                             with_email=True, status="done", size=1234, finished_at=utcnow()))
    db.session.commit()
    job = db.session.scalar(sa.select(ExportJob))
    assert client.get(f"{EXPORTS_URL}/{job.id}").status_code == 404


def test_unknown_consultation_is_not_found(app, client, auth):
    auth.login_as("caseworker")
    assert client.get("/admin/hoeringer/finnes-ikke/eksport.csv").status_code == 404


def test_on_an_rq_worker_when_redis_is_configured(consultation, client, auth, rq_worker):
    auth.login_as("caseworker")
    client.post(EXPORTS_URL, data={"kind": "memo"})
    assert rq_worker.count == 1
    rq_worker.work()
    db.session.rollback()
    job = db.session.scalar(sa.select(ExportJob))
    assert job.status == "done", job.error
    assert client.get(f"{EXPORTS_URL}/{job.id}").status_code == 200


MARKDOWN = re.compile(r"\*\*|__|^#|^\s*[-*] |\|---|\]\(", re.MULTILINE)
MARKDOWN_COMMENTS = [
    ("Jeg er **helt uenig** i _dette_:\n\n- kortere svartid\n- åpent i helgene", "against", "Fjordvik Idrettslag"),
    ("Se [kommunens side](https://fjordvik.example/plan).\n\n1. først\n2. så", "suggestion", ""),
    ("Åpningstider:\n\n| Dag | Åpent |\n|---|---|\n| Lørdag | 10–14 |", "", "fjordvik idrettslag"),
]


def export_memo(client, **data) -> Document:
    client.post(EXPORTS_URL, data={"kind": "memo", **data})
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob).order_by(ExportJob.id.desc()))
    assert job.status == "done", job.error
    return Document(io.BytesIO(client.get(f"{EXPORTS_URL}/{job.id}").data))


def body_paragraphs(document) -> list:
    """Every paragraph of the body, those in table cells too."""
    return list(document.element.body.iter(qn("w:p")))


def text_of(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def published_count(*conditions) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Comment.status == "published", *conditions))


def counts_under(document, heading: str, pattern: str) -> list[int]:
    """The numbers matching ``pattern`` in the paragraphs of the part of the memo under ``heading`` (level 1)."""
    inside, found = False, []
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
        elif inside and (match := re.fullmatch(pattern, p.text)):
            found.append(int(match.group(1).replace("\u00a0", "")))
    return found


def test_the_memo_has_no_markdown_and_counts_what_the_database_holds(consultation, client, auth):
    for text, stance, organisation in MARKDOWN_COMMENTS:
        make_comment(consultation, "facebook-brukes-til-nyheter-arrangementer-og", text=text, stance=stance,
                     author_name="Ola Normann", organisation=organisation)
    run = run_now(consultation)
    assert run.status == "done", run.error
    # Hidden since the analysis: a themed comment by a writer with more, not one of the Markdown
    # comments read below (which themes hold which comments varies with the clustering).
    themed = [i for theme in current_summary(consultation)["themes"] for i in theme["comment_ids"]]
    writers = sa.select(Comment.author_name).where(Comment.status == "published").group_by(Comment.author_name) \
        .having(sa.func.count() > 1)
    hidden = db.session.scalars(sa.select(Comment.id).where(
        Comment.id.in_(themed), Comment.author_name.in_(writers), Comment.author_name != "Ola Normann")
        .order_by(Comment.id)).first()
    db.session.execute(sa.update(Comment).where(Comment.id == hidden).values(status="hidden"))
    db.session.commit()
    auth.login_as("caseworker")
    document = export_memo(client)

    for paragraph in body_paragraphs(document):
        assert not MARKDOWN.search(text_of(paragraph)), text_of(paragraph)
    paragraphs = {p.text: p for p in document.paragraphs}
    assert paragraphs["kortere svartid"]._p.pPr.numPr is not None
    assert paragraphs["først"]._p.pPr.numPr is not None
    assert [run.text for run in paragraphs["Jeg er helt uenig i dette:"].runs if run.bold] == ["helt uenig"]
    assert "Se kommunens side (https://fjordvik.example/plan)." in paragraphs
    assert [[cell.text for cell in row.cells] for row in document.tables[-1].rows] == [["Dag", "Åpent"],
                                                                                         ["Lørdag", "10–14"]]

    published = published_count(Comment.consultation_id == consultation.id)
    names = db.session.scalars(sa.select(Comment.author_name).where(Comment.status == "published")).all()
    organisations = db.session.scalars(sa.select(Comment.organisation).where(
        Comment.status == "published", Comment.organisation.is_not(None))).all()
    bullets = dict(p.text.split(": ", 1) for p in document.paragraphs if p.style.name == "List Bullet")
    assert int(bullets["Publiserte innspill"]) == published
    assert int(bullets["Av dem svar på andre innspill"]) == published_count(Comment.parent_id.is_not(None))
    assert int(bullets["Personer som har sendt innspill"]) == len({person_key(name) for name in names}) == 4
    assert int(bullets["Organisasjoner som har sendt innspill"]) == len({person_key(o) for o in organisations}) == 2
    assert appendix_headers(document).__len__() == published
    assert f"{published} publiserte innspill, eldste først. E-postadresser er ikke med." in paragraphs

    per_section = counts_under(document, "Innspill til hvert punkt i utkastet", r"(\d+) innspill\.")
    assert sum(per_section) == published
    numbers = {unit.anchor: unit.number for unit in current_units(consultation)}
    expected = {numbers[anchor]: n for anchor, n in db.session.execute(
        sa.select(Comment.anchor, sa.func.count()).where(Comment.status == "published", Comment.anchor.is_not(None))
        .group_by(Comment.anchor))}
    in_tables = {row.cells[0].text: int(row.cells[2].text) for table in document.tables
                 if table.rows[0].cells[0].text == "Punkt" for row in table.rows[1:]}
    assert in_tables == expected

    themes = current_summary(consultation)["themes"]
    sizes = counts_under(document, "Temaer i innspillene", rf"(\d+) av {published} publiserte innspill \(\d+ %\)\.")
    assert sizes == [published_count(Comment.id.in_(theme["comment_ids"])) for theme in themes]
    in_its_theme = next(n for n, theme in enumerate(themes) if hidden in theme["comment_ids"])
    assert sizes[in_its_theme] == len(themes[in_its_theme]["comment_ids"]) - 1  # hidden since the analysis: not counted

    assert document.sections[0].header.paragraphs[0].text == "Fjordvik kommune – Strategi for digital dialog med innbyggerne"
    assert "PAGE" in [text.strip() for text in document.sections[0].footer._element.xpath(".//w:instrText/text()")]
    assert any(text.startswith("Høringen ble åpnet") and "Høringsfristen er" in text
               and text.endswith("Notatet er et utkast så lenge høringen er åpen.") for text in paragraphs)


def test_a_memo_with_open_fields_is_asked_for_on_the_exports_page(consultation, client, auth, pages):
    assert run_now(consultation).status == "done"
    themes = len(current_summary(consultation)["themes"])
    auth.login_as("caseworker")
    box = pages.get(EXPORTS_URL).select_one("form input[name=open_fields]")
    assert box is not None and not box.has_attr("checked")
    assert box.find_next("label").get_text() == "Utkast med åpne felt"
    handed_in = export_memo(client)
    with_gaps = export_memo(client, open_fields="y")
    assert [job.open_fields for job in db.session.scalars(sa.select(ExportJob).order_by(ExportJob.id))] == [False, True]
    assert not any("[Skriv kommunens vurdering her.]" in p.text for p in handed_in.paragraphs)
    assert sum(p.text == "[Skriv kommunens vurdering her.]" for p in with_gaps.paragraphs) == themes
    assert "(med åpne felt)" in pages.get(EXPORTS_URL).select_one("tbody tr").get_text()


def test_the_memo_form_offers_open_fields_in_english(consultation, client, auth, pages):
    auth.login_as("caseworker")
    box = pages.get(EXPORTS_URL, headers=ENGLISH).select_one("form input[name=open_fields]")
    assert box.find_next("label").get_text() == "Draft with open fields"


def xlsx_of(client, job_id: int):
    return load_workbook(io.BytesIO(client.get(f"{EXPORTS_URL}/{job_id}").data)).active


def test_the_xlsx_has_words_real_dates_a_frozen_header_filters_and_widths(consultation, client, auth, pages):
    auth.login_as("caseworker")
    sheet = load_workbook(io.BytesIO(export_xlsx(client, pages).data)).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]
    assert rows[0]["Standpunkt"].value == "Støtter" and rows[2]["Standpunkt"].value == "Ikke oppgitt"
    assert {row["Status"].value for row in rows} == {"Publisert", "Skjult"}
    assert rows[0]["Innsender"].value == "Organisasjon" and rows[2]["Innsender"].value == "Privatperson"
    created = rows[0]["Opprettet"]
    assert isinstance(created.value, datetime) and created.is_date and created.number_format == "dd.mm.yyyy hh:mm"
    stored = db.session.get(Comment, rows[0]["ID"].value).created_at
    assert created.value == stored.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Oslo")).replace(
        tzinfo=None, microsecond=0)
    assert all(isinstance(row["Opprettet"].value, datetime) for row in rows)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    widths = [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, len(header) + 1)]
    assert all(6 <= width <= 60 for width in widths)
    assert widths[header.index("Tekst")] > widths[header.index("ID")]
    assert widths[header.index("Opprettet")] >= len("dd.mm.yyyy hh:mm")


def test_the_xlsx_is_in_the_requester_s_language(consultation, client, auth):
    auth.login_as("caseworker")
    client.post(EXPORTS_URL, data={"kind": "xlsx"}, headers=ENGLISH)
    finish_exports()
    job = db.session.scalar(sa.select(ExportJob))
    assert (job.language, job.status) == ("en", "done")
    sheet = xlsx_of(client, job.id)
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]
    assert rows[0]["Position"].value == "Supports" and rows[2]["Position"].value == "Not stated"
    assert {row["Status"].value for row in rows} == {"Published", "Hidden"}
    assert rows[0]["Sender"].value == "Organisation" and rows[2]["Sender"].value == "Private person"
    assert rows[0]["Created"].number_format == "yyyy-mm-dd hh:mm" and rows[0]["Created"].is_date
