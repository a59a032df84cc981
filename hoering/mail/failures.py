"""What a failed attempt at sending means: the mail server's own words, and whether trying again can help.

A permanent failure (a 5xx reply such as "550 5.1.1 <x@y>: Recipient address rejected", a refused
login, a message that cannot be built) is recorded at once: the same message to the same server
would fail the same way. A transient one (the server down or too slow, a 4xx reply such as
greylisting) is worth another attempt a little later.
"""
from __future__ import annotations

import smtplib
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    text: str
    permanent: bool
    # The connection is gone (or unusable): the next message needs a new one.
    lost_connection: bool = False


def failure_of(error: Exception) -> Failure:
    """The failure an exception from opening a connection or sending a message stands for."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, words = next(iter(error.recipients.values()))  # one recipient per message
        return Failure(_reply(code, words), permanent=_is_permanent(code))
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # Even a 4xx: trying a refused password again and again can lock the account.
        return Failure(_reply(error.smtp_code, error.smtp_error), permanent=True, lost_connection=True)
    if isinstance(error, smtplib.SMTPResponseException):  # a refused sender, a refused DATA, a 4xx/5xx greeting
        return Failure(_reply(error.smtp_code, error.smtp_error), permanent=_is_permanent(error.smtp_code),
                       lost_connection=error.smtp_code == 421)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Failure(str(error) or type(error).__name__, permanent=False, lost_connection=True)
    if isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException):  # refused, timed out, TLS
        return Failure(str(error) or type(error).__name__, permanent=False, lost_connection=True)
    # An unsupported extension (STARTTLS, AUTH), a header that cannot be written: trying again changes nothing.
    return Failure(f"{type(error).__name__}: {error}", permanent=True, lost_connection=isinstance(error, OSError))


def _is_permanent(code: int) -> bool:
    return 500 <= code < 600


def _reply(code: int, words: bytes | str) -> str:
    text = words.decode("utf-8", "replace") if isinstance(words, bytes) else str(words)
    return f"{code} {text}".strip()
