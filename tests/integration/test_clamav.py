"""Attachments are scanned by a real clamd: Debian's clamav-daemon (`make test` installs it as root).

clamd runs from a config file written here, with a signature database holding one signature only, for
the EICAR test file (freshclam never runs: ClamAV's downloads are not reachable, and not needed). It
listens on a UNIX socket and on TCP at 127.0.0.1, as CLAMD_SOCKET may name either. The EICAR string is
assembled at run time, so that no virus scanner on a developer's machine flags this file.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfWriter

from hoering.extensions import db
from hoering.responses.models import FormalResponse, ResponseAttachment
from hoering.responses.scanning import ScannerUnavailable, ScanResult, scan, scanning_configured
from tests.factories import ORSTA, invite_bodies, make_consultation

EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*").encode()
CLAMD_SEARCH_PATH = "/usr/sbin:/usr/local/sbin:/usr/bin:/usr/local/bin"
START_TIMEOUT_SECONDS = 120


def clean_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clamd_binary() -> str:
    found = shutil.which("clamd", path=CLAMD_SEARCH_PATH)
    if found:
        return found
    if os.geteuid() != 0:
        pytest.skip("clamd is not installed and we are not root to install it: apt-get install clamav-daemon")
    pytest.fail("clamd is not installed: `make test` installs Debian's clamav-daemon package (as root)")


def answers_ping(socket_path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(2)
            connection.connect(str(socket_path))
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    """A running clamd: (its socket path, "tcp://127.0.0.1:<port>")."""
    binary = clamd_binary()
    home = tmp_path_factory.mktemp("clamd")
    database = home / "database"
    database.mkdir()
    # An extended signature (.ndb): name, any target type (0), anywhere in the file (*), the bytes in hex.
    (database / "eicar.ndb").write_text(f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n")
    socket_path, port = home / "clamd.sock", free_port()
    config = home / "clamd.conf"
    config.write_text("\n".join([
        f"LocalSocket {socket_path}", f"TCPSocket {port}", "TCPAddr 127.0.0.1", f"DatabaseDirectory {database}",
        f"LogFile {home / 'clamd.log'}", f"PidFile {home / 'clamd.pid'}", f"TemporaryDirectory {home}",
        "Foreground yes", "SelfCheck 0", "MaxThreads 2", "StreamMaxLength 25M", "",
    ]))
    process = subprocess.Popen([binary, "--foreground", f"--config-file={config}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not answers_ping(socket_path):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (home / "clamd.log").read_text() if (home / "clamd.log").exists() else ""
                pytest.fail(f"clamd did not start (exit code {process.poll()}):\n{log[-3000:]}")
            time.sleep(0.2)
        yield str(socket_path), f"tcp://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_eicar_file_is_found_even_when_named_pdf(clamd):
    socket_path, _ = clamd
    result = scan(EICAR, socket_path)
    assert result == ScanResult(clean=False, signature="Eicar-Test-Signature.UNOFFICIAL")


def eicar_pdf() -> bytes:
    """A real PDF (it opens) carrying the EICAR string in a comment line."""
    return clean_pdf().replace(b"%%EOF", b"%" + EICAR + b"\n%%EOF")


def test_the_eicar_string_inside_a_real_pdf_is_found(clamd):
    socket_path, _ = clamd
    assert not scan(eicar_pdf(), socket_path).clean


def test_a_clean_pdf_is_clean(clamd):
    socket_path, _ = clamd
    assert scan(clean_pdf(), socket_path) == ScanResult(clean=True, signature=None)


def test_clamd_over_tcp_scans_too(clamd):
    _, tcp_address = clamd
    assert scan(clean_pdf(), tcp_address).clean
    assert not scan(EICAR, tcp_address).clean


def test_a_file_of_20_mb_is_scanned_in_chunks(clamd):
    socket_path, _ = clamd
    assert not scan(b"\0" * (20 * 1024 * 1024 - len(EICAR)) + EICAR, socket_path).clean


def test_a_stream_longer_than_clamd_takes_is_not_passed_as_clean(clamd):
    socket_path, _ = clamd
    with pytest.raises(ScannerUnavailable):
        scan(b"\0" * (26 * 1024 * 1024), socket_path)


def test_no_clamd_at_the_socket_is_scanner_unavailable(tmp_path):
    with pytest.raises(ScannerUnavailable):
        scan(clean_pdf(), str(tmp_path / "no-such.sock"))
    not_a_socket = tmp_path / "file"
    not_a_socket.write_bytes(b"")
    with pytest.raises(ScannerUnavailable):
        scan(clean_pdf(), str(not_a_socket))


def test_no_clamd_on_the_tcp_port_is_scanner_unavailable():
    with pytest.raises(ScannerUnavailable):
        scan(clean_pdf(), f"tcp://127.0.0.1:{free_port()}")
    with pytest.raises(ScannerUnavailable):
        scan(clean_pdf(), "tcp://127.0.0.1")


def test_scanning_is_configured_by_clamd_socket():
    assert scanning_configured({"CLAMD_SOCKET": "/run/clamav/clamd.ctl"})
    assert not scanning_configured({"CLAMD_SOCKET": ""})
    assert not scanning_configured({})


def test_a_clamd_that_does_not_answer_is_scanner_unavailable(tmp_path):
    """A socket that takes the connection but never replies (a clamd hung or overloaded)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(str(tmp_path / "silent.sock"))
        silent.listen(1)
        with pytest.raises(ScannerUnavailable):
            scan(clean_pdf(), str(tmp_path / "silent.sock"), timeout=0.5)



# Through the response form, with CLAMD_SOCKET set.

def answer_with(request, settings, clamd, name: str, content: bytes):
    """Send a response with one file to an app whose uploads clamd scans (CLAMD_SOCKET set first)."""
    settings["CLAMD_SOCKET"] = clamd[0]
    app = request.getfixturevalue("app")
    invited, = invite_bodies(app, make_consultation(), ORSTA)
    data = {"contact_name": "Kari Nordmann", "contact_email": "kari@orsta.example.no", "text": "Se vedlegget.",
            "attachments": [(io.BytesIO(content), name)]}
    return app.test_client().post(f"/hoeringer/digital-dialog/svar/{invited.token}", data=data,
                                  content_type="multipart/form-data")


def test_an_infected_upload_is_refused_and_nothing_is_saved(request, settings, clamd):
    response = answer_with(request, settings, clamd, "brev.pdf", eicar_pdf())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "inneholder skadelig kode (Eicar-Test-Signature.UNOFFICIAL)" in page and "Se vedlegget." in page
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0


def test_a_clean_upload_is_stored_as_scanned(request, settings, clamd):
    assert answer_with(request, settings, clamd, "brev.pdf", clean_pdf()).status_code == 302
    assert db.session.scalar(sa.select(ResponseAttachment.scanned)) is True


def test_an_upload_is_refused_when_clamd_is_down(request, settings, tmp_path):
    response = answer_with(request, settings, (str(tmp_path / "ingen.sock"), ""), "brev.pdf", clean_pdf())
    assert response.status_code == 400 and "kunne ikke sjekke" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(FormalResponse.id))) == 0
