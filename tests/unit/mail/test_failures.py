"""Which failures to send are worth another attempt, and the mail server's words they leave on the message."""
import smtplib
import socket

import pytest

from hoering.mail.failures import failure_of

REFUSED = (550, b"5.1.1 <ukjent@fjordvik.example.no>: Recipient address rejected")


def test_a_refused_recipient_is_permanent_in_the_servers_words():
    failure = failure_of(smtplib.SMTPRecipientsRefused({"ukjent@fjordvik.example.no": REFUSED}))
    assert failure.text == "550 5.1.1 <ukjent@fjordvik.example.no>: Recipient address rejected"
    assert failure.permanent and not failure.lost_connection


@pytest.mark.parametrize("error", [
    smtplib.SMTPRecipientsRefused({"post@asen-vel.example.no": (450, b"4.2.0 Greylisted, try again later")}),
    smtplib.SMTPDataError(451, b"4.3.0 Try again later"),
    smtplib.SMTPSenderRefused(452, b"4.3.1 Insufficient system storage", "hoering@fjordvik.example.no"),
])
def test_a_4xx_reply_is_worth_another_attempt(error):
    failure = failure_of(error)
    assert not failure.permanent and failure.text.startswith("45")


@pytest.mark.parametrize("error", [
    ConnectionRefusedError(111, "Connection refused"),
    socket.timeout("timed out"),
    smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    smtplib.SMTPConnectError(421, b"4.7.0 Too many connections, try again later"),
])
def test_a_server_out_of_reach_is_worth_another_attempt_on_a_new_connection(error):
    failure = failure_of(error)
    assert not failure.permanent and failure.lost_connection and failure.text


@pytest.mark.parametrize("code", [535, 454])
def test_a_refused_login_is_never_tried_again(code):
    failure = failure_of(smtplib.SMTPAuthenticationError(code, b"5.7.8 Authentication credentials invalid"))
    assert failure.permanent and failure.text == f"{code} 5.7.8 Authentication credentials invalid"


@pytest.mark.parametrize("error", [
    smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."),
    ValueError("Header values may not contain linefeed or carriage return characters"),
])
def test_what_another_attempt_cannot_change_is_permanent(error):
    failure = failure_of(error)
    assert failure.permanent and str(error) in failure.text
