"""Scan an upload for malware with ClamAV's clamd, over its UNIX socket or TCP (CLAMD_SOCKET).

clamd's INSTREAM command, written out here (the Python clients for it are unmaintained): the command
"zINSTREAM\\0", the bytes in chunks each preceded by its length as four bytes big-endian, a chunk of
length zero to end, then one reply, "stream: OK" or "stream: <signature> FOUND". clamd refuses a stream
longer than its StreamMaxLength (25 MB in Debian's clamd.conf, above the 20 MB an attachment may be).

When scanning is configured and clamd cannot be reached or answers with an error, ``scan`` raises
``ScannerUnavailable``: the caller refuses the upload then, never accepting a file unscanned.
Plain Python, no Flask.
"""
from __future__ import annotations

import socket
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

CHUNK_BYTES = 64 * 1024
TIMEOUT_SECONDS = 60.0  # connecting, and each send and receive: a 20 MB PDF scans in about a second
_REPLY_LIMIT = 4096
_CLEAN = "stream: OK"
_FOUND = " FOUND"


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str | None = None  # the name ClamAV gives what it found, e.g. "Win.Test.EICAR_HDB-1"


class ScannerUnavailable(RuntimeError):
    """clamd could not be reached, or did not scan the file (an error, a reply we do not know)."""


def scanning_configured(config: Mapping) -> bool:
    """Whether uploads are scanned: CLAMD_SOCKET is set (otherwise the staff pages say they are not)."""
    return bool(config.get("CLAMD_SOCKET"))


def scan(data: bytes, address: str, timeout: float = TIMEOUT_SECONDS) -> ScanResult:
    """Scan ``data`` with the clamd at ``address``: a socket path, or "tcp://host:port"."""
    try:
        with _connect(address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK_BYTES):
                chunk = data[start:start + CHUNK_BYTES]
                connection.sendall(struct.pack(">I", len(chunk)) + chunk)
            connection.sendall(struct.pack(">I", 0))
            reply = _read_reply(connection)
    except OSError as error:  # refused, no such socket, timed out, or clamd hung up (a stream too long)
        raise ScannerUnavailable(f"clamd at {address}: {error}") from error
    return _result(reply, address)


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("tcp://"):
        parts = urlsplit(address)
        if not parts.hostname or not parts.port:
            raise ScannerUnavailable(f"CLAMD_SOCKET {address!r} has no host and port (tcp://127.0.0.1:3310)")
        return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    try:
        connection.connect(address.removeprefix("unix://"))
    except OSError:
        connection.close()
        raise
    return connection


def _read_reply(connection: socket.socket) -> str:
    """The reply up to its terminating NUL (the "z" in zINSTREAM asks for one), or to the end."""
    reply = b""
    while b"\0" not in reply and len(reply) < _REPLY_LIMIT:
        received = connection.recv(_REPLY_LIMIT)
        if not received:
            break
        reply += received
    return reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def _result(reply: str, address: str) -> ScanResult:
    if reply == _CLEAN:
        return ScanResult(clean=True)
    if reply.startswith("stream: ") and reply.endswith(_FOUND):
        return ScanResult(clean=False, signature=reply.removeprefix("stream: ").removesuffix(_FOUND))
    raise ScannerUnavailable(f"clamd at {address} did not scan the file: {reply or 'no reply'}")
