"""A stored message as the e-mail that goes out: plain UTF-8 text and the headers a mail program expects.

Flask-Mailman's backends send it (they ask for ``message()`` and call ``as_bytes(linesep=…)`` on the
result), but the message itself is built with Python's modern e-mail API instead of Flask-Mailman's
legacy one: the legacy one folds a long encoded subject right after "Subject:", which mail programs
then read back with a leading space. The modern one folds it properly, and it refuses a header value
with a line break in it (no header injection through a subject or an address).
"""
from __future__ import annotations

import email.message
from datetime import datetime, timezone
from email import policy
from email.utils import format_datetime, make_msgid, parseaddr

from flask_mailman import EmailMessage

# Tells mail servers and autoresponders that no person sent it (RFC 3834): no vacation replies.
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}


class _WireMessage(email.message.EmailMessage):
    """A modern e-mail message that also takes the ``linesep`` Flask-Mailman's backends pass."""

    def as_bytes(self, unixfrom: bool = False, policy=None, linesep: str | None = None) -> bytes:
        policy = policy or self.policy
        return super().as_bytes(unixfrom, policy=policy.clone(linesep=linesep) if linesep else policy)


class PlainTextEmail(EmailMessage):
    """One recipient, a plain text body in UTF-8, and the headers given (Date, Message-ID, …)."""

    def message(self) -> _WireMessage:
        message = _WireMessage(policy=policy.SMTP)
        message["From"] = self.from_email
        message["To"] = ", ".join(self.to)
        message["Subject"] = self.subject
        for name, value in self.extra_headers.items():
            message[name] = value
        # Quoted-printable keeps every line 7-bit and short, whatever the server says of 8BITMIME.
        message.set_content(self.body, charset="utf-8", cte="quoted-printable")
        return message


def compose(recipient: str, subject: str, text: str, sender: str, headers: dict | None = None) -> PlainTextEmail:
    """The e-mail for one stored message, with a Message-ID of its own (the caller stores it) and the
    message's own ``headers``."""
    headers = {
        "Date": format_datetime(datetime.now(timezone.utc)),
        "Message-ID": make_msgid(domain=_domain_of(sender)),
        **AUTOMATIC_HEADERS,
        **(headers or {}),
    }
    return PlainTextEmail(subject=subject, body=text, from_email=sender, to=[recipient], headers=headers)


def message_id_of(composed: PlainTextEmail) -> str:
    return composed.extra_headers["Message-ID"]


def _domain_of(sender: str) -> str:
    """The sender's own domain for the Message-ID, so the id points at who sent it (not at this host)."""
    return parseaddr(sender)[1].rpartition("@")[2] or "localhost"
