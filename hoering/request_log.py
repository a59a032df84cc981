"""A request id for every request, and logs as one JSON object per line (``LOG_FORMAT=json``).

The id is what ties a citizen's error page to the operator's log: it is shown on every error page and
in every API problem, sent back as ``X-Request-ID`` on every response, and written on every log line
made while the request runs. A proxy's own ``X-Request-ID`` is kept when it is a plain short token, so
nginx's log and ours share it; anything else (too long, odd characters, a second header's worth of
text) is replaced, since it would end up in our logs and pages.

One access line per request (logger ``hoering.access``): method, path, status, duration in ms, id.
Deliberately not logged: the client's IP address and user agent (personal data under GDPR, and the
proxy's log already has them for as long as its own retention allows), the query string (it holds
citizens' search words) and the secret in a URL that carries one (``/innspill/<token>``, the receipt
link that opens a citizen's own comment: the route is logged in its place).
"""
from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import time
import traceback
from datetime import datetime, timezone

from flask import Flask, g, has_request_context, request, request_started
from flask.logging import default_handler

HEADER = "X-Request-ID"
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
ACCESS_LOGGER = "hoering.access"
# URL variables that are secrets (a receipt's or an unsubscribe link's token): never in a log.
SECRET_URL_VARIABLES = frozenset({"token"})

# What every LogRecord has; anything else on a record came with ``extra=`` and is logged as a field.
_RECORD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def accepted_or_new(incoming: str | None) -> str:
    """The proxy's id when it is 1–64 characters of ``[A-Za-z0-9._-]``, else a new one of 16 hex digits."""
    if incoming and SAFE_ID.fullmatch(incoming):
        return incoming
    return secrets.token_hex(8)


def current_request_id() -> str | None:
    """The id of the request being handled; None outside a request (a command, a worker)."""
    if not has_request_context():
        return None
    if "request_id" not in g:  # something failed before _start_request ran: the id is still given
        g.request_id = accepted_or_new(request.headers.get(HEADER))
    return g.request_id


class RequestIdFilter(logging.Filter):
    """Puts the request's id on every record that passes the handler (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (ISO 8601, UTC), level, logger, message, request_id when in a
    request, the traceback as one string when there is one, and the fields given with ``extra=``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update((key, value) for key, value in record.__dict__.items()
                     if key not in _RECORD_ATTRIBUTES and key not in entry and not key.startswith("_"))
        entry = {key: value for key, value in entry.items() if value is not None}
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class JsonHandler(logging.StreamHandler):
    """The handler ``LOG_FORMAT=json`` puts on the root logger (a class of its own, so it is put there once)."""

    def __init__(self, stream=None) -> None:
        super().__init__(stream or sys.stderr)
        self.setFormatter(JsonFormatter())
        self.addFilter(RequestIdFilter())


def log_as_json(app: Flask) -> None:
    """Every logger's records, the app's and the libraries', as JSON lines on stderr; hoering's from INFO
    (the access lines), the libraries' from WARNING as before. Safe to call for each app a process makes
    (an RQ worker makes one per job)."""
    root = logging.getLogger()
    if not any(isinstance(handler, JsonHandler) for handler in root.handlers):
        root.addHandler(JsonHandler())
    app.logger.removeHandler(default_handler)  # Flask's text handler would write each line twice
    if app.logger.level == logging.NOTSET or app.logger.level > logging.INFO:
        app.logger.setLevel(logging.INFO)


def _logged_path() -> str:
    """The path without its query string; the route instead when the path holds a secret."""
    rule, arguments = request.url_rule, request.view_args or {}
    if rule is not None and SECRET_URL_VARIABLES & arguments.keys():
        return rule.rule
    return request.path


def _start_request(_app: Flask, **_extra) -> None:
    g.request_id = accepted_or_new(request.headers.get(HEADER))
    g.request_started = time.perf_counter()


def init_app(app: Flask) -> None:
    """The id and the access line for every request; JSON logs when ``LOG_FORMAT`` is ``json``."""
    access = logging.getLogger(ACCESS_LOGGER)
    if app.config.get("LOG_FORMAT") == "json":
        log_as_json(app)
        access.setLevel(logging.INFO)
    else:  # the readable logs of `flask run`, whose server writes an access line of its own
        access.setLevel(logging.WARNING)

    # A signal, sent before any before_request hook (the refusal of other hosts stays the first of
    # those): every response, however early it is answered, has an id and a duration.
    request_started.connect(_start_request, app)

    @app.after_request
    def log_request(response):
        response.headers[HEADER] = current_request_id()
        # Until the response is made: a streamed body (the CSV export) is still being sent after this.
        started = g.get("request_started")
        duration_ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
        path = _logged_path()
        access.info("%s %s %s", request.method, path, response.status_code, extra={
            "method": request.method, "path": path, "status": response.status_code, "duration_ms": duration_ms})
        return response
