"""Sending e-mail: queued in the database with whatever the feature records, sent in the background.

A feature sends in three steps, so that a message exists exactly when what it tells of was saved::

    message = sending.queue(recipient, subject, text, purpose="invitation")   # in the feature's transaction
    db.session.commit()
    sending.send_later(current_app._get_current_object(), [message.id])

``deliver()`` then runs on an RQ worker or in a thread (hoering.background): one attempt at each
message per round, over one connection, and further rounds after MAIL_RETRY_DELAYS for the messages
that failed transiently (failures.py says which failures those are). Each outcome is committed as
soon as it is known, and no transaction is open while the mail server is being talked to, so a crash
half-way leaves the sent ones SENT and SQLite's single writer is never kept waiting on the network.

When MAIL_SERVER is unset the backend is the outbox (outbox.py): messages are written as .eml files
and marked SENT; ``delivery()`` tells the staff pages so.

Should a sending be cut short (a restart kills the thread), its messages stay QUEUED: ``flask mail
send`` sends them. Two deliveries of the same message at once are not guarded against: start that
command only when no sending is under way.
"""
from __future__ import annotations

import time
from contextlib import suppress
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app

from hoering.background import run_in_background
from hoering.clock import utcnow
from hoering.database import begin_write
from hoering.extensions import db, mail
from hoering.mail.composing import PlainTextEmail, compose, message_id_of
from hoering.mail.failures import Failure, failure_of
from hoering.mail.models import FAILED, MAX_SUBJECT_LENGTH, QUEUED, SENT, STATUSES, MailMessage
from hoering.mail.outbox import OUTBOX_BACKEND

DELIVER = "hoering.mail.sending:deliver"
SMTP_BACKEND = "smtp"


@dataclass(frozen=True)
class Delivery:
    """Where messages go: "smtp" to ``server`` (host:port), or "outbox" as .eml files in ``outbox``."""

    mode: str
    outbox: str | None = None
    server: str | None = None


def init_app(app: Flask) -> None:
    """Bind Flask-Mailman to ``app`` with the SMTP backend when MAIL_SERVER is set, else the outbox,
    and give templates ``mail_delivery()`` (the mail_notice macro asks it)."""
    if not app.config.get("MAIL_BACKEND"):
        app.config["MAIL_BACKEND"] = SMTP_BACKEND if app.config["MAIL_SERVER"] else OUTBOX_BACKEND
    mail.init_app(app)
    app.jinja_env.globals["mail_delivery"] = delivery


def delivery() -> Delivery:
    """Where this app's messages go, for the staff pages and `flask mail status`."""
    state = current_app.extensions["mailman"]
    if state.backend == OUTBOX_BACKEND:
        return Delivery("outbox", outbox=str(current_app.config["MAIL_OUTBOX"]))
    return Delivery("smtp", server=f"{state.server}:{state.port}")


def queue(recipient: str, subject: str, text: str, purpose: str, headers: dict[str, str] | None = None) -> MailMessage:
    """A QUEUED message in the session, flushed (so it has its id); the caller commits it with what it
    records, then calls ``send_later``. The subject is made one line and cut to fit; the recipient and
    purpose must fit their columns (the caller has checked the address). ``headers``: more headers
    to send (List-Unsubscribe …)."""
    recipient = recipient.strip()
    for name, value in (("recipient", recipient), ("purpose", purpose)):
        if len(value) > MailMessage.__table__.c[name].type.length:
            raise ValueError(f"The {name} is too long to store: {value[:80]!r}…")
    message = MailMessage(recipient=recipient, subject=" ".join(subject.split())[:MAX_SUBJECT_LENGTH], text=text,
                          purpose=purpose, status=QUEUED, attempts=0, headers=headers or None)
    db.session.add(message)
    db.session.flush()
    return message


def send_later(app: Flask, message_ids: list[int]) -> None:
    """Send the messages in the background; call it after the commit that saved them."""
    if message_ids:
        run_in_background(app, DELIVER, list(message_ids))


def resend(message_ids: list[int], *, include_sent: bool = False) -> list[int]:
    """Put the FAILED messages among ``message_ids`` back in the queue, and with ``include_sent`` the
    SENT ones too (a body says the letter never came). Each goes again as it was written, with a new
    Message-ID; error, attempts and sent_at start afresh. QUEUED ones are on their way and left alone.

    Returns the ids put back: the caller commits, then passes them to ``send_later``.
    """
    statuses = (FAILED, SENT) if include_sent else (FAILED,)
    messages = db.session.scalars(
        sa.select(MailMessage).where(MailMessage.id.in_(message_ids), MailMessage.status.in_(statuses))
        .order_by(MailMessage.id)
    ).all()
    for message in messages:
        message.status, message.error, message.attempts = QUEUED, None, 0
        message.sent_at = message.message_id = None
    db.session.flush()
    return [message.id for message in messages]


