"""`flask invitations import | send | remind | remind-due`, as a records officer or cron runs them."""
from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.extensions import db
from hoering.responses.models import InvitationLetter, InvitedBody
from tests.factories import make_consultation

CSV = ("name,organisation_number,email,category\n"
       "Statistisk sentralbyrå,971 526 920,ssb@ssb.example.no,statlig\n"
       "Ørsta kommune,,postmottak@orsta.example.no,kommune\n")


def run(app, *args):
    return app.test_cli_runner().invoke(args=["invitations", *args])


def sent_letters(app) -> list:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(folder.glob("*.eml"))]


def test_import_send_and_remind_from_the_command_line(app, tmp_path):
    make_consultation()
    file = tmp_path / "instanser.csv"
    file.write_text(CSV, encoding="utf-8")
    imported = run(app, "import", "digital-dialog", str(file))
    assert imported.exit_code == 0, imported.output
    assert "2 new" in imported.output and "2 newly picked" in imported.output

    sent = run(app, "send", "digital-dialog")
    assert sent.exit_code == 0, sent.output
    assert "2 invitation(s): sent 2, failed 0" in sent.output
    assert sorted(message["To"] for message in sent_letters(app)) == ["postmottak@orsta.example.no",
                                                                      "ssb@ssb.example.no"]
    assert "No invitations to send." in run(app, "send", "digital-dialog").output

    reminded = run(app, "remind", "digital-dialog")
    assert "2 reminder(s): sent 2" in reminded.output
    assert len(sent_letters(app)) == 4


def test_a_bad_file_imports_nothing_and_says_why(app, tmp_path):
    make_consultation()
    file = tmp_path / "instanser.csv"
    file.write_text(CSV + "Uten e-post,,,kommune\n", encoding="utf-8")
    result = run(app, "import", "digital-dialog", str(file))
    assert result.exit_code == 1
    assert "Rad 4" in result.output and "Nothing was imported" in result.output
    assert db.session.scalar(sa.select(sa.func.count(InvitedBody.id))) == 0


def test_an_unknown_consultation_or_a_closed_one_is_refused(app):
    make_consultation(open_=False)
    assert "No consultation with the slug 'finnes-ikke'" in run(app, "send", "finnes-ikke").output
    closed = run(app, "send", "digital-dialog")
    assert closed.exit_code == 1 and "Høringsfristen er ute" in closed.output


def test_without_a_public_address_no_letter_is_written(app):
    make_consultation()
    app.config["SERVER_NAME"] = None
    result = run(app, "send", "digital-dialog")
    assert result.exit_code == 1 and "PUBLIC_URL" in result.output


def test_due_reminders_from_cron(app, tmp_path):
    consultation = make_consultation(closes_at=utcnow() + timedelta(days=3))
    file = tmp_path / "instanser.csv"
    file.write_text(CSV, encoding="utf-8")
    run(app, "import", "digital-dialog", str(file))
    run(app, "send", "digital-dialog")
    assert "No reminders due." in run(app, "remind-due").output  # no saved letter, no reminder days
    db.session.add(InvitationLetter(consultation_id=consultation.id, subject="Høring: {høring}",
                                    text="{svarlenke}", reminder_subject="Påminnelse: {høring}",
                                    reminder_text="Fristen er {frist}: {svarlenke}", reminder_days=7))
    db.session.commit()
    due = run(app, "remind-due")
    assert "digital-dialog: 2 reminder(s): sent 2" in due.output, due.output
    assert "No reminders due." in run(app, "remind-due").output
