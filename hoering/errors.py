"""Friendly error pages (and JSON errors under /api/), in the reader's language."""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.http import HTTP_STATUS_CODES

from hoering.rejections import Missing
from hoering.request_log import current_request_id

MESSAGES = {
    400: _l("Forespørselen kunne ikke behandles."),
    403: _l("Du har ikke tilgang til denne siden."),
    404: _l("Vi finner ikke siden du leter etter. Den kan være flyttet, eller adressen kan være feil."),
    405: _l("Denne handlingen er ikke tillatt her."),
    413: _l("Det du sendte, er for stort. Et Word-dokument kan være på høyst 10 MB. "
            "Gå tilbake, og prøv igjen med en mindre fil."),
    429: _l("Du har sendt mange forespørsler på kort tid. Vent litt, og prøv igjen."),
    500: _l("Noe gikk galt hos oss. Prøv igjen om litt."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, message=None):
    message = str(message or MESSAGES.get(code, MESSAGES[500]))
    if _wants_json():
        return _problem(code, message)
    return render_template("errors/error.html", code=code, message=message, typed=_typed_text(),
                           request_id=current_request_id()), code


def _problem(code: int, message: str):
    """An RFC 9457 problem (``application/problem+json``). ``error`` is the shape the API answered
    with before, kept for the scripts written against it (the RFC allows members of one's own);
    ``request_id`` is the id in our logs, to quote when asking about the error."""
    response = current_app.json.response(
        type="about:blank", title=HTTP_STATUS_CODES.get(code, "Error"), status=code, detail=message,
        error={"status": code, "message": message}, request_id=current_request_id(),
    )
    response.status_code = code
    response.mimetype = "application/problem+json"
    return response


# Form fields whose content someone may have spent a while writing: a comment, a caseworker's
# assessment of a theme, a quote being chosen.
TYPED_FIELDS = ("text", "assessment")


def _typed_text() -> str:
    """Whatever the error, the longer text someone typed is shown back so that it is never lost.

    Unless the body itself is the problem (too large, or unreadable): then there is nothing to show,
    and reading it again would only raise the same error inside this handler.
    """
    if request.method != "POST":
        return ""
    try:
        return next((request.form[name] for name in TYPED_FIELDS if request.form.get(name, "").strip()), "")
    except HTTPException:
        return ""


def init_app(app: Flask) -> None:
    @app.errorhandler(Missing)
    def missing(_error):
        return render_error(404)

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(400, _l("Skjemaet var utløpt. Gå tilbake, last siden på nytt og send igjen."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        message = MESSAGES.get(code) if not isinstance(error, NotFound) else None
        return render_error(code, message)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.testing and app.config.get("PROPAGATE_UNEXPECTED", True):
            raise error
        # The id is in the message too, for text logs: the citizen's error page shows it.
        app.logger.exception("Unhandled error (request id %s)", current_request_id())
        return render_error(500)
