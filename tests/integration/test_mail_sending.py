"""E-mail sent through a real SMTP server the tests start (aiosmtpd on 127.0.0.1), never a mock: what
arrives and with which headers, what a refusal, a temporary refusal and a server that is down leave
on the message, the outbox of .eml files when no MAIL_SERVER is set, sending in the background (a
thread, or an RQ worker when TEST_REDIS_URL is set), sending again, and the `flask mail` commands."""
from __future__ import annotations

from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from aiosmtpd.smtp import AuthResult
from flask import render_template_string

from hoering.background import wait_for_threads
from hoering.extensions import db
from hoering.mail import sending
from hoering.mail.models import FAILED, MAX_SUBJECT_LENGTH, QUEUED, SENT, MailMessage
from tests.smtp import SENDER, MailServer, free_port, started

SUBJECT = "Høring: reguleringsplan for Ørnevågen – invitasjon til å gi uttalelse"
TEXT = ("Til Åsen og Øvre Dal vel\n\n"
        "Fjordvik kommune sender forslaget til reguleringsplan for Ørnevågen på høring.\n"
        "Fristen for å gi uttalelse er 1. mars. Svar gjerne på vegne av hele laget – også på nynorsk: «høyring».\n")
REFUSED = "550 5.1.1 <ukjent@fjordvik.example.no>: Recipient address rejected"
TRY_LATER = "451 4.3.0 Mail server temporarily rejected message"


@pytest.fixture
def server_down(mail_settings) -> None:
    """MAIL_SERVER a port where nothing listens; ask for it before ``app``."""
    mail_settings.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())


@pytest.fixture
def login_refused(mail_settings):
    """A mail server of its own that refuses every login; ask for it before ``app``."""
    def refuse_everyone(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    controller = started(MailServer(), authenticator=refuse_everyone, auth_require_tls=False)
    mail_settings.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.handler.port,
                         MAIL_USERNAME="hoering", MAIL_PASSWORD="feil passord")
    yield controller.handler
    controller.stop()


def queued(*recipients: str) -> list[int]:
    ids = [sending.queue(recipient, SUBJECT, TEXT, "invitation").id for recipient in recipients]
    db.session.commit()
    return ids


def stored(message_id: int) -> MailMessage:
    db.session.rollback()
    return db.session.get(MailMessage, message_id)


def test_a_message_arrives_with_its_headers_and_æøå_intact(mail_server, app):
    [message_id] = queued("post@asen-vel.example.no")
    sending.deliver([message_id])

    [received] = mail_server.received
    assert (received.mail_from, received.recipients) == (SENDER, ["post@asen-vel.example.no"])
    email = received.message
    assert email["From"] == f"Fjordvik kommune <{SENDER}>"
    assert email["To"] == "post@asen-vel.example.no"
    assert email["Subject"] == SUBJECT
    assert email["Auto-Submitted"] == "auto-generated"
    assert email["Date"].datetime.tzinfo is not None
    assert email.get_content_type() == "text/plain" and email.get_content_charset() == "utf-8"
    assert email.get_content().replace("\r\n", "\n") == TEXT
    message = stored(message_id)
    assert (message.status, message.attempts, message.error) == (SENT, 1, None)
    assert message.sent_at is not None
    assert message.message_id == email["Message-ID"] and message.message_id.endswith("@fjordvik.example.no>")


def test_a_batch_goes_over_one_connection_and_a_refused_recipient_stops_no_other(mail_server, app):
    ids = queued("post@asen-vel.example.no", "ukjent@fjordvik.example.no", "leder@ornevagen.example.no")
    mail_server.refuse("ukjent@fjordvik.example.no", REFUSED)
    sending.deliver(ids)

    assert [r.recipients for r in mail_server.received] == [["post@asen-vel.example.no"],
                                                            ["leder@ornevagen.example.no"]]
    assert len({r.peer for r in mail_server.received}) == 1
    assert [stored(i).status for i in ids] == [SENT, FAILED, SENT]


def test_a_refused_recipient_fails_at_once_with_the_servers_words(mail_server, app):
    [message_id] = queued("ukjent@fjordvik.example.no")
    mail_server.refuse("ukjent@fjordvik.example.no", REFUSED)  # once: a second attempt would get through
    sending.deliver([message_id])

    message = stored(message_id)
    assert (message.status, message.attempts, message.error) == (FAILED, 1, REFUSED)
    assert message.sent_at is None and mail_server.received == []


