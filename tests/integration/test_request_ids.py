"""Every response carries a request id (X-Request-ID), the error pages and API problems show it, and the
log lines of a request (its access line, an unhandled error's traceback) carry it, so an operator finds
in the log what a citizen quotes from the page."""
from __future__ import annotations

import io
import json
import logging
import re

import pytest

from hoering import create_app
from hoering.request_log import ACCESS_LOGGER, JsonHandler

HEX_ID = re.compile(r"[0-9a-f]{16}")


@pytest.fixture
def hoering_loggers(monkeypatch):
    """hoering's loggers as production has them: the suite's migrations run alembic's fileConfig, which
    disables every logger that existed then."""
    for name in ("hoering", ACCESS_LOGGER, "hoering.test"):
        monkeypatch.setattr(logging.getLogger(name), "disabled", False)


@pytest.fixture
def json_log(hoering_loggers):
    """The JSON lines that hoering's loggers write during the test, access lines included: the handler
    LOG_FORMAT=json puts on the root logger, here on "hoering" and writing into a buffer."""
    buffer = io.StringIO()
    handler = JsonHandler(buffer)
    hoering, access = logging.getLogger("hoering"), logging.getLogger(ACCESS_LOGGER)
    levels = hoering.level, access.level
    hoering.setLevel(logging.INFO)
    access.setLevel(logging.INFO)
    hoering.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        hoering.removeHandler(handler)
        hoering.setLevel(levels[0])
        access.setLevel(levels[1])


@pytest.fixture
def failing_page(app):
    """A page whose view fails, answered as production answers it (not raised into the test)."""
    app.config["PROPAGATE_UNEXPECTED"] = False

    @app.get("/test-feil")
    def broken():
        logging.getLogger("hoering.test").warning("Leser utkastet")
        raise RuntimeError("utkastet kunne ikke leses")

    return "/test-feil"


def test_every_response_carries_a_new_request_id(app, client):
    first, second = client.get("/"), client.get("/")
    assert first.status_code == 200
    assert HEX_ID.fullmatch(first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_a_proxys_safe_request_id_is_kept(app, client):
    response = client.get("/", headers={"X-Request-ID": "nginx-7f3a9c.1_b"})
    assert response.headers["X-Request-ID"] == "nginx-7f3a9c.1_b"


@pytest.mark.parametrize("incoming", ["x" * 65, "to ord", "<script>alert(1)</script>", "æøå", ""])
def test_an_unsafe_request_id_is_replaced(app, client, incoming):
    response = client.get("/", headers={"X-Request-ID": incoming})
    assert HEX_ID.fullmatch(response.headers["X-Request-ID"])


def test_a_request_refused_before_any_view_carries_the_request_id_too(settings):
    app = create_app({**settings, "PUBLIC_URL": "https://hoering.fjordvik.kommune.no"})
    response = app.test_client().get("/", base_url="https://evil.example")
    assert response.status_code == 400
    assert f"<code>{response.headers['X-Request-ID']}</code>" in response.get_data(as_text=True)


def test_a_304_carries_the_request_id_too(app, client):
    first = client.get("/api/v1/openapi.json")
    unchanged = client.get("/api/v1/openapi.json", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304
    assert HEX_ID.fullmatch(unchanged.headers["X-Request-ID"])


def test_the_404_page_shows_the_id_to_quote(app, client):
    response = client.get("/hoeringer/finnes-ikke")
    assert response.status_code == 404
    request_id = response.headers["X-Request-ID"]
    page = response.get_data(as_text=True)
    assert f"Feil-ID: <code>{request_id}</code>" in page
    assert "Oppgi den hvis du kontakter kommunen." in page


def test_the_500_page_shows_the_id_and_the_log_has_the_traceback_under_it(app, client, failing_page, json_log):
    response = client.get(failing_page)
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert f"<code>{request_id}</code>" in response.get_data(as_text=True)
    lines = [line for line in json_log() if line.get("request_id") == request_id]
    error = next(line for line in lines if line["level"] == "ERROR")
    assert request_id in error["message"]  # in text logs too
    assert error["traceback"].endswith("RuntimeError: utkastet kunne ikke leses")
    assert {"level": "WARNING", "logger": "hoering.test", "message": "Leser utkastet"}.items() <= lines[0].items()
    assert lines[-1]["logger"] == ACCESS_LOGGER and lines[-1]["status"] == 500


def test_an_api_problem_carries_the_request_id(app, client):
    response = client.get("/api/v1/consultations/ukjent", headers={"X-Request-ID": "proxy-42"})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["request_id"] == response.headers["X-Request-ID"] == "proxy-42"


def test_the_access_line_has_the_path_without_the_query_and_no_address(app, client, json_log):
    response = client.get("/sok?q=min+nabo+Ola+Nordmann", headers={"User-Agent": "Nettleser/1.0"})
    (line,) = [line for line in json_log() if line["logger"] == ACCESS_LOGGER]
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/sok", response.status_code)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    written = json.dumps(line)
    assert "Nordmann" not in written and "127.0.0.1" not in written and "Nettleser" not in written


def test_a_secret_in_the_path_is_logged_as_its_route(app, client, json_log):
    client.get("/innspill/hemmelig-kvitteringsnokkel")
    (line,) = [line for line in json_log() if line["logger"] == ACCESS_LOGGER]
    assert line["path"] == "/innspill/<token>"
    assert "hemmelig" not in json.dumps(line)


def test_with_log_format_json_the_app_writes_json_lines_on_stderr(settings, hoering_loggers, capsys):
    root, level = logging.getLogger(), logging.getLogger("hoering").level
    app = create_app({**settings, "LOG_FORMAT": "json"})
    try:
        assert sum(isinstance(handler, JsonHandler) for handler in root.handlers) == 1
        create_app({**settings, "LOG_FORMAT": "json"})  # a second app (an RQ worker's next job): still one
        assert sum(isinstance(handler, JsonHandler) for handler in root.handlers) == 1
        response = app.test_client().get("/hoeringer/finnes-ikke")
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
        assert {"logger": ACCESS_LOGGER, "path": "/hoeringer/finnes-ikke", "status": 404,
                "request_id": response.headers["X-Request-ID"]}.items() <= lines[-1].items()
    finally:
        for handler in [handler for handler in root.handlers if isinstance(handler, JsonHandler)]:
            root.removeHandler(handler)
        logging.getLogger("hoering").setLevel(level)
        logging.getLogger(ACCESS_LOGGER).setLevel(logging.WARNING)
