"""Staff download every comment as CSV or XLSX: what each role sees, the analysis columns, the audit log."""
from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from hoering.audit.models import AuditEntry
from hoering.casework.services import run_now
from hoering.exports.comments import comment_rows
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

CSV_URL = "/admin/hoeringer/digital-dialog/eksport.csv"
XLSX_URL = "/admin/hoeringer/digital-dialog/eksport.xlsx"


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


def test_rows_are_the_same_whatever_the_batch_size(consultation):
    everything = list(comment_rows(consultation, with_email=True, batch_size=1000))
    assert list(comment_rows(consultation, with_email=True, batch_size=3)) == everything
    assert [row[0] for row in everything] == sorted(row[0] for row in everything)
    assert len(everything) == 2 + len(TOPICAL_COMMENTS) * 3


def test_planner_gets_no_e_mail_column(consultation, client, auth):
    auth.login_as("planner")
    rows = read_csv(client.get(CSV_URL))
    assert "E-post" not in rows[0]
    assert "ase@example.no" not in client.get(CSV_URL).get_data(as_text=True)
    sheet = load_workbook(io.BytesIO(client.get(XLSX_URL).data)).active
    assert "E-post" not in [cell.value for cell in sheet[1]]


def test_planner_cannot_export_a_consultation_owned_by_someone_else(consultation, client, auth):
    consultation.owner_id = auth.user("planner", email="eier@fjordvik.example.no").id
    db.session.commit()
    auth.login_as("planner")
    assert client.get(CSV_URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403


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


def test_xlsx_holds_the_same_rows_with_formulas_as_text(consultation, client, auth):
    auth.login_as("caseworker")
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=digital-dialog-innspill.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, sheet[2]))
    assert first["Navn"].value == "Åse Ødegård" and first["E-post"].value == "ase@example.no"
    assert first["Tekst"].value.startswith("'=HYPERLINK") and first["Tekst"].data_type == "s"
    assert isinstance(first["ID"].value, int)
    assert sheet.max_row == 1 + 2 + len(TOPICAL_COMMENTS) * 3


def test_anonymous_visitors_are_sent_to_login(consultation, client):
    for url in (CSV_URL, XLSX_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/logg-inn" in response.headers["Location"]


def test_moderators_may_not_export(consultation, client, auth):
    auth.login_as("moderator")
    assert client.get(CSV_URL).status_code == 403


def test_each_export_is_in_the_audit_log(consultation, client, auth):
    caseworker = auth.login_as("caseworker")
    client.get(CSV_URL).close()
    client.get(XLSX_URL).close()
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "consultation.export").order_by(AuditEntry.id)
    ).all()
    assert [(e.actor, e.target_id, e.after) for e in entries] == [
        (caseworker.email, str(consultation.id), {"format": "csv", "email": True}),
        (caseworker.email, str(consultation.id), {"format": "xlsx", "email": True}),
    ]


def test_unknown_consultation_is_not_found(app, client, auth):
    auth.login_as("caseworker")
    assert client.get("/admin/hoeringer/finnes-ikke/eksport.csv").status_code == 404