def test_a_temporary_refusal_is_tried_again_and_then_given_up(mail_server, app):
    [message_id] = queued("post@asen-vel.example.no")
    mail_server.refuse("post@asen-vel.example.no", TRY_LATER, TRY_LATER, TRY_LATER)
    sending.deliver([message_id])

    message = stored(message_id)
    assert (message.status, message.attempts, message.error) == (FAILED, 3, TRY_LATER)
    assert mail_server.received == []


def test_a_server_that_is_down_is_tried_again_and_then_given_up(server_down, app):
    [message_id] = queued("post@asen-vel.example.no")
    sending.deliver([message_id])

    message = stored(message_id)
    assert (message.status, message.attempts) == (FAILED, 3)
    assert "Connection refused" in message.error


def test_a_server_that_refuses_once_and_then_accepts_gets_it_on_the_second_attempt(mail_server, app):
    [message_id] = queued("post@asen-vel.example.no")
    mail_server.refuse("post@asen-vel.example.no", TRY_LATER)
    sending.deliver([message_id])

    message = stored(message_id)
    assert (message.status, message.attempts, message.error) == (SENT, 2, None)
    assert len(mail_server.received) == 1


def test_a_refused_login_fails_at_once(login_refused, app):
    [message_id] = queued("post@asen-vel.example.no")
    sending.deliver([message_id])

    message = stored(message_id)
    assert (message.status, message.attempts) == (FAILED, 1)
    assert message.error == "535 5.7.8 Authentication credentials invalid"
    assert login_refused.received == []


def test_only_queued_messages_are_sent(mail_server, app):
    sent, failed = queued("post@asen-vel.example.no", "leder@ornevagen.example.no")
    db.session.execute(sa.update(MailMessage).where(MailMessage.id == sent).values(status=SENT))
    db.session.execute(sa.update(MailMessage).where(MailMessage.id == failed).values(status=FAILED))
    db.session.commit()
    sending.deliver([sent, failed])

    assert mail_server.received == []
    assert [stored(sent).attempts, stored(failed).attempts] == [0, 0]


def test_without_a_mail_server_each_message_is_written_to_the_outbox(mail_settings, app, tmp_path):
    ids = queued("post@asen-vel.example.no", "leder@ornevagen.example.no")
    sending.deliver(ids)

    assert sending.delivery() == sending.Delivery("outbox", outbox=str(tmp_path / "outbox"))
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    emails = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in files]
    assert sorted(email["To"] for email in emails) == ["leder@ornevagen.example.no", "post@asen-vel.example.no"]
    for email in emails:
        assert email["Subject"] == SUBJECT and email["Auto-Submitted"] == "auto-generated"
        assert email.get_content().replace("\r\n", "\n") == TEXT
    assert sorted(stored(i).message_id for i in ids) == sorted(email["Message-ID"] for email in emails)
    assert [stored(i).status for i in ids] == [SENT, SENT]


def test_the_staff_notice_says_mail_is_written_to_the_outbox_only_when_it_is(mail_settings, app, tmp_path):
    page = '{% from "components/mail_notice.html" import mail_notice %}{{ mail_notice() }}'
    with app.test_request_context():
        notice = render_template_string(page)
    assert "E-post sendes ikke" in notice and str(tmp_path / "outbox") in notice


def test_the_staff_notice_says_nothing_when_mail_goes_to_a_server(mail_server, app):
    page = '{% from "components/mail_notice.html" import mail_notice %}{{ mail_notice() }}'
    with app.test_request_context():
        assert render_template_string(page).strip() == ""
    assert sending.delivery() == sending.Delivery("smtp", server=f"127.0.0.1:{mail_server.port}")


def test_send_later_sends_in_a_background_thread(mail_server, app):
    ids = queued("post@asen-vel.example.no", "leder@ornevagen.example.no")
    sending.send_later(app, ids)
    wait_for_threads()

    assert sorted(r.recipients[0] for r in mail_server.received) == ["leder@ornevagen.example.no",
                                                                     "post@asen-vel.example.no"]
    assert [stored(i).status for i in ids] == [SENT, SENT]


