"""`flask privacy prune`: from cron, erases citizens' e-mail addresses once the retention has passed and
the archive package holds them; `--dry-run` counts and changes nothing; both say what they skipped."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta

import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.consultations.planning import mark_processed
from hoering.extensions import db
from hoering.notifications.services import follow_answers
from hoering.privacy.retention import AUDIT_ACTION
from hoering.responses import answers
from hoering.responses.archive import record_archive, write_archive
from tests.factories import make_comment, make_consultation

KARI = "kari.nordmann@example.no"


def processed_long_ago(slug: str, months: int = 13):
    """A consultation with Kari's comment (and its answers followed), closed and marked processed
    ``months`` months ago."""
    consultation = make_consultation(slug)
    follow_answers(make_comment(consultation, email=KARI), KARI, "nb")
    consultation.closes_at = utcnow() - timedelta(days=31 * months + 1)
    db.session.commit()
    mark_processed(consultation, None)
    db.session.execute(sa.update(AuditEntry).where(AuditEntry.action == "consultation.process",
                                                   AuditEntry.target_id == str(consultation.id))
                       .values(at=utcnow() - timedelta(days=31 * months)))
    db.session.commit()
    return consultation


def archive(consultation) -> None:
    record_archive(None, consultation, write_archive(consultation, io.BytesIO()), with_email=True)


def prune(app, *args: str):
    result = app.test_cli_runner().invoke(args=["privacy", "prune", *args])
    db.session.rollback()  # the command committed in its own session state: read afresh
    return result


def addresses() -> list[str | None]:
    return list(db.session.scalars(sa.select(Comment.email)))


def erasures() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == AUDIT_ACTION))


@pytest.fixture
def archived(app):
    consultation = processed_long_ago("digital-dialog")
    archive(consultation)
    return consultation


def test_the_dry_run_prints_the_counts_and_changes_nothing(app, archived):
    result = prune(app, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "digital-dialog: would erase the addresses of 1 comment(s), 1 subscription(s) (deleted), 0 response(s)" \
           in result.output
    assert "Dry run: nothing was erased." in result.output
    assert KARI not in result.output
    assert addresses() == [KARI] and erasures() == 0


def test_the_command_erases_prints_counts_and_then_finds_nothing(app, archived):
    result = prune(app)

    assert result.exit_code == 0, result.output
    assert "digital-dialog: erased the addresses of 1 comment(s), 1 subscription(s) (deleted)" in result.output
    assert KARI not in result.output
    assert addresses() == [None] and erasures() == 1

    again = prune(app)
    assert again.exit_code == 0 and "No e-mail addresses are due for erasure." in again.output
    assert erasures() == 1


def test_the_command_names_what_it_skips_and_why(app, archived):
    processed_long_ago("budsjett-2027")
    unmarked = make_consultation("plan-2025", open_=False)
    make_comment(unmarked, email=KARI)
    unmarked.closes_at = utcnow() - timedelta(days=500)
    db.session.commit()

    result = prune(app)

    assert result.exit_code == 0, result.output
    assert "digital-dialog: erased" in result.output
    assert "Skipped budsjett-2027: no archive package with e-mail addresses since its last change" in result.output
    assert "Skipped plan-2025: closed" in result.output and "not marked as processed" in result.output
    assert addresses().count(KARI) == 2 and addresses().count(None) == 1


def test_the_pages_exports_and_access_report_cope_with_erased_addresses(app, client, auth):
    consultation = make_consultation()
    comment = make_comment(consultation, email=KARI, author_name="Kari Nordmann",
                           text="Åpne kommentarfeltet i helgene.")
    entry = answers.OpenInput(answers.ResponseInput("Kari Nordmann", KARI, "Jeg er imot forslaget.", False),
                              answering_as=answers.AS_PERSON)
    with app.test_request_context():
        answers.answer_openly(consultation, entry)
    wait_for_threads()  # the receipt is being sent
    consultation.closes_at = utcnow() - timedelta(days=500)
    db.session.commit()
    mark_processed(consultation, None)
    db.session.execute(sa.update(AuditEntry).where(AuditEntry.action == "consultation.process")
                       .values(at=utcnow() - timedelta(days=400)))
    db.session.commit()
    archive(consultation)
    assert "erased" in prune(app).output
    auth.login_as("admin")

    for url in ("/hoeringer/digital-dialog", "/hoeringer/digital-dialog/hoeringssvar", f"/admin/innspill/{comment.id}",
                "/admin/hoeringer/digital-dialog/hoeringssvar"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert KARI not in response.get_data(as_text=True), url
    package = client.get("/admin/hoeringer/digital-dialog/arkiv.zip")
    with zipfile.ZipFile(io.BytesIO(package.data)) as files:
        assert not [name for name in files.namelist() if KARI.encode() in files.read(name)]
    staff_list = client.get("/admin/hoeringer/digital-dialog/hoeringssvar").get_data(as_text=True)
    assert "Kontaktperson: Kari Nordmann</p>" in staff_list
    rows = list(csv.DictReader(io.StringIO(client.get("/admin/hoeringer/digital-dialog/eksport.csv")
                                           .get_data(as_text=True).lstrip("\ufeff"))))
    assert [(row["Navn"], row["E-post"]) for row in rows] == [("Kari Nordmann", "")]
    report = client.post("/admin/personvern/innsyn.json", data={"email": KARI})
    assert report.status_code == 200 and report.get_json()["counts"]["comments"] == 0