def deliver(message_ids: list[int]) -> None:
    """Send each QUEUED message among ``message_ids`` (others are skipped): the background job."""
    delays = current_app.config["MAIL_RETRY_DELAYS"]
    pending = list(message_ids)
    for round_number in range(len(delays) + 1):
        if round_number:
            time.sleep(delays[round_number - 1])
        pending = _send_round(pending, last_round=round_number == len(delays))
        if not pending:
            return


def queued_ids() -> list[int]:
    """Every message still waiting to be sent, oldest first."""
    return list(db.session.scalars(
        sa.select(MailMessage.id).where(MailMessage.status == QUEUED).order_by(MailMessage.id)))


def counts_by_status(message_ids: list[int] | None = None) -> dict[str, int]:
    """How many messages (of ``message_ids``, or all) are queued, sent and failed."""
    query = sa.select(MailMessage.status, sa.func.count()).group_by(MailMessage.status)
    if message_ids is not None:
        query = query.where(MailMessage.id.in_(message_ids))
    return {status: 0 for status in STATUSES} | dict(db.session.execute(query).all())


def recent_failures(limit: int = 10) -> list[MailMessage]:
    """The last messages that could not be sent, newest first, with the mail server's words."""
    return list(db.session.scalars(
        sa.select(MailMessage).where(MailMessage.status == FAILED)
        .order_by(MailMessage.created_at.desc(), MailMessage.id.desc()).limit(limit)))


@dataclass(frozen=True)
class _Outgoing:
    id: int
    recipient: str
    subject: str
    text: str
    headers: dict | None


def _send_round(message_ids: list[int], last_round: bool) -> list[int]:
    """One attempt at each still-queued message, over one connection; returns the ids to try again.

    When the server cannot be reached, every message of the round gets that failure: one wait for a
    timeout, not one per message.
    """
    again = []
    connection, connection_failure = None, None
    try:
        for outgoing in _still_queued(message_ids):
            if connection is None and connection_failure is None:
                connection, connection_failure = _connect()
            email = compose(outgoing.recipient, outgoing.subject, outgoing.text,
                            sender=current_app.config["MAIL_DEFAULT_SENDER"], headers=outgoing.headers)
            failure = connection_failure or _transmit(connection, email)
            if failure is None:
                _record(outgoing.id, status=SENT, error=None, sent_at=utcnow(), message_id=message_id_of(email))
            elif failure.permanent or last_round:
                _record(outgoing.id, status=FAILED, error=failure.text)
            else:
                _record(outgoing.id, error=failure.text)
                again.append(outgoing.id)
            if failure is not None and failure.lost_connection:
                _close(connection)
                connection = None
    finally:
        _close(connection)
    return again


def _still_queued(message_ids: list[int]) -> list[_Outgoing]:
    rows = db.session.execute(
        sa.select(MailMessage.id, MailMessage.recipient, MailMessage.subject, MailMessage.text, MailMessage.headers)
        .where(MailMessage.id.in_(message_ids), MailMessage.status == QUEUED).order_by(MailMessage.id)
    ).all()
    db.session.commit()  # end the read: nothing is held open while the mail server is talked to
    return [_Outgoing(*row) for row in rows]


def _connect():
    """An open connection to the mail server (or the outbox), or the failure to get one."""
    connection = None
    try:
        connection = mail.get_connection()
        connection.open()
    except Exception as error:  # every failure is recorded on the messages, none is lost in a log
        _close(connection)
        return None, failure_of(error)
    return connection, None


def _close(connection) -> None:
    """Close a connection, quietly: the messages' outcomes are already recorded, a failed QUIT changes nothing."""
    if connection is not None:
        with suppress(Exception):
            connection.close()


def _transmit(connection, email: PlainTextEmail) -> Failure | None:
    try:
        sent = connection.send_messages([email])
    except Exception as error:  # the server's words go on the message
        return failure_of(error)
    return None if sent == 1 else Failure("The message has no recipient", permanent=True)


def _record(row_id: int, **values) -> None:
    """Count one attempt and store its outcome, in a short write transaction of its own."""
    begin_write()
    db.session.execute(sa.update(MailMessage).where(MailMessage.id == row_id)
                       .values(attempts=MailMessage.attempts + 1, **values))
    db.session.commit()