def test_send_later_on_an_rq_worker_when_redis_is_configured(mail_server, app, rq_worker, monkeypatch):
    [message_id] = queued("post@asen-vel.example.no")
    sending.send_later(app, [message_id])
    assert rq_worker.count == 1
    # The worker builds its own app from the environment, as an `rq worker` process would.
    for name, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(mail_server.port),
                        "MAIL_RETRY_DELAYS": "0,0", "MAIL_DEFAULT_SENDER": SENDER}.items():
        monkeypatch.setenv(name, value)
    rq_worker.work()

    assert stored(message_id).status == SENT
    assert [r.recipients for r in mail_server.received] == [["post@asen-vel.example.no"]]


def test_send_later_with_nothing_to_send_starts_nothing(app, monkeypatch):
    started_jobs = []
    monkeypatch.setattr(sending, "run_in_background", lambda *args: started_jobs.append(args))
    sending.send_later(app, [])
    assert started_jobs == []


def test_resending_puts_failed_messages_back_and_sent_ones_only_when_asked(mail_server, app):
    failed, sent, waiting = queued("ukjent@fjordvik.example.no", "post@asen-vel.example.no",
                                   "leder@ornevagen.example.no")
    mail_server.refuse("ukjent@fjordvik.example.no", REFUSED)
    sending.deliver([failed, sent])
    first_message_id = stored(sent).message_id

    assert sending.resend([failed, sent, waiting]) == [failed]
    db.session.commit()
    message = stored(failed)
    assert (message.status, message.attempts, message.error) == (QUEUED, 0, None)
    assert sending.resend([sent], include_sent=True) == [sent]
    db.session.commit()
    assert (stored(sent).status, stored(sent).sent_at, stored(sent).message_id) == (QUEUED, None, None)

    sending.deliver([failed, sent])
    assert [stored(i).status for i in (failed, sent, waiting)] == [SENT, SENT, QUEUED]
    assert stored(sent).message_id != first_message_id
    assert [r.recipients[0] for r in mail_server.received].count("post@asen-vel.example.no") == 2


def test_queueing_makes_the_subject_one_line_that_fits(mail_settings, app):
    message = sending.queue(" post@asen-vel.example.no ", "Høring:\r\n  Ørnevågen\t" + "x" * 400, TEXT, "invitation")
    assert message.id is not None and message.status == QUEUED
    assert message.recipient == "post@asen-vel.example.no"
    assert message.subject.startswith("Høring: Ørnevågen xxx") and len(message.subject) == MAX_SUBJECT_LENGTH
    with pytest.raises(ValueError):
        sending.queue("a" * 250 + "@example.no", SUBJECT, TEXT, "invitation")
    db.session.rollback()


def test_the_send_command_sends_what_is_queued(mail_server, app):
    ids = queued("post@asen-vel.example.no", "ukjent@fjordvik.example.no")
    mail_server.refuse("ukjent@fjordvik.example.no", REFUSED)
    result = app.test_cli_runner().invoke(args=["mail", "send"])

    assert result.exit_code == 0, result.output
    assert f"through 127.0.0.1:{mail_server.port}" in result.output
    assert "Sent 1, failed 1, still queued 0." in result.output
    assert [stored(i).status for i in ids] == [SENT, FAILED]
    assert "No queued messages." in app.test_cli_runner().invoke(args=["mail", "send"]).output


def test_the_status_command_counts_and_shows_the_last_failures(mail_server, app):
    ids = queued("post@asen-vel.example.no", "ukjent@fjordvik.example.no", "leder@ornevagen.example.no")
    mail_server.refuse("ukjent@fjordvik.example.no", REFUSED)
    sending.deliver(ids[:2])
    result = app.test_cli_runner().invoke(args=["mail", "status"])

    assert result.exit_code == 0, result.output
    assert "Queued 1, sent 1, failed 1." in result.output
    assert f"to ukjent@fjordvik.example.no (invitation, 1 attempt(s)): {REFUSED}" in result.output


def test_the_status_command_says_when_nothing_is_sent(mail_settings, app, tmp_path):
    result = app.test_cli_runner().invoke(args=["mail", "status"])
    assert f"MAIL_SERVER is not set: messages are written as .eml files to {tmp_path / 'outbox'}" in result.output
