"""The outbox: a Flask-Mailman backend that writes each message as an .eml file instead of sending it.

It is the backend whenever MAIL_SERVER is unset (the default of `make run`), so a developer or a
trial installation can open exactly what a body would have received in any mail program. Files are
named ``<UTC time>-<Message-ID>.eml`` and opened for exclusive creation, so none overwrites another.
"""
from __future__ import annotations

import re
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend

from hoering.clock import utcnow

# How Flask-Mailman's MAIL_BACKEND names this class (a dotted path ending in "EmailBackend").
OUTBOX_BACKEND = "hoering.mail.outbox.OutboxEmailBackend"
_UNSAFE_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9._@-]+")


class OutboxEmailBackend(BaseEmailBackend):
    """Writes every message to the folder MAIL_OUTBOX (created when missing) as RFC 5322 bytes."""

    def __init__(self, folder: str | Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.folder = Path(folder or current_app.config["MAIL_OUTBOX"])

    def send_messages(self, email_messages) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        for email_message in email_messages:
            self.write(email_message.message())
        return len(email_messages)

    def write(self, message) -> Path:
        """One message, as its own file; the line ends are CRLF, as on the wire."""
        path = self.folder / _file_name(message["Message-ID"])
        with path.open("xb") as file:
            file.write(message.as_bytes(linesep="\r\n"))
        return path


def _file_name(message_id: str | None) -> str:
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    name = _UNSAFE_IN_FILE_NAMES.sub("", message_id or "") or "message"
    return f"{stamp}-{name}.eml"
