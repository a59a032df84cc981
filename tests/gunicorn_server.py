"""Gunicorn serving wsgi:app with two workers on the suite's database, on a free port: production's
server for the tests that need it (a streamed download, metrics summed over workers)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 15


@contextmanager
def served_by_gunicorn(app, tmp_path: Path, **settings: str) -> Iterator[str]:
    """Yields the server's base URL; ``settings`` are added to its environment. Its output is in
    ``tmp_path / "gunicorn.log"`` once the block ends."""
    port = _free_port()
    environ = {key: value for key, value in os.environ.items()
               if key not in ("REDIS_URL", "ANALYSIS_BACKEND", "PUBLIC_URL")}
    environ.update(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="gunicorn-test",
                   RATELIMIT_ENABLED="0", **settings)
    with (tmp_path / "gunicorn.log").open("w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=PROJECT, env=environ, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_listening(port, server, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen on port {port} within {STARTUP_SECONDS} s")
