"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), never a mock: what it receives, and the
fixtures that point the app at it. Loaded for every test by tests/conftest.py (pytest_plugins)."""
from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

SENDER = "hoering@fjordvik.example.no"


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage
    peer: tuple  # the client's address and port: one per connection


@dataclass
class MailServer:
    """The handler of the tests' SMTP server: keeps what it received, and answers RCPT TO for an address
    with the replies it was told to (one per attempt, in order) before it accepts that address."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    refusals: dict[str, list[str]] = field(default_factory=dict)

    def refuse(self, address: str, *replies: str) -> None:
        self.refusals[address] = list(replies)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusals.get(address):
            return self.refusals[address].pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, session.peer))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started(handler: MailServer, **smtp_options) -> Controller:
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port, **smtp_options)
    controller.start()
    return controller


@pytest.fixture(scope="module")
def smtp_server():
    controller = started(MailServer())
    yield controller.handler
    controller.stop()


@pytest.fixture
def mail_settings(settings, tmp_path) -> dict:
    settings.update(MAIL_DEFAULT_SENDER=f"Fjordvik kommune <{SENDER}>", MAIL_RETRY_DELAYS=(0, 0),
                    MAIL_OUTBOX=str(tmp_path / "outbox"), MAIL_SERVER="", MAIL_BACKEND=None,
                    MAIL_TIMEOUT=10)
    return settings


@pytest.fixture
def mail_server(smtp_server, mail_settings) -> MailServer:
    """The SMTP server, emptied, as the app's MAIL_SERVER; ask for it before ``app``."""
    smtp_server.received.clear()
    smtp_server.refusals.clear()
    mail_settings.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    return smtp_server
