"""The JSON log formatter, the request ids it writes, and the LOG_FORMAT setting."""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone

import pytest

from hoering.config import log_format_from, settings_from
from hoering.request_log import JsonFormatter, accepted_or_new


def _record(message="Innspill %s lagret", args=("42",), level=logging.INFO, exc_info=None, **extra):
    record = logging.LogRecord("hoering.comments", level, __file__, 10, message, args, exc_info)
    record.__dict__.update(extra)
    return record


def _formatted(record) -> dict:
    line = JsonFormatter().format(record)
    assert "\n" not in line, "one object per line"
    return json.loads(line)


def test_a_record_is_one_json_object_with_time_level_logger_and_message():
    entry = _formatted(_record())
    assert entry["level"] == "INFO"
    assert entry["logger"] == "hoering.comments"
    assert entry["message"] == "Innspill 42 lagret"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["time"])
    written = datetime.fromisoformat(entry["time"].replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - written).total_seconds()) < 60
    assert "request_id" not in entry and "traceback" not in entry  # outside a request, no error


def test_the_request_id_and_fields_given_with_extra_are_fields_of_their_own():
    entry = _formatted(_record(request_id="3f9a1c07b2d84e65", status=404, path="/hoeringer/ukjent"))
    assert entry["request_id"] == "3f9a1c07b2d84e65"
    assert (entry["status"], entry["path"]) == (404, "/hoeringer/ukjent")


def test_norwegian_letters_and_line_breaks_stay_readable_on_one_line():
    entry = _formatted(_record("Høring «Skolestruktur»\nandre linje", ()))
    assert entry["message"] == "Høring «Skolestruktur»\nandre linje"
    assert "Høring" in JsonFormatter().format(_record("Høring", ()))


def test_an_exception_is_logged_with_its_traceback_as_one_string():
    try:
        raise ValueError("kunne ikke lese utkastet")
    except ValueError:
        exc_info = sys.exc_info()
    entry = _formatted(_record("Unhandled error", (), level=logging.ERROR, exc_info=exc_info))
    assert entry["level"] == "ERROR"
    assert entry["traceback"].startswith("Traceback (most recent call last):")
    assert entry["traceback"].endswith("ValueError: kunne ikke lese utkastet")
    assert "test_an_exception_is_logged_with_its_traceback" in entry["traceback"]


@pytest.mark.parametrize("incoming", ["3f9a1c07b2d84e65", "nginx-7f3a.b_2", "a", "x" * 64])
def test_a_safe_incoming_request_id_is_kept(incoming):
    assert accepted_or_new(incoming) == incoming


@pytest.mark.parametrize("incoming", [None, "", "x" * 65, "to ord", "id\nFalsk: linje", "<script>", "æøå", "a/b"])
def test_an_unsafe_or_missing_request_id_is_replaced_by_a_new_one(incoming):
    new = accepted_or_new(incoming)
    assert re.fullmatch(r"[0-9a-f]{16}", new)
    assert new != accepted_or_new(incoming)


def test_logs_are_json_under_gunicorn_and_text_for_the_development_server_unless_set():
    assert log_format_from("") == "text"
    assert log_format_from("", "gunicorn/23.0.0") == "json"
    assert log_format_from("text", "gunicorn/23.0.0") == "text"
    assert log_format_from(" JSON ") == "json"
    assert settings_from({})["LOG_FORMAT"] == "text"
    assert settings_from({"SERVER_SOFTWARE": "gunicorn/23.0.0"})["LOG_FORMAT"] == "json"
    assert settings_from({"LOG_FORMAT": "json"})["LOG_FORMAT"] == "json"


def test_an_unknown_log_format_stops_the_app_at_start_up():
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        settings_from({"LOG_FORMAT": "xml"})
