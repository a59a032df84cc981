"""The e-mail a stored message becomes: headers a mail program reads back as written, plain UTF-8 text."""
from email import message_from_bytes, policy

import pytest

from hoering.mail.composing import compose, message_id_of

SUBJECT = "Høring: reguleringsplan for Ørnevågen – invitasjon til å gi uttalelse fra Åsen vel"


def wire(composed) -> bytes:
    return composed.message().as_bytes(linesep="\r\n")


def test_a_long_subject_with_æøå_reads_back_exactly():
    composed = compose("post@asen-vel.example.no", SUBJECT, "Hei!\n", sender="hoering@fjordvik.example.no")
    raw = wire(composed)
    assert raw.isascii() and b"\r\n\r\n" in raw
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == SUBJECT


def test_the_message_id_is_on_the_senders_domain_and_in_the_headers():
    composed = compose("post@asen-vel.example.no", "Høring", "Hei!\n",
                       sender="Fjordvik kommune <hoering@fjordvik.example.no>")
    email = message_from_bytes(wire(composed), policy=policy.default)
    assert message_id_of(composed) == email["Message-ID"]
    assert email["Message-ID"].endswith("@fjordvik.example.no>")
    assert email["Auto-Submitted"] == "auto-generated"
    assert email["From"] == "Fjordvik kommune <hoering@fjordvik.example.no>"


def test_a_line_break_in_a_header_is_refused_rather_than_injected():
    composed = compose("post@asen-vel.example.no\nBcc: alle@example.no", "Høring", "Hei!\n",
                       sender="hoering@fjordvik.example.no")
    with pytest.raises(ValueError):
        composed.message()
